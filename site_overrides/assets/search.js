// Local Offer search: Pagefind's JavaScript API behind a plain, accessible form.
// Everything runs in the browser: the query never leaves the device. The query and filters live in the URL
// (?q=autism&need=sensory-and-physical) so a search can be shared, bookmarked or reloaded.
//
// What families type is read before searching (assets/search-words.json, written at build time):
// - an age as parents write it ("age 4", "my son is 4", "4yo", "toddler", "year 9", "after year 11", "16+") puts the
//   services for that age first (a preference, never a filter: "year 9 review" still finds a 14-to-25 service that
//   says "year 9 review"), shown as a removable chip; the words in the box are never rewritten;
// - words that carry no meaning here ("my", "child", "help", "with") are skipped, known phrases ("won't go to
//   school", "speech and language") are searched as one;
// - a word the site does not know is corrected to the closest word families use ("autisim" → "autism"; the
//   vocabulary's `common` words, most used first: never a rare word of one service's name), with a way back, and
//   only when the corrected word finds something; two words that make one ("wheel chair") are joined;
// - each remaining word or phrase is searched on its own and the results are combined: pages matching every word
//   first; when none does, the pages matching the most words, with a plain notice. Services rank above guides and
//   other pages with the same words, services for the age asked about above others, and an open service above a
//   temporarily closed one with similar words; a temporarily closed result is followed by open services for the
//   same need and age. Filters without words put the services that name the chosen need (and fewest others) first.
// - a query about an idea rather than a service leads to the page about it: nothing but a term puts first the pages
//   the glossary says explain it in full, nothing but a school year or stage the guides to that move; the glossary's
//   entries are results of their own; another page never counts more of the words than the best service does.

const PAGE_SIZE = 10;
const OTHER_PAGES = 0.5; // weight of guides and other pages against services with the same words
const CLOSED = 0.6; // weight of a temporarily closed service against open ones with the same words
// weight of a school or other setting beside a guide with the same words when the query names no kind of school: a
// family searching a need ("deaf", "SEMH") wants the service for it before a school place, even when a school's name
// says the need
const SETTINGS = 0.6;
const SHORTLIST = "lo-shortlist"; // the shortlist's storage (assets/shortlist.js reads it): service ids, each once
const root = new URL("../", import.meta.url);
const form = document.querySelector("[data-lo-search]");
const input = form.querySelector("input[name=q]");
const filters = form.querySelector("[data-lo-filters]");
const area = document.querySelector("[data-lo-results-area]");
const status = document.querySelector("[data-lo-status]");
const notices = document.querySelector("[data-lo-notices]");
const list = document.querySelector("[data-lo-results]");
const more = document.querySelector("[data-lo-more]");
const nextSteps = document.querySelector("[data-lo-next-steps]");
const groups = [...form.querySelectorAll("fieldset[data-filter]")].map((f) => f.dataset.filter);
const categories = [...form.querySelectorAll("fieldset[data-filter=category] input")].map((box) => box.value);
const settingBoxes = [...form.querySelectorAll("fieldset[data-filter=setting] input")];
const settingTypes = settingBoxes.map((box) => box.value);
// the words that name a kind of school or setting: the last word of each part of the types' labels ("Resource base in
// a mainstream school": base, school). A query with one asks for a place, so schools are not weighed down.
const placeWords = new Set(settingBoxes.flatMap((box) => (box.labels[0] ? box.labels[0].textContent : "")
  .toLowerCase().split(/\s+(?:in|or)\s+/).map((part) => (part.match(/[a-z]+/g) || []).pop()).filter(Boolean)));
const namesPlace = (concept) => concept.split(" ").some((word) => placeWords.has(word) || placeWords.has(word.replace(/s$/, "")));
const needs = [...form.querySelectorAll("fieldset[data-filter=need] input")].map((box) => box.value);
const bands = [...form.querySelectorAll("fieldset[data-filter=age] input")].map((box) => box.value);
const chips = document.querySelector("[data-lo-filter-chips]");
const bar = document.querySelector("[data-lo-filter-bar]");

let pagefind = null;
const RANKING = { termSimilarity: 8.0, pageLength: 0.3 };
let vocabularyPromise = null;
let results = [];
let shown = 0;
let shownState = null; // the search whose results are on show
let generation = 0;

async function engine() {
  if (!pagefind) {
    const loaded = await import(new URL("pagefind/pagefind.js", root).href);
    // a whole word counts far more than a word it begins ("OT" is not "other"); long pages are not held back much
    // no web worker: its script would be one more download after this one, and it would fetch the WebAssembly again
    // rather than use the copy the page preloads (main.html); the index's entry file at a fixed address (`?ts=lo`,
    // not the time), so the page can preload it too (the host revalidates it on every visit: hosting.py)
    await loaded.options({
      baseUrl: root.pathname, excerptLength: 30, noWorker: true, metaCacheTag: "lo", ranking: RANKING,
    });
    await loaded.init();
    pagefind = loaded;
  }
  return pagefind;
}

// ---------------------------------------------------------------------------------------------------------------
// Other languages (issue 28)
//
// Pagefind keeps one index per page language (<html lang>). The other languages' indexes are merged into this page's
// search, each of their pages marked with its language (a `lang` filter), so a Portuguese query finds Portuguese
// pages and English services alike. Only for a query that needs them (in another language, or naming one): an
// English query asks for nothing more. What it costs then: the entry file again (revalidated, as for each merged
// index), and one small metadata file each. A result's language is the start of its id ("pt_…").

const languages = { own: "en", others: [] };
let mergePromise = null;

function otherLanguages(search) {
  mergePromise ||= mergeLanguages(search).catch((error) => console.error(error));
  return mergePromise;
}

