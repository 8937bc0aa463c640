// The practitioner's shortlist: service ids kept in this browser (localStorage), or shared as ?ids=a,b,c.
// A shared list is read-only: nothing done to it changes the person's own saved list, and "Save to my shortlist"
// adds its services to that list.
const root = new URL("../", import.meta.url);
const status = document.querySelector("[data-lo-shortlist-status]");
const leftOut = document.querySelector("[data-lo-shortlist-left-out]");
const list = document.querySelector("[data-lo-shortlist-items]");
const save = document.querySelector("[data-lo-save-list]");
const clear = document.querySelector("[data-lo-clear-list]");
const KEY = "lo-shortlist";

// Service ids are looked up in Maps, never as a plain object's properties: "constructor" or "__proto__" in a shared
// address or a stored list is an id like any other, which names no service.
const ID = /^[a-z0-9][a-z0-9-]*$/;
const keep = (ids) => { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch { /* not kept */ } };
// The list kept in this browser may be anything (another version of the site, an extension, a hand edit): read as
// a list of ids, each once; `repaired` says whether anything had to be left out to read it.
function read() {
  let raw = null;
  try { raw = localStorage.getItem(KEY); } catch { /* storage blocked: nothing kept */ }
  if (raw === null) return { ids: [], repaired: false };
  let value;
  try { value = JSON.parse(raw); } catch { value = null; }
  const ids = Array.isArray(value) ? [...new Set(value.filter((id) => typeof id === "string" && ID.test(id)))] : [];
  return { ids, repaired: !Array.isArray(value) || ids.length !== value.length };
}
const stored = () => read().ids;
const shared = [...new Set((new URLSearchParams(location.search).get("ids") || "").split(",").filter(Boolean))];
const own = read();
if (own.repaired && !shared.length) keep(own.ids); // repaired once, so the notice is shown once
let ids = shared.length ? shared : own.ids;
// A shared list is worded as shared (the heading and lead by the page's class, the tab's title here).
if (shared.length) document.title = document.title.replace(/^Your shortlist/, "A shortlist someone shared with you");
const REPAIRED = "Your saved shortlist could not all be read, so what could not be read was removed.";

const printed = document.querySelector("[data-lo-printed]");
printed.textContent = "Shortlist printed on "
  + new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function fact(facts, label, value, href) {
  if (!value) return;
  const row = element("div");
  const dd = element("dd");
  if (href) {
    const link = element("a", value);
    link.href = href;
    dd.append(link);
  } else {
    dd.textContent = value;
  }
  row.append(element("dt", label), dd);
  facts.append(row);
}

function card(id, service) {
  const item = element("li", "", "lo-card lo-sheet__item");
  const heading = element("h2", "", "lo-card__title");
  const page = new URL(service.url, root).href;
  const link = element("a", service.name);
  link.href = page;
  heading.append(link);
  item.append(heading);
  if (service.status === "temporarily-closed") {
    item.append(element("p", service.reopens
      ? `Temporarily closed until ${service.reopens}.`
      : "Temporarily closed: contact the service to ask when it opens again.", "lo-badge lo-badge--closed"));
  }
  item.append(element("p", service.summary, "lo-card__summary"));
  const facts = element("dl", "", "lo-sheet__facts");
  fact(facts, "Run by", service.organisation);
  fact(facts, "Ages", service.ages);
  fact(facts, "How to get it", service.referral);
  fact(facts, "Phone", service.phone, service.phone && "tel:" + service.tel);
  fact(facts, "Email", service.email, service.email && "mailto:" + service.email);
  fact(facts, "Website", service.website, service.website);
  fact(facts, "Address", service.address);
  fact(facts, "Opening times", service.opening_times);
  fact(facts, "Page", page.replace(/^https?:\/\//, ""));
  item.append(facts);
  if (!shared.length) {
    const remove = element("button", "Remove", "md-button lo-remove");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${service.name} from your shortlist`);
    remove.addEventListener("click", () => {
      const place = [...list.children].indexOf(item);
      ids = ids.filter((x) => x !== id);
      keep(ids);
      show(`${service.name} removed.`);
      // Focus goes to the card that took its place (or the one before, or the status when none is left).
      const cards = list.children;
      const next = cards[Math.min(place, cards.length - 1)];
      (next ? next.querySelector(".lo-card__title a") : status).focus();
    });
    item.append(remove);
  }
  return item;
}

let services = new Map();
let closed = new Map();

// Only the entries of a plain JSON object, as a Map (never its inherited names).
const entries = (value) => new Map(value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : []);

function show(message) {
  const known = ids.filter((id) => services.has(id));
  list.replaceChildren(...known.map((id) => card(id, services.get(id))));
  const count = known.length === 1 ? "1 service" : `${known.length} services`;
  const intro = shared.length ? `A shared shortlist of ${count}.` : `Your shortlist has ${count}.`;
  const empty = shared.length ? "This shared shortlist has no services." : "Your shortlist is empty. "
    + "Use the Add to shortlist button on a service page.";
  status.textContent = (message ? message + " " : "") + (known.length ? intro : empty);
  const gone = ids.filter((id) => !services.has(id));
  const names = gone.filter((id) => closed.has(id)).map((id) => closed.get(id));
  const unknown = gone.length - names.length;
  const parts = [];
  if (names.length) parts.push(`Left out because ${names.length === 1 ? "it has" : "they have"} closed: ${names.join(", ")}.`);
  if (unknown) parts.push(`${unknown === 1 ? "1 service" : `${unknown} services`} on this list ${unknown === 1 ? "is" : "are"} no longer listed.`);
  leftOut.textContent = parts.join(" ");
  leftOut.hidden = !parts.length;
}

document.querySelector("[data-lo-print-list]").addEventListener("click", () => window.print());
document.querySelector("[data-lo-copy-list]").addEventListener("click", async () => {
  const url = `${location.origin}${location.pathname}?ids=${ids.join(",")}`;
  try { await navigator.clipboard.writeText(url); show("Link copied."); } catch { window.prompt("Copy this link:", url); }
});
clear.addEventListener("click", () => {
  ids = [];
  if (!shared.length) keep(ids); // a shared list is only shown: the saved list stays as it was
  show(shared.length ? "The shared list is cleared from this page; your own shortlist is unchanged." : "");
});
save.addEventListener("click", () => {
  keep([...new Set([...stored(), ...ids.filter((id) => services.has(id))])]);
  show("Saved to your shortlist.");
});

// The app is laid out from the first paint (data-lo-js-only), and "Save to my shortlist" and the clear button's
// words for a shared list by the page's class (lo-shared, partials/early.html), so nothing moves when the list comes.
fetch(new URL("assets/shortlist.json", root))
  .then((response) => response.json())
  .then((data) => {
    services = entries(data.services);
    closed = entries(data.closed);
    show(own.repaired && !shared.length ? REPAIRED : "");
  })
  .catch(() => { status.textContent = "The shortlist could not be loaded. Please try again."; });
