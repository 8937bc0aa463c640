// Local Offer search: Pagefind's JavaScript API behind a plain, accessible form.
// Everything runs in the browser: the query never leaves the device. The query and filters live in the URL
// (?q=autism&need=sensory-and-physical) so a search can be shared, bookmarked or reloaded.

const PAGE_SIZE = 10;
const root = new URL("../", import.meta.url);
const form = document.querySelector("[data-lo-search]");
const input = form.querySelector("input[name=q]");
const filters = form.querySelector("[data-lo-filters]");
const area = document.querySelector("[data-lo-results-area]");
const status = document.querySelector("[data-lo-status]");
const list = document.querySelector("[data-lo-results]");
const more = document.querySelector("[data-lo-more]");
const groups = [...form.querySelectorAll("fieldset[data-filter]")].map((f) => f.dataset.filter);

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    await pagefind.init();
  }
  return pagefind;
}

function readState() {
  const params = new URLSearchParams(location.search);
  const chosen = {};
  for (const key of groups) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) chosen[key] = values;
  }
  return { q: (params.get("q") || "").trim(), chosen };
}

function formState() {
  const chosen = {};
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] ||= []).push(box.value);
  }
  return { q: input.value.trim(), chosen };
}

function showState(state) {
  input.value = state.q;
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = (state.chosen[box.name] || []).includes(box.value);
  }
  if (Object.keys(state.chosen).length) filters.open = true;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of groups) for (const value of state.chosen[key] || []) params.append(key, value);
  const query = params.toString();
  return location.pathname + (query ? "?" + query : "");
}

function filterCount(state) {
  return Object.values(state.chosen).reduce((n, values) => n + values.length, 0);
}

function describe(count, state) {
  const what = count === 1 ? "1 result" : `${count} results`;
  const words = state.q ? ` for ‘${state.q}’` : "";
  const n = filterCount(state);
  const narrowed = n ? ` with ${n} ${n === 1 ? "filter" : "filters"}` : "";
  return count === 0 ? `No results${words}${narrowed}.` : `${what}${words}${narrowed}.`;
}

function text(tag, className, value) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = value;
  return element;
}

function plain(html) {
  const doc = new DOMParser().parseFromString(html || "", "text/html");
  return doc.body.textContent || "";
}

function renderResult(data) {
  const item = document.createElement("li");
  item.className = "lo-result";
  const heading = document.createElement("h3");
  const link = text("a", "", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  item.append(heading);
  item.append(text("p", "lo-result__summary", data.meta.summary || plain(data.excerpt)));
  const facts = [data.meta.organisation, data.meta.ages ? `Ages ${data.meta.ages}` : ""].filter(Boolean);
  if (facts.length) item.append(text("p", "lo-result__facts", facts.join(" · ")));
  return item;
}

async function showMore() {
  const next = results.slice(shown, shown + PAGE_SIZE);
  const datas = await Promise.all(next.map((r) => r.data()));
  for (const data of datas) list.append(renderResult(data));
  shown += next.length;
  more.hidden = shown >= results.length;
}

async function run(state) {
  const mine = ++generation;
  area.hidden = false;
  if (!state.q && !filterCount(state)) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Type what you are looking for, or choose filters, then press Search.";
    return;
  }
  status.textContent = "Searching…";
  try {
    const search = await engine();
    const chosen = {};
    for (const [key, values] of Object.entries(state.chosen)) chosen[key] = { any: values };
    const found = await search.search(state.q || null, { filters: chosen });
    if (mine !== generation) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    await showMore();
    if (mine !== generation) return;
    status.textContent = describe(results.length, state);
  } catch (error) {
    status.textContent = "Search is not working right now. Please use the A to Z of services instead.";
    console.error(error);
  }
}

// "autism support age 4" → the words "autism support" and the age filter for the band holding 4,
// because families type ages, and pages do not list every age in words.
const AGE_WORDS = /\b(?:aged?|ages)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:-\s*)?(?:years?|yrs?|yo)(?:\s*old)?\b/i;

function takeAge(state) {
  const match = state.q.match(AGE_WORDS);
  if (!match) return state;
  const age = Number(match[1] ?? match[2]);
  const band = [...form.querySelectorAll("fieldset[data-filter=age] input")].find((box) => {
    const [low, high] = box.value.split("-").map(Number);
    return age >= low && age <= high;
  });
  if (!band) return state;
  const chosen = { ...state.chosen, age: [...new Set([...(state.chosen.age || []), band.value])] };
  return { q: state.q.replace(match[0], " ").replace(/\s+/g, " ").trim(), chosen };
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const state = takeAge(formState());
  showState(state);
  history.pushState(null, "", stateUrl(state));
  run(state);
});

form.addEventListener("change", (event) => {
  if (event.target.type !== "checkbox") return;
  const state = formState();
  history.replaceState(null, "", stateUrl(state));
  run(state);
});

more.addEventListener("click", () => showMore());

window.addEventListener("popstate", () => {
  const state = readState();
  showState(state);
  run(state);
});

const initial = takeAge(readState());
showState(initial);
if (initial.q || filterCount(initial)) run(initial);