async function mergeLanguages(loaded) {
  const base = new URL("pagefind/", root);
  const entry = await fetch(new URL("pagefind-entry.json?ts=lo", base))
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
  const found = entry && typeof entry.languages === "object" && entry.languages ? Object.keys(entry.languages) : [];
  const codes = found.filter((code) => /^[a-z]{2,3}(?:-[a-z0-9]+)*$/i.test(code));
  const lang = (document.documentElement.lang || "en").toLowerCase();
  languages.own = codes.find((code) => code === lang) || codes.find((code) => lang.startsWith(code)) || "en";
  languages.others = codes.filter((code) => code !== languages.own);
  // the index's address written out in full: Pagefind skips a merge at the very address of the page's own index
  await Promise.all(languages.others.map((code) => loaded.mergeIndex(base.href, {
    language: code, metaCacheTag: "lo", mergeFilter: { lang: code }, ranking: RANKING,
  })));
}

function languageOf(id) {
  const code = String(id).split("_")[0];
  return languages.others.includes(code) ? code : languages.own;
}

// A word as the vocabulary holds it, whatever its accents ("Português" is "portugues"; generator/pages/search.py fold).
function fold(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

// Language names in English and in the language itself ("polski", "Soomaali", "العربية"), as [English name, code]:
// a name typed is read as "services whose staff speak it, and pages in it".
function languageNamed(tokens, v, i) {
  if (!v || !v.languages) return null;
  for (const size of [3, 2, 1]) {
    const words = tokens.slice(i, i + size);
    if (words.length < size) continue;
    const named = v.languages.get(words.map(fold).join(" "));
    if (named) return { size, english: named[0], code: named[1] };
  }
  return null;
}

// Whether the vocabulary of the site's own language knows a word (or a short word it searches, such as "OT").
function knownWord(word, v) {
  const folded = fold(word);
  return v.known.has(folded) || v.keys.has(folded) || v.languages.has(folded);
}

// A query is read as another language's when most of its words are not words of the site's language, or when it is
// written in another script. Its words the site does not know, and its short words (the Polish "dla" is not the DLA
// benefit), then count only on pages in other languages; the services whose staff speak the language the query's
// words are found in come next to those pages.
function readLanguage(meaning, v) {
  const { concepts } = meaning;
  if (!v || !concepts.length) return;
  const script = concepts.some((c) => /[^\p{Script=Latin}\p{N}\s']/u.test(c));
  const unknown = concepts.filter((c) => !meaning.named.has(c) && !knownWord(c, v));
  meaning.script = script;
  meaning.foreign = script || unknown.length * 2 > concepts.length;
  if (!meaning.foreign) return;
  for (const c of concepts) {
    if (meaning.named.has(c)) continue;
    if (!knownWord(c, v) || [...c].length <= 3) meaning.localOnly.add(c);
  }
}

// A word the families' vocabulary lacks may still be a word of the site's own pages ("glossary", "trampoline"): a
// query in the site's own script is read as another language's only if most of its words are not words found on the
// site's own pages alone (the other languages' indexes are merged by then).
async function checkLanguage(search, meaning, v) {
  if (!meaning.foreign || meaning.script) return meaning;
  const unknown = meaning.concepts.filter((c) => !meaning.named.has(c) && !knownWord(c, v));
  let own = 0;
  for (const word of unknown) {
    const found = (await search.search(word)).results.map((r) => languageOf(r.id));
    if (found.includes(languages.own) && found.every((code) => code === languages.own)) own += 1;
  }
  if ((unknown.length - own) * 2 <= meaning.concepts.length) {
    meaning.foreign = false;
    meaning.localOnly.clear();
  }
  return meaning;
}

// Which of the results are in another language, and which language the query's words were most found in.
function queryLanguage(ranked) {
  const counts = new Map();
  for (const page of ranked) {
    const code = languageOf(page.result.id);
    if (code !== languages.own) counts.set(code, (counts.get(code) || 0) + page.matched);
  }
  let best = null;
  for (const [code, n] of counts) if (!best || n > counts.get(best)) best = code;
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading what was typed

function vocabulary() {
  vocabularyPromise ||= fetch(new URL("search-words.json", import.meta.url))
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data) return null;
      const known = new Set([...data.words, ...data.known, ...data.stop]);
      const common = Array.isArray(data.common) ? data.common : data.words;
      for (const phrase of data.phrases) for (const word of phrase.split(" ")) known.add(word);
      return {
        targets: common,
        known,
        stop: new Set(data.stop),
        phrases: data.phrases.map((p) => p.split(" ")),
        // looked up by the word typed: a Map, so "constructor" or "__proto__" is a word like any other
        keys: new Map(Object.entries(data.groups || {}).filter(([, words]) => Array.isArray(words))),
        languages: new Map(Object.entries(data.languages || {}).filter(([, named]) => Array.isArray(named) && named.length === 2)),
      };
    })
    .catch(() => null);
  return vocabularyPromise;
}

const LAST_AGE = 25;

// Each pattern gives the ages meant, in order of preference; the first that matches is used.
const AGE_PATTERNS = [
  [/\b(?:son|daughter|child|kid|boy|girl|grandson|granddaughter|he|she|they)(?:'s|\s+is|\s+are|\s+was|\s+turned|\s+turns|\s+just\s+turned)\s+(?:nearly\s+|almost\s+|only\s+)?(\d{1,2})(?![\d%:.]|\s*(?:am|pm|hours?|days?|weeks?|months?|times?)\b)/, (m) => [+m[1], +m[1]]],
  [/\bafter\s+(?:school\s+)?year\s+(\d{1,2})\b/, (m) => (+m[1] <= 13 ? [+m[1] + 5, LAST_AGE] : null), "year"],
  [/\bages?d?\s+(\d{1,2})\s*(?:-|to)\s*(\d{1,2})\b/, (m) => [+m[1], +m[2]]],
  [/\b(?:aged?|ages)\s+(\d{1,2})\b/, (m) => [+m[1], +m[1]]],
  [/\b(\d{1,2})\s*-?\s*(?:years?|yrs?|yo|y\/o)(?:[\s-]*olds?)?\b/, (m) => [+m[1], +m[1]]],
  [/\b(\d{1,2})\s*\+(?!\w)/, (m) => [+m[1], LAST_AGE]],
  [/\b(?:over|from)\s+(\d{1,2})s?\b/, (m) => [+m[1], LAST_AGE]],
  [/\b(?:after|older than)\s+(\d{1,2})\b/, (m) => [+m[1] + 1, LAST_AGE]],
  [/\bunder\s+(\d{1,2})s?\b/, (m) => [0, +m[1] - 1]],
  [/\b(?:school\s+)?year\s+(\d{1,2})\b/, (m) => (+m[1] <= 13 ? [+m[1] + 4, +m[1] + 5] : null), "year"],
  [/\bpost[\s-]?(1[6-9])\b/, (m) => [+m[1], LAST_AGE], "stage"],
  [/\breception(?:\s+class)?\b/, () => [4, 5], "keep"],
  [/\bbab(?:y|ies)\b/, () => [0, 1], "keep"],
  [/\btoddlers?\b/, () => [1, 3]],
  [/\bteen(?:agers?|age|s)?\b/, () => [13, 19]],
];

function readAge(text) {
  for (const [pattern, ages, how] of AGE_PATTERNS) {
    const match = text.match(pattern);
    if (!match) continue;
    const range = ages(match);
    if (!range) continue;
    const low = Math.max(0, range[0]);
    const high = Math.min(LAST_AGE, range[1]);
    if (low > high || low > LAST_AGE) continue;
    const years = [];
    for (let age = low; age <= high; age++) years.push(String(age));
    let label = low === high ? `Age ${low}` : high === LAST_AGE ? `Ages ${low} and over` : `Ages ${low} to ${high}`;
    if (how === "year") label = `${/^after/.test(match[0]) ? "After year" : "Year"} ${match[1]} (${label.toLowerCase()})`;
    // a school year or a stage ("after year 11", "post 16") names a move, which the transition guides are about
    const stage = how === "year" || how === "stage";
    return { years, label, words: match[0].trim(), keep: how === "keep", stage, index: match.index };
  }
  return null;
}

// Optimal string alignment distance (a swap of two letters counts as one), giving up beyond `limit`.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

function closest(word, v) {
  const limit = word.length >= 6 ? 2 : 1;
  let found = null;
  let nearest = limit + 1;
  for (const target of v.targets) {
    if (target.length < 3) continue;
    const d = distance(word, target, Math.min(limit, nearest));
    // two changes are a lot: only when the first letter is right
    if (d < nearest && (d === 1 || word[0] === target[0])) {
      found = target;
      nearest = d;
      if (d === 1) break; // the vocabulary is in order of usefulness: the first word one change away wins
    }
  }
  return found;
}

// Words in any alphabet, accents and all ("niño" is one word, not "ni" and "o"); a Latin word is searched without
// its accents (Pagefind finds "português" for "portugues"), another script's as typed.
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:'\p{L}+)?/gu;

function token(word) {
  const folded = fold(word);
  return /^[a-z0-9']+$/.test(folded) ? folded : word;
}

// The query as the search understands it: concepts to look for, an age, and spelling corrections.
function understand(q, v, exact) {
  let text = q.toLowerCase().replace(/[’‘]/g, "'");
  const age = readAge(text);
  if (age && !age.keep) text = text.slice(0, age.index) + " " + text.slice(age.index + age.words.length);
  const tokens = (text.match(TOKEN) || []).map((t) => token(t.endsWith("'s") ? t.slice(0, -2) : t));
  const corrections = [];
  const named = new Map(); // language names typed: the word searched, and the language it names
  for (let i = 0; i < tokens.length; i++) {
    const found = languageNamed(tokens, v, i);
    if (!found) continue;
    const word = tokens.slice(i, i + found.size).join(" ");
    tokens.splice(i, found.size, word);
    named.set(word, found);
  }
  if (v && !exact) {
    // two words that are one word the site knows ("wheel chair", "speech therapist" stays two)
    for (let i = 0; i + 1 < tokens.length; i++) {
      const joined = tokens[i] + tokens[i + 1];
      if (v.known.has(joined) && !v.stop.has(tokens[i]) && !v.stop.has(tokens[i + 1])) {
        corrections.push([`${tokens[i]} ${tokens[i + 1]}`, joined]);
        tokens.splice(i, 2, joined);
      }
    }
    tokens.forEach((token, i) => {
      if (token.length < 4 || /\d/.test(token) || v.known.has(token) || named.has(token)) return;
      if (!/^[a-z']+$/.test(token)) return; // another alphabet: nothing to correct it to
      const better = closest(token, v);
      if (better && better !== token) {
        corrections.push([token, better]);
        tokens[i] = better;
      }
    });
  }
  const concepts = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = v && v.phrases.find((p) => p.every((word, k) => tokens[i + k] === word));
    if (phrase) {
      concepts.push(phrase.join(" "));
      i += phrase.length;
      continue;
    }
    const token = tokens[i++];
    if (/^\d+$/.test(token)) continue;
    if (v ? v.stop.has(token) : token.length < 3) continue;
    // one or two letters match the start of nearly every word: only a short word the site searches ("OT", "EP")
    if ([...token].length < 3 && !(v && v.keys.has(token)) && !named.has(token)) continue;
    concepts.push(token);
  }
  const meaning = {
    concepts: [...new Set(concepts)], age, corrections, named, foreign: false, script: false, localOnly: new Set(),
  };
  readLanguage(meaning, v);
  return meaning;
}

// ---------------------------------------------------------------------------------------------------------------
// State: the URL is the source of truth

function readState() {
  const params = new URLSearchParams(location.search);
  const chosen = Object.create(null);
  for (const key of groups) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) chosen[key] = values;
  }
  return { q: (params.get("q") || "").trim(), chosen, exact: params.get("exact") === "1" };
}

function formState() {
  const chosen = Object.create(null);
  for (const box of form.querySelectorAll("input[type=checkbox]:checked")) {
    (chosen[box.name] ||= []).push(box.value);
  }
  return { q: input.value.trim(), chosen, exact: false };
}

function showState(state) {
  input.value = state.q;
  for (const box of form.querySelectorAll("input[type=checkbox]")) {
    box.checked = (state.chosen[box.name] || []).includes(box.value);
  }
  if (Object.keys(state.chosen).length) filters.open = true;
  showChosen();
}

// What is chosen, where a phone shows it without opening anything: "(2 chosen)" on each group's heading, a count on
// the panel's, and a chip for each box under the panel (pressing one unticks it).
function showChosen() {
  let total = 0;
  const made = [];
  for (const group of form.querySelectorAll("[data-lo-filter-group]")) {
    const ticked = [...group.querySelectorAll("input:checked")];
    total += ticked.length;
    group.querySelector("[data-lo-chosen]").textContent = ticked.length ? ` (${ticked.length} chosen)` : "";
    for (const box of ticked) {
      const label = form.querySelector(`label[for="${CSS.escape(box.id)}"]`)?.textContent.trim() || box.value;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "lo-chip";
      button.dataset.loFilterChip = box.id;
      button.append(label, text("span", "lo-chip__x", " ✕"));
      button.setAttribute("aria-label", `${label}: remove this filter`);
      button.addEventListener("click", () => {
        box.checked = false;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus(); // the chip is gone: focus stays in the form (WCAG 2.4.3)
      });
      made.push(button);
    }
  }
  form.querySelector("[data-lo-filter-count]").textContent = total ? ` (${total} chosen)` : "";
  if (made.length) {
    chips.replaceChildren(text("span", "lo-chips__label", "Filters: "), ...made);
  } else {
    chips.replaceChildren();
  }
}

// Ticking a box far from the results: the count and the first result are shown at the foot of the screen, with a
// link to them (the status region below says the count; this copy is not announced twice).
function showBar(firstTitle) {
  if (!filters.open) {
    bar.hidden = true;
    return;
  }
  const link = text("a", "", "See the results");
  link.href = "#lo-results-heading";
  const words = [text("strong", "", status.textContent.replace(/ Showing \d+ of \d+\.$/, ""))];
  if (firstTitle) words.push(" First: ", firstTitle, ". ");
  else words.push(" ");
  bar.replaceChildren(...words, link);
  bar.setAttribute("aria-hidden", "true");
  bar.hidden = false;
}

function stateUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const key of groups) for (const value of state.chosen[key] || []) params.append(key, value);
  if (state.exact) params.set("exact", "1");
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

// ---------------------------------------------------------------------------------------------------------------
// Showing results

function text(tag, className, value) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  element.textContent = value;
  return element;
}

function plain(html) {
  const doc = new DOMParser().parseFromString(html || "", "text/html");
  return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
}

// Pagefind's excerpts start and stop mid-sentence: keep the whole sentences in them.
function sentences(excerpt) {
  const words = plain(excerpt);
  const start = /^[A-Z0-9‘“"(]/.test(words) ? 0 : words.search(/[.!?]\s+\S/) + 1;
  let kept = words.slice(Math.max(start, 0)).trim();
  const end = Math.max(kept.lastIndexOf(". "), kept.lastIndexOf("? "), kept.lastIndexOf("! "));
  if (/[.!?]$/.test(kept)) {
    // already ends a sentence
  } else if (end > 0) {
    kept = kept.slice(0, end + 1);
  } else {
    kept = kept ? kept + "…" : "";
  }
  return kept.length >= 30 ? kept : words + "…";
}

// The shortlist kept in this browser, read as assets/shortlist.js reads it: a list of ids, each once, anything else
// left out (shortlist.js says so and repairs it).
const ID = /^[a-z0-9][a-z0-9-]*$/;
function shortlisted() {
  try {
    const value = JSON.parse(localStorage.getItem(SHORTLIST));
    return Array.isArray(value) ? [...new Set(value.filter((id) => typeof id === "string" && ID.test(id)))] : [];
  } catch {
    return [];
  }
}

function serviceId(url) {
  const path = new URL(url, location.href).pathname;
  const match = path.startsWith(root.pathname) && path.slice(root.pathname.length).match(/^services\/([a-z0-9-]+)\/(?:index\.html)?$/);
  return match && ID.test(match[1]) ? match[1] : null;
}

// "Add to shortlist" on a service result: one press adds it (and a second takes it off), said by the status region.
function shortlistButton(id, name) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "lo-action lo-result__pin";
  button.dataset.loPin = id;
  const label = text("span", "", "");
  // the service's name is part of the button's name, after its visible words (WCAG 2.5.3)
  button.append(label, text("span", "lo-visually-hidden", `: ${name}`));
  const show = () => {
    const on = shortlisted().includes(id);
    button.setAttribute("aria-pressed", String(on));
    label.textContent = on ? "On your shortlist" : "Add to shortlist";
  };
  show();
  button.addEventListener("click", () => {
    const ids = shortlisted();
    const on = ids.includes(id);
    try {
      localStorage.setItem(SHORTLIST, JSON.stringify(on ? ids.filter((x) => x !== id) : [...ids, id]));
    } catch {
      status.textContent = "Your browser is not keeping a shortlist (private browsing may stop it).";
      return;
    }
    show();
    const count = shortlisted().length;
    status.textContent = `${name} ${on ? "taken off" : "added to"} your shortlist (${count === 1 ? "1 service" : `${count} services`}).`;
  });
  return button;
}

// A page of entries (the glossary, `results: entries` in its Pagefind meta): each entry is a result of its own. Of its
// sub-results (one for each entry's heading, with its id) the one that matches best, at its anchor, with the entry's
// term as the title and the first sentence after it (the explanation: the page puts it first) as the summary.
function asEntry(data) {
  const score = (sub) => sub.weighted_locations.reduce((sum, l) => sum + l.balanced_score, 0);
  const subs = (data.sub_results || []).filter((sub) => sub.anchor && sub.anchor.id && sub.weighted_locations.length);
  if (!subs.length) return data;
  const best = subs.reduce((a, b) => (score(b) > score(a) ? b : a));
  const words = (data.content || "").split(/\s+/);
  const start = best.anchor.location + (best.anchor.text || "").split(/\s+/).filter(Boolean).length;
  const after = words.slice(start, start + 80).join(" ");
  const first = (after.match(/^.*?[.!?](?=\s|$)/) || [after])[0];
  return { ...data, url: best.url, meta: { ...data.meta, title: best.title || data.meta.title, summary: first } };
}

function renderResult(found) {
  const data = found.meta.results === "entries" ? asEntry(found) : found;
  const item = document.createElement("li");
  item.className = "lo-result";
  const heading = document.createElement("h3");
  const title = data.meta.title || data.url;
  const link = text("a", "", title);
  link.href = data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.status) item.append(text("p", "lo-result__status lo-badge lo-badge--closed", data.meta.status));
  item.append(text("p", "lo-result__summary", data.meta.summary || sentences(data.excerpt)));
  const facts = [data.meta.organisation, data.meta.ages ? `Ages ${data.meta.ages}` : ""].filter(Boolean);
  if (facts.length) item.append(text("p", "lo-result__facts", facts.join(" · ")));
  const id = serviceId(data.url);
  if (id) item.append(shortlistButton(id, title));
  return item;
}

