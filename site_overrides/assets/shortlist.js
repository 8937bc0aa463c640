// The practitioner's shortlist: service ids kept in this browser (localStorage), or shared as ?ids=a,b,c.
const root = new URL("../", import.meta.url);
const app = document.querySelector("[data-lo-shortlist-app]");
const status = document.querySelector("[data-lo-shortlist-status]");
const list = document.querySelector("[data-lo-shortlist-items]");
const save = document.querySelector("[data-lo-save-list]");
const KEY = "lo-shortlist";

const stored = () => { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch { return []; } };
const keep = (ids) => { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch { /* not kept */ } };
const shared = (new URLSearchParams(location.search).get("ids") || "").split(",").filter(Boolean);
let ids = shared.length ? shared : stored();

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function contactLine(label, value, href) {
  const line = element("p", "", "lo-card__facts");
  line.append(`${label}: `);
  const link = element("a", value);
  link.href = href;
  line.append(link);
  return line;
}

function card(id, service) {
  const item = element("li", "", "lo-card");
  const heading = element("h2", "", "lo-card__title");
  const link = element("a", service.name);
  link.href = new URL(service.url, root).href;
  heading.append(link);
  item.append(heading, element("p", service.summary, "lo-card__summary"), element("p", service.organisation, "lo-note"));
  if (service.phone) item.append(contactLine("Phone", service.phone, "tel:" + service.tel));
  if (service.email) item.append(contactLine("Email", service.email, "mailto:" + service.email));
  if (service.website) item.append(contactLine("Website", service.website, service.website));
  if (!shared.length) {
    const remove = element("button", "Remove", "md-button lo-remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${service.name} from your shortlist`);
    remove.addEventListener("click", () => {
      ids = ids.filter((x) => x !== id);
      keep(ids);
      show(`${service.name} removed.`);
    });
    item.append(remove);
  }
  return item;
}

let services = {};

function show(message) {
  const known = ids.filter((id) => services[id]);
  list.replaceChildren(...known.map((id) => card(id, services[id])));
  const count = known.length === 1 ? "1 service" : `${known.length} services`;
  const intro = shared.length ? `A shared shortlist of ${count}.` : `Your shortlist has ${count}.`;
  status.textContent = (message ? message + " " : "") + (known.length ? intro : "Your shortlist is empty. "
    + "Use the Add to shortlist button on a service page.");
  save.hidden = !shared.length;
}

document.querySelector("[data-lo-print-list]").addEventListener("click", () => window.print());
document.querySelector("[data-lo-copy-list]").addEventListener("click", async () => {
  const url = `${location.origin}${location.pathname}?ids=${ids.join(",")}`;
  try { await navigator.clipboard.writeText(url); show("Link copied."); } catch { window.prompt("Copy this link:", url); }
});
document.querySelector("[data-lo-clear-list]").addEventListener("click", () => { ids = []; keep(ids); show(""); });
save.addEventListener("click", () => {
  keep([...new Set([...stored(), ...ids])]);
  show("Saved to your shortlist.");
});

app.hidden = false;
fetch(new URL("assets/shortlist.json", root))
  .then((response) => response.json())
  .then((data) => { services = data; show(""); })
  .catch(() => { status.textContent = "The shortlist could not be loaded. Please try again."; });