// After a temporarily closed service: up to three open services that name the same need and take the same ages, the
// closest first (those sharing most of the words of its name, then of its summary, each read as a query, synonyms
// and phrases included), then those for fewest other needs, so a closed result is never a dead end.
async function alternatives(data, item, shownIds) {
  const [search, v] = await Promise.all([engine(), vocabulary()]);
  const named = (data.filters.named || []).filter((n) => n !== "all-needs");
  const wanted = { category: { any: categories } };
  if (named.length) wanted.named = { any: named };
  if ((data.filters.years || []).length) wanted.years = { any: data.filters.years };
  const like = (words) => {
    const concepts = understand(words || "", v, true).concepts;
    return concepts.length ? combined(search, concepts, wanted, v, null, true) : { found: [], closed: new Set() };
  };
  // candidates: pages with the need and ages that share words with its name or summary (no search without words:
  // that would download the whole index)
  const [byName, bySummary] = await Promise.all([like(data.meta.title), like(data.meta.summary)]);
  const places = [byName, bySummary].map((alike) => new Map(alike.found.map((r, i) => [r.id, i])));
  const place = (r, k) => (places[k].has(r.id) ? places[k].get(r.id) : Infinity);
  const closed = new Set([...byName.closed, ...bySummary.closed]);
  const candidates = new Map([...byName.found, ...bySummary.found].map((r) => [r.id, r]));
  const open = [...candidates.values()].filter((r) => !closed.has(r.id) && !shownIds.has(r.id));
  open.sort((a, b) => place(a, 0) - place(b, 0) || place(a, 1) - place(b, 1));
  const datas = await Promise.all(open.slice(0, 3).map((r) => r.data()));
  if (!datas.length) return;
  const box = document.createElement("div");
  box.className = "lo-alternatives";
  box.dataset.loAlternatives = "";
  box.append(text("p", "lo-alternatives__title", "Open services for the same need and age:"));
  const others = document.createElement("ul");
  for (const other of datas) {
    const li = document.createElement("li");
    const a = text("a", "", other.meta.title || other.url);
    a.href = other.url;
    li.append(a);
    if (other.meta.summary) li.append(" – ", other.meta.summary);
    const id = serviceId(other.url);
    if (id) li.append(" ", shortlistButton(id, other.meta.title || id));
    others.append(li);
  }
  box.append(others);
  item.append(box);
}

// What orders results found by filters alone, from Pagefind's filters (no page is downloaded to know it): which are
// temporarily closed, which need each service names, which age bands it covers. Read once per page, and only for a
// search without words (which downloads the whole index anyway).
let factsPromise = null;
function fitFacts(search) {
  factsPromise ||= (async () => {
    const ids = async (filters) => new Set((await search.search(null, { filters })).results.map((r) => r.id));
    const [closed, named, banded] = await Promise.all([
      ids({ status: { any: ["temporarily-closed"] } }),
      Promise.all(needs.map((n) => ids({ named: { any: [n] } }))),
      Promise.all(bands.map((b) => ids({ age: { any: [b] } }))),
    ]);
    const count = (sets) => (id) => sets.reduce((n, set) => n + (set.has(id) ? 1 : 0), 0);
    return {
      closed,
      named: new Map(needs.map((n, i) => [n, named[i]])),
      namedCount: (id) => count(named)(id) || needs.length + 1, // all needs: after every service for some
      bandCount: (id) => count(banded)(id) || bands.length + 1,
    };
  })();
  return factsPromise;
}

// How many are on show, when not all are: "Showing 20 of 44." (said by the status region after "Show more").
function progress() {
  return shown < results.length || shown > PAGE_SIZE ? ` Showing ${shown} of ${results.length}.` : "";
}

// Each result is shown as soon as it and those before it are ready, in order: on a slow line the page's results come
// in several round trips (a browser asks a host for six files at a time), and the first need not wait for the last.
async function showMore(onFirst = null) {
  const next = results.slice(shown, shown + PAGE_SIZE);
  // a closed result's open alternatives are in it before it is shown, so nothing under it moves when they come
  const onShow = new Set(results.slice(0, shown + next.length).map((r) => r.id));
  const ready = next.map(async (r) => {
    const data = await r.data();
    const item = renderResult(data);
    if (data.meta.status) await alternatives(data, item, onShow);
    return item;
  });
  const mine = generation;
  const items = [];
  for (const waiting of ready) {
    const item = await waiting;
    if (mine !== generation) break; // a newer search: its results replace these
    list.append(item);
    items.push(item);
    // focus goes to the first new result as soon as it is there (the others may still be on their way)
    if (items.length === 1 && onFirst) onFirst(item);
  }
  if (mine !== generation) return null;
  shown += items.length;
  more.hidden = shown >= results.length;
  return items[0];
}

function searchLink(q, exact, label) {
  const link = text("a", "", label);
  link.href = stateUrl({ q, chosen: readState().chosen, exact });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    const state = { ...readState(), q, exact };
    showState(state);
    history.pushState(null, "", stateUrl(state));
    run(state);
  });
  return link;
}

function corrected(q, corrections) {
  let better = q;
  for (const [wrong, right] of corrections) {
    better = better.replace(new RegExp(`\\b${wrong}\\b`, "i"), right);
  }
  return better;
}

function showNotices(state, meaning, partial) {
  notices.replaceChildren();
  if (meaning.age) {
    const chip = document.createElement("p");
    chip.className = "lo-chips";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "lo-chip";
    button.dataset.loAgeChip = "";
    button.append(meaning.age.label, text("span", "lo-chip__x", " ✕"));
    button.setAttribute("aria-label", `${meaning.age.label}: remove this age`);
    button.addEventListener("click", () => {
      const words = state.q.replace(new RegExp(meaning.age.words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i"), " ");
      input.value = words.replace(/\s+/g, " ").trim();
      input.focus(); // the chip goes with the new results: focus stays on the words it changed (WCAG 2.4.3)
      form.requestSubmit();
    });
    const how = meaning.ageFilter ? "Showing services for " : "Services first for ";
    chip.append(text("span", "lo-chips__label", how), button);
    notices.append(chip);
  }
  if (meaning.corrections.length) {
    const note = document.createElement("p");
    note.className = "lo-notice";
    note.dataset.loCorrection = "";
    const better = corrected(state.q, meaning.corrections);
    note.append("Showing results for ", text("strong", "", better), ". Search instead for ");
    note.append(searchLink(state.q, true, state.q), ".");
    notices.append(note);
  }
  if (partial) {
    const note = text("p", "lo-notice", "No service matches every word. Showing services that match some of them.");
    note.dataset.loPartial = "";
    notices.append(note);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Searching

// Which results are services: the same search again limited to the service categories. (A search with no words
// would tell at once, but it downloads the whole index.)
// The same searches tell which are temporarily closed and which take the age asked about (`sets.years`): a search
// with words and a filter reads only the words' part of the index and the filter's; a search with no words would
// download the whole index.
function searchTerm(search, term, chosen, sets) {
  const onlyServices = { ...chosen, category: chosen.category || { any: categories } };
  const closed = { ...chosen, status: { any: ["temporarily-closed"] } };
  const forAge = sets.years ? { ...chosen, years: { any: sets.years } } : null;
  // schools and settings, unless only they are asked for (a filter by type of school or setting)
  const onlySettings = settingTypes.length && !chosen.setting ? { ...chosen, setting: { any: settingTypes } } : null;
  return Promise.all([
    search.search(term, { filters: chosen }),
    search.search(term, { filters: onlyServices }),
    search.search(term, { filters: closed }),
    forAge ? search.search(term, { filters: forAge }) : null,
    onlySettings ? search.search(term, { filters: onlySettings }) : null,
  ]).then(([found, serviceHits, closedHits, ageHits, settingHits]) => {
    for (const r of serviceHits.results) sets.services.add(r.id);
    for (const r of closedHits.results) sets.closed.add(r.id);
    for (const r of ageHits ? ageHits.results : []) sets.inAge.add(r.id);
    for (const r of settingHits ? settingHits.results : []) sets.settings.add(r.id);
    return scaled(found);
  });
}

// Each concept searched on its own; pages ranked by how many concepts they match, then by their scores (each
// search's scores scaled to its best page, so a common word does not drown a rare one). A synonym term is looked up
// by its group's word (see group_key in generator/pages/search.py), and by its own letters to break ties: a service
// that names the term itself comes before one that has a synonym of it.
const LITERAL = 0.5;

function scaled(found) {
  const best = Math.max(...found.results.map((r) => r.score), 0) || 1;
  return new Map(found.results.map((r) => [r.id, { result: r, score: r.score / best }]));
}

async function conceptScores(search, concept, chosen, v, sets, meaning) {
  const scores = await conceptHits(search, concept, chosen, v, sets);
  const named = meaning && meaning.named.get(concept);
  if (named) await languageHits(search, named, chosen, sets, scores);
  if (meaning && meaning.localOnly.has(concept)) {
    for (const id of [...scores.keys()]) if (languageOf(id) === languages.own) scores.delete(id);
  }
  return scores;
}

// A language named ("polski"): the services whose staff speak it (Pagefind's `language` filter, by its English
// name) and the pages in it (the `lang` filter of its merged index) match the word too, and come first.
async function languageHits(search, named, chosen, sets, scores) {
  const word = named.english.toLowerCase();
  const [speaking, inLanguage] = await Promise.all([
    search.search(word, { filters: { ...chosen, language: { any: [named.english] } } }),
    languages.others.includes(named.code) ? search.search(null, { filters: { ...chosen, lang: { any: [named.code] } } }) : null,
  ]);
  for (const r of [...speaking.results, ...(inLanguage ? inLanguage.results : [])]) {
    sets.preferred.add(r.id);
    if (!scores.has(r.id)) scores.set(r.id, { result: r, score: 0.5, matched: true });
    else scores.get(r.id).matched = true;
  }
  for (const r of speaking.results) sets.services.add(r.id);
}

async function conceptHits(search, concept, chosen, v, sets) {
  const named = v && v.languages.get(fold(concept));
  const keys = (v && v.keys.get(concept)) || (named && named[0].toLowerCase() !== concept ? [named[0].toLowerCase()] : []);
  // which pages explain it is asked at the same time (on a slow line each wait is a round trip)
  const [, literal, ...grouped] = await Promise.all([
    explainers(search, concept, keys, chosen, sets),
    ...[concept, ...keys].map((term) => searchTerm(search, term, chosen, sets)),
  ]);
  if (!keys.length) {
    for (const hit of literal.values()) hit.matched = true;
    return literal;
  }
  const scores = new Map();
  for (const found of grouped) {
    for (const [id, hit] of found) {
      if (!scores.has(id) || scores.get(id).score < hit.score) scores.set(id, { ...hit, matched: true });
    }
  }
  // the term's own letters only add to the score: the words of a phrase ("in care") are found on most pages
  for (const [id, hit] of literal) {
    const entry = scores.get(id) || { result: hit.result, score: 0, matched: false };
    entry.score += LITERAL * hit.score;
    scores.set(id, entry);
  }
  return scores;
}

// The pages the glossary says explain a term in full (their `explains` filter holds the term's group word, see
// explained_keys in generator/pages/search.py): a guide such as "How to get an EHC needs assessment" for "ehcp".
// A search with the word and the filter reads only the word's part of the index and that filter.
async function explainers(search, concept, keys, chosen, sets) {
  const found = await Promise.all(keys.map((key) => search.search(key, { filters: { ...chosen, explains: { any: [key] } } })));
  sets.explains.set(concept, new Set(found.flatMap((f) => f.results.map((r) => r.id))));
}

async function combined(search, concepts, chosen, v, age, any = false, meaning = null) {
  const sets = {
    services: new Set(), closed: new Set(), inAge: new Set(), explains: new Map(), years: age ? age.years : null,
    preferred: new Set(), settings: new Set(),
  };
  const each = await Promise.all(concepts.map((concept) => conceptScores(search, concept, chosen, v, sets, meaning)));
  const { services, closed, inAge } = sets;
  const pages = new Map();
  for (const scores of each) {
    for (const [id, hit] of scores) {
      const page = pages.get(id) || { result: hit.result, matched: 0, score: 0 };
      if (hit.matched) page.matched += 1;
      page.score += hit.score;
      pages.set(id, page);
    }
  }
  let ranked = [...pages.values()].filter((page) => page.matched > 0);
  if (meaning && !meaning.foreign) {
    // words of the site's own language: pages in other languages only for a language named
    const named = new Set([...meaning.named.values()].map((n) => n.code));
    ranked = ranked.filter((page) => {
      const code = languageOf(page.result.id);
      return code === languages.own || named.has(code);
    });
  }
  // Words are counted for services: another page (a long hand-written page has most words) never counts more words
  // than the best service, so it cannot crowd out the services that match the need ("other parents to talk to").
  // When no service is found at all (schools chosen by a filter, say), the other pages count their words.
  const lessSettings = !concepts.some(namesPlace);
  const mostByService = Math.max(0, ...ranked.filter((page) => services.has(page.result.id)).map((page) => page.matched));
  for (const page of ranked) {
    const id = page.result.id;
    if (!services.has(id)) {
      page.score *= OTHER_PAGES;
      if (lessSettings && sets.settings.has(id)) page.score *= SETTINGS;
      if (mostByService) page.matched = Math.min(page.matched, mostByService);
    }
    if (closed.has(id)) page.score *= CLOSED;
    page.forAge = age ? inAge.has(id) : true;
    page.preferred = sets.preferred.has(id);
    // a page that explains everything asked about comes first: the query is about the idea, not a service
    page.explains = concepts.every((concept) => sets.explains.get(concept)?.has(id));
  }
  ranked.sort((a, b) => b.matched - a.matched || b.preferred - a.preferred || b.explains - a.explains
    || b.forAge - a.forAge || b.score - a.score);
  if (meaning) meaning.language = meaning.foreign ? queryLanguage(ranked) : null;
  if (any) return { found: ranked.map((page) => page.result), partial: false, closed }; // most words first, no cut-off
  const all = ranked.filter((page) => page.matched === concepts.length);
  const found = (all.length ? all : ranked).map((page) => page.result);
  return { found, partial: !all.length && ranked.length > 0, closed };
}

// Filters without words: the best fit first. Services that name a chosen need (those for fewest other needs first)
// before those for all needs, then those for fewest age bands when an age is chosen, open before temporarily closed,
// services before other pages; otherwise in Pagefind's order.
async function byFit(search, found, state, byAge) {
  const facts = await fitFacts(search);
  const services = new Set((await search.search(null, { filters: { category: { any: categories } } })).results.map((r) => r.id));
  const chosenNeeds = state.chosen.need || [];
  const key = (r) => {
    const names = chosenNeeds.some((n) => facts.named.get(n)?.has(r.id));
    return [
      chosenNeeds.length ? (names ? 0 : 1) : 0,
      chosenNeeds.length ? facts.namedCount(r.id) : 0,
      (state.chosen.age || []).length || byAge ? facts.bandCount(r.id) : 0,
      facts.closed.has(r.id) ? 1 : 0,
      services.has(r.id) ? 0 : 1,
    ];
  };
  const keyed = found.map((r, i) => [key(r), i, r]);
  keyed.sort(([a, i], [b, j]) => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
    return i - j;
  });
  return keyed.map(([, , r]) => r);
}

// Nothing but a school year or stage ("after year 11", "post 16", "year 9"): the family asks what happens then, so
// the guides to the move at the first age asked come first (those for the fewest ages first, then those whose words
// are the words typed: "Moving on after Year 11"), then everything else in its order.
async function guidesFirst(search, found, age, chosen) {
  const onlyGuides = { ...chosen, kind: { any: ["guide"] }, years: { any: [age.years[0]] } };
  const [guides, worded] = await Promise.all([
    search.search(null, { filters: onlyGuides }),
    search.search(age.words, { filters: { kind: { any: ["guide"] } } }),
  ]);
  const wording = new Map(worded.results.map((r) => [r.id, r.score]));
  const spans = await Promise.all(guides.results.map(async (r) => [r, ((await r.data()).filters.years || []).length]));
  spans.sort(([a, x], [b, y]) => x - y || (wording.get(b.id) || 0) - (wording.get(a.id) || 0));
  const first = new Set(spans.map(([r]) => r.id));
  return [...spans.map(([r]) => r), ...found.filter((r) => !first.has(r.id))];
}

// A correction stands only when it makes the whole query match: the corrected word finds something, and some page
// has it with the query's other words ("wheel chair" is never "wheel choir"). (What the word typed finds says
// little: Pagefind finds something for most misspellings, by their first letters.)
async function checkCorrections(search, meaning) {
  if (!meaning.corrections.length) return meaning;
  const others = meaning.concepts.filter((c) => !meaning.corrections.some(([, right]) => right === c));
  const helps = await Promise.all(meaning.corrections.map(async ([, right]) => {
    const [after, together] = await Promise.all([
      search.search(right),
      others.length ? search.search([right, ...others].join(" ")) : null,
    ]);
    return after.results.length > 0 && (!together || together.results.length > 0);
  }));
  return helps.every(Boolean) ? meaning : null; // one did not help: the words are read again as typed
}

// A query in another language: after the pages in that language it matched, the services whose staff speak it;
// pages in a third language are left out (Pagefind finds near words there: a Polish word is no Spanish one).
async function speakersNext(search, found, meaning, chosen, v) {
  if (!meaning.foreign || !meaning.language || !v) return found;
  found = found.filter((r) => [languages.own, meaning.language].includes(languageOf(r.id)));
  const named = [...v.languages.values()].find(([, code]) => code === meaning.language);
  if (!named) return found;
  const speaking = (await search.search(named[0].toLowerCase(), { filters: { ...chosen, language: { any: [named[0]] } } })).results;
  const ids = new Set(speaking.map((r) => r.id));
  const first = found.filter((r) => languageOf(r.id) === meaning.language);
  const rest = found.filter((r) => languageOf(r.id) !== meaning.language && !ids.has(r.id));
  return [...first, ...speaking, ...rest];
}

// While results are being worked out, the list and notices say they are busy (screen readers wait for them); the
// status message sits outside them, so "Searching…" and the count are said as they change.
function busy(on) {
  for (const region of [list, notices]) region.setAttribute("aria-busy", String(on));
  area.toggleAttribute("data-lo-busy", on); // the help under the results waits for them (search.css)
}

async function run(state) {
  const mine = ++generation;
  bar.hidden = true;
  document.documentElement.classList.add("lo-query"); // shows the results area (partials/early.html sets it on load)
  busy(true);
  nextSteps.hidden = true;
  if (!state.q && !filterCount(state)) {
    list.replaceChildren();
    notices.replaceChildren();
    more.hidden = true;
    status.textContent = "Type what you are looking for, or choose filters, then press Search.";
    busy(false);
    return;
  }
  status.textContent = "Searching…";
  try {
    const [search, v] = await Promise.all([engine(), vocabulary()]);
    let meaning = understand(state.q, v, state.exact);
    if (meaning.foreign || meaning.named.size) await otherLanguages(search);
    meaning = await checkLanguage(search, meaning, v);
    if (!(await checkCorrections(search, meaning))) meaning = await checkLanguage(search, understand(state.q, v, true), v);
    const chosen = {}; // Pagefind's filters: keys are the page's own filter groups (and years), never typed words
    for (const [key, values] of Object.entries(state.chosen)) chosen[key] = { any: values };
    let concepts = meaning.concepts;
    if (!concepts.length && !meaning.age && !filterCount(state)) concepts = [state.q]; // only small words: try them
    let outcome;
    if (concepts.length) {
      outcome = await combined(search, concepts, chosen, v, meaning.age, false, meaning);
      outcome.found = await speakersNext(search, outcome.found, meaning, chosen, v);
    } else {
      // nothing but an age and filters: the age is all there is to go by, so it filters
      if (meaning.age) {
        chosen.years = { any: meaning.age.years };
        meaning.ageFilter = true;
      }
      const found = (await search.search(null, { filters: chosen })).results;
      outcome = { found: await byFit(search, found, state, Boolean(meaning.age)), partial: false };
      if (meaning.age && meaning.age.stage) outcome.found = await guidesFirst(search, outcome.found, meaning.age, chosen);
    }
    if (mine !== generation) return;
    results = outcome.found;
    shown = 0;
    list.replaceChildren();
    showNotices(state, meaning, outcome.partial);
    await showMore();
    if (mine !== generation) return;
    status.textContent = describe(results.length, state) + progress();
    shownState = state;
    // a query in another language that only some words of matched: the help to ask the team shows too
    nextSteps.hidden = results.length > 0 && !(meaning.foreign && outcome.partial);
  } catch (error) {
    status.textContent = "Search is not working right now. Please use the A to Z of services instead.";
    nextSteps.hidden = false;
    console.error(error);
  } finally {
    if (mine === generation) busy(false);
  }
  return mine;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const state = formState();
  showState(state);
  history.pushState(null, "", stateUrl(state));
  run(state);
});

form.addEventListener("change", async (event) => {
  if (event.target.type !== "checkbox") return;
  const state = { ...formState(), exact: readState().exact };
  history.replaceState(null, "", stateUrl(state));
  showChosen();
  const mine = await run(state);
  if (mine !== generation) return;
  const first = list.querySelector(".lo-result h3 a");
  showBar(first ? first.textContent : "");
});

// "Show more results": focus moves to the first new result (the button may be gone: it hides after the last
// page), and the status region says how many are now on show.
more.addEventListener("click", async () => {
  const mine = generation;
  const first = await showMore((item) => item.querySelector("a").focus());
  if (mine !== generation || !first) return;
  status.textContent = describe(results.length, shownState) + progress();
});

window.addEventListener("popstate", () => {
  const state = readState();
  showState(state);
  run(state);
});

const initial = readState();
showState(initial);
// The results area is already shown when the address asked for something (lo-query): say what to do rather than
// leave it empty.
if (initial.q || filterCount(initial) || document.documentElement.classList.contains("lo-query")) run(initial);
