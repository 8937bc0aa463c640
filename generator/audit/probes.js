// In-page measurements for `local-offer audit` (generator/audit/checks.py), installed in every page the audit opens.
// Each function returns plain data; the Python side decides what is a failure and words the message.
window.__loAudit = (() => {
  "use strict";

  // A short, stable name for an element in a message: tag, id or first class, and its text.
  function describe(element) {
    if (!element || element === document.body) return "the page itself (no element has focus)";
    let name = element.tagName.toLowerCase();
    if (element.id) name += `#${element.id}`;
    else if (typeof element.className === "string") {
      const first = element.className.split(/\s+/).find((c) => c && c !== "focus-visible"); // the theme adds that one
      if (first) name += `.${first}`;
    }
    const label = (element.getAttribute("aria-label") || element.textContent || element.value || "")
      .replace(/\s+/g, " ").trim().slice(0, 40);
    return label ? `${name} "${label}"` : name;
  }

  const related = (a, b) => a === b || a.contains(b) || b.contains(a);

  // What is painted at a point, if it is neither the element, inside it, nor around it.
  function coverAt(element, x, y) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const top = document.elementFromPoint(x, y);
    if (!top || related(element, top)) return null;
    // a <label> for the element shows it, it does not cover it
    if (top.tagName === "LABEL" && top.control === element) return null;
    return top;
  }

  function visibleBox(element) {
    const rects = [...element.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const shown = element.checkVisibility
      ? element.checkVisibility({ visibilityProperty: true, opacityProperty: true })
      : getComputedStyle(element).visibility === "visible";
    return { rects, shown };
  }

  // What the page's scripts will do in the next frame, known without waiting for it: the callbacks they asked a
  // frame for, and the resize observers whose elements have changed size since they were last told (they are told
  // in the next frame; the theme fits its columns so). With neither, nothing moving and the last scroll answered,
  // the next frame changes nothing a check measures.
  const nativeFrame = window.requestAnimationFrame.bind(window);
  const nativeCancel = window.cancelAnimationFrame.bind(window);
  const framesAsked = new Set();
  window.requestAnimationFrame = function requestAnimationFrame(callback) {
    const id = nativeFrame((time) => {
      framesAsked.delete(id);
      callback(time);
    });
    framesAsked.add(id);
    return id;
  };
  window.cancelAnimationFrame = function cancelAnimationFrame(id) {
    framesAsked.delete(id);
    nativeCancel(id);
  };
  const boxSize = (element) => (element instanceof HTMLElement
    ? `${element.offsetWidth}x${element.offsetHeight}`
    : (({ width, height }) => `${width}x${height}`)(element.getBoundingClientRect()));
  const observed = new Map(); // element -> its size when its observers were last told (null: not told yet)
  if (window.ResizeObserver) {
    const Native = window.ResizeObserver;
    window.ResizeObserver = class ResizeObserver extends Native {
      constructor(callback) {
        super((entries, observer) => {
          for (const entry of entries) observed.set(entry.target, boxSize(entry.target));
          callback(entries, observer);
        });
      }

      observe(target, options) {
        if (!observed.has(target)) observed.set(target, null);
        super.observe(target, options);
      }
    };
  }
  const resizeToTell = () => [...observed].some(([element, told]) => element.isConnected && told !== boxSize(element));
  const waitsForFrame = () => framesAsked.size > 0 || !answered() || moving() || resizeToTell();

  // The scroll position the page has answered: a frame has run since the page scrolled there (the theme fits its side
  // columns to the scroll in that frame) and its scripts have had their turn after it. A family's next key comes
  // long after; the audit's may come before.
  let answeredY = Math.round(scrollY);
  addEventListener("scroll", (event) => {
    if (event.target !== document) return;
    const y = Math.round(scrollY);
    nativeFrame(() => setTimeout(() => { answeredY = y; }));
  }, { capture: true, passive: true });
  const answered = () => Math.round(scrollY) === answeredY;
  const untilAnswered = () => new Promise((done) => {
    const started = performance.now();
    const look = () => (answered() || performance.now() - started > 1000 ? done() : setTimeout(look, 5));
    look();
  });

  // A stop of a keyboard walk (focusState), returned once the page has answered its scroll if the stop or the next
  // control that way lies in a side column: the theme fits the column to the scroll a frame later, and where the
  // next key lands in it depends on that fitting, which a family's key always finds done. (Waiting after every
  // scroll would cost a frame at one stop in five.)
  async function walkStep(track, forward) {
    const state = focusState(track);
    if (state.onPage && !answered() && (state.inSideColumn || nextInSideColumn(forward))) await untilAnswered();
    return state;
  }

  function nextInSideColumn(forward) {
    const stops = tabStops();
    const at = stops.indexOf(document.activeElement);
    const next = at < 0 ? null : stops[at + (forward ? 1 : -1)];
    return !!next && !!next.closest(".md-sidebar");
  }

  // The stops of the current keyboard walk: a walk that comes back to a stop it has seen has been round the page.
  let visited = new WeakSet();
  function startWalk() {
    visited = new WeakSet();
  }

  // Where focus is and whether a sighted keyboard user can see it; `track`: count it as a stop of the walk.
  function focusState(track = false) {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
      return { onPage: false, name: describe(null) };
    }
    const again = visited.has(element);
    if (track) visited.add(element);
    const { rects, shown } = visibleBox(element);
    const inView = rects.filter((r) => r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight);
    let covered = null;
    for (const r of inView) {
      const inset = Math.min(2, r.width / 4, r.height / 4);
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + inset, r.top + inset], [r.right - inset, r.top + inset],
        [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset],
      ];
      for (const [x, y] of points) {
        covered = coverAt(element, x, y);
        if (covered) break;
      }
      if (covered) break;
    }
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    return {
      onPage: true,
      again,
      inSideColumn: !!element.closest(".md-sidebar"),
      shared: !OWN_PART(element),
      scrolled: Math.round(scrollY),
      answered: answered(),
      name: describe(element),
      visible: shown && rects.length > 0,
      inView: inView.length > 0,
      covered: covered ? describe(covered) : null,
      coveredBySticky: covered ? ["fixed", "sticky"].includes(getComputedStyle(covered).position)
        || !!covered.closest("header, [data-md-component=header]") : false,
      outline,
      indicator: outline || !!shadow,
      key: element.id || null,
    };
  }

  // Elements that clip their own text (overflow hidden or clip, or an ellipsis) and have more than they show.
  function clippedText() {
    const found = [];
    for (const element of document.body.querySelectorAll("*")) {
      if (!element.checkVisibility || !element.checkVisibility({ visibilityProperty: true })) continue;
      if (element.closest("[inert]")) continue;
      const style = getComputedStyle(element);
      const clips = ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
      if (!clips) continue;
      if (element.clientWidth <= 2 || element.clientHeight <= 2) continue; // visually hidden text, on purpose
      const text = (element.innerText || "").trim();
      if (!text) continue;
      const wide = ["hidden", "clip"].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
      const tall = ["hidden", "clip"].includes(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
      if (wide || tall) found.push(`${describe(element)} shows ${wide ? "only part of its width" : "only part of its height"}`);
    }
    return found;
  }

  function overflow() {
    return Math.max(0, document.documentElement.scrollWidth - innerWidth);
  }

  // Parts of an open region that are off the sides of the screen, and form controls squashed out of shape.
  function outOfView(region) {
    const problems = [];
    // the region, and what it holds directly (a live region's box can be empty while what it shows floats)
    for (const part of [region, ...region.children]) {
      const box = part.getBoundingClientRect();
      if ((part === region || box.width) && (box.left < -1 || box.right > innerWidth + 1)) {
        problems.push(`${describe(part)} reaches from ${Math.round(box.left)} to ${Math.round(box.right)} px on a ${innerWidth} px screen`);
        break;
      }
    }
    for (const element of region.querySelectorAll("input, label, legend, button, a, p, li")) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const r = element.getBoundingClientRect();
      if (r.width && (r.left < -1 || r.right > innerWidth + 1)) {
        problems.push(`${describe(element)} is cut off at the side of the screen`);
      }
      if (element.matches("input[type=radio], input[type=checkbox]") && (r.width > 1.5 * r.height || r.height > 1.5 * r.width)) {
        problems.push(`${describe(element)} is stretched to ${Math.round(r.width)} × ${Math.round(r.height)} px`);
      }
    }
    return problems.slice(0, 5);
  }

  // The controls that open something: <summary> of a <details>, and buttons that say whether they are expanded
  // (real buttons, and links the page's script made buttons, such as the glossary's toggletips).
  function disclosures() {
    const found = [];
    document.querySelectorAll("details > summary, button[aria-expanded], [role=button][aria-expanded]").forEach((control, index) => {
      if (control.closest("[inert]")) return;
      if (!control.checkVisibility({ visibilityProperty: true })) return;
      control.dataset.loAuditControl = String(index);
      // a toggletip (a link made a button) opens over the text and moves nothing: many are checked on one page load
      const tip = control.tagName === "A";
      found.push({ index, name: describe(control), details: control.tagName === "SUMMARY", tip, open: isOpen(index) });
    });
    return found;
  }

  function control(index) {
    return document.querySelector(`[data-lo-audit-control="${index}"]`);
  }

  function region(index) {
    const element = control(index);
    if (!element) return null;
    if (element.tagName === "SUMMARY") return element.parentElement;
    const id = element.getAttribute("aria-controls");
    return id ? document.getElementById(id) : null;
  }

  // Whether a control listed earlier is still one to check (there, not inert, shown), and whether it is open.
  function listed(index) {
    const element = control(index);
    const there = !!element && !element.closest("[inert]") && element.checkVisibility({ visibilityProperty: true });
    return { listed: there, open: there && isOpen(index) };
  }

  function isOpen(index) {
    const element = control(index);
    return !!element && (element.tagName === "SUMMARY" ? element.parentElement.open : element.getAttribute("aria-expanded") === "true");
  }

  // Settled: the page's scripts have answered the key, including those that wait for a frame, and no animation or
  // transition is still running (the theme's slides and fades take 250 ms; asking for them brings the page's styles
  // up to date, so one just started is among them), then a frame more if one was: a wait for the state, not for a
  // fixed time. The tasks already queued (an event, a timer of no delay) have their turn first; a frame is waited
  // for only if the page has something waiting for one (below).
  const running = () => document.getAnimations().filter((a) => a.playState === "running");
  const moving = () => running().length > 0;  // something slides or fades now (a check may read at once if not)
  async function settle() {
    await new Promise((turn) => setTimeout(turn));
    if (!waitsForFrame()) return true;
    return new Promise((done) => nativeFrame(() => {
      const finishing = running().map((a) => a.finished);
      if (!finishing.length) return done(true);
      Promise.race([Promise.allSettled(finishing), new Promise((later) => setTimeout(later, 1000))])
        .then(() => nativeFrame(() => done(true)));
    }));
  }

  // Resolves once the page has stopped changing (nothing added, removed or changed for `ms` milliseconds, or after 3
  // seconds): an action whose results come in over several moments (Show more adds each result as it is ready, and
  // only then hides itself) is measured when it is done, as a family would meet it.
  function quiet(ms) {
    return new Promise((done) => {
      const started = performance.now();
      let timer;
      const observer = new MutationObserver(() => { clearTimeout(timer); wait(); });
      const wait = () => {
        const left = 3000 - (performance.now() - started);
        timer = setTimeout(() => { observer.disconnect(); done(); }, Math.max(0, Math.min(ms, left)));
      };
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      wait();
    });
  }

  // After the key that opens a control: settled, filled (and settled again if its content came late), measured.
  async function afterOpening(index) {
    await settle();
    if (isOpen(index) && await filled(index)) await settle();
    return disclosureState(index);
  }

  // After the key that closes a control: whether it closed, at once (a <details> or a script that answers the key
  // closes before the key's round trip ends, with reduced motion nothing slides), or else once settled.
  async function afterClosing(index) {
    if (!isOpen(index) && !moving()) return true;
    await settle();
    return !isOpen(index);
  }

  // Where focus is after a Tab in or past an open control: inside what it opened or not, the stop as focusState
  // sees it, whether the control is still open and whether what it opened still shows; one trip to the page for
  // each stop.
  function stepFrom(index) {
    const area = region(index);
    // what it opened: a <details> element's content (its summary shows either way), or the region it controls
    const content = area && (area.tagName === "DETAILS" ? [...area.children].find((c) => c.tagName !== "SUMMARY") : area);
    const shown = !!content && content.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    return { ...focusInside(index), state: focusState(), open: isOpen(index), shown };
  }

  function disclosureState(index) {
    const element = control(index);
    const area = region(index);
    const focus = document.activeElement;
    const open = element.tagName === "SUMMARY" ? element.parentElement.open : element.getAttribute("aria-expanded") === "true";
    // what it shows lies over the page (a pop-up or dropdown) rather than in the flow, pushing the page down
    const shown = area && (element.tagName === "SUMMARY" ? [...area.children].find((c) => c !== element) : area);
    const position = shown ? getComputedStyle(shown).position : "static";
    return {
      open,
      overlay: open && (position === "absolute" || position === "fixed"),
      hasRegion: !!area,
      regionShown: !!area && area.checkVisibility({ visibilityProperty: true }),
      problems: area && open ? outOfView(element.tagName === "SUMMARY" ? [...area.children].find((c) => c !== element) || area : area) : [],
      focusOnControl: focus === element,
      focusInRegion: !!area && area.contains(focus) && focus !== element,
      focusLost: !focus || focus === document.body,
      focus: describe(focus),
      overflow: overflow(),
    };
  }

  // Resolves once what the control opened has something in it (a pop-up filled a moment after the press: told by
  // the page's own change, not by looking again and again), or after half a second: a wait for the state, not for a
  // fixed time. Whether it had to wait.
  function filled(index) {
    const area = region(index);
    const ready = () => !area || area.tagName === "DETAILS" || area.childElementCount > 0 || area.textContent.trim();
    if (ready()) return Promise.resolve(false);
    return new Promise((done) => {
      const observer = new MutationObserver(() => {
        if (!ready()) return;
        observer.disconnect();
        clearTimeout(timer);
        done(true);
      });
      const timer = setTimeout(() => { observer.disconnect(); done(true); }, 500);
      observer.observe(area, { subtree: true, childList: true, characterData: true });
    });
  }

  function focusInside(index) {
    const area = region(index);
    const focus = document.activeElement;
    return { inside: !!area && area.contains(focus), lost: !focus || focus === document.body, name: describe(focus) };
  }

  // Headings in the main content: one h1, and no level skipped on the way down.
  function headings() {
    const main = document.getElementById("main-content") || document.querySelector("main") || document.body;
    const problems = [];
    let previous = 0;
    const levels = [...main.querySelectorAll("h1, h2, h3, h4, h5, h6")]
      .filter((h) => h.checkVisibility({ visibilityProperty: true }) || h.closest("details:not([open])"));
    const ones = levels.filter((h) => h.tagName === "H1").length;
    if (ones !== 1) problems.push(`the main content has ${ones} level-1 headings (h1); it should have one`);
    for (const heading of levels) {
      const level = Number(heading.tagName[1]);
      if (previous && level > previous + 1) {
        problems.push(`${describe(heading)} is an h${level} straight after an h${previous}`);
      }
      previous = level;
    }
    return problems;
  }

  // The page's own entry in the site navigation says it is the current page, by more than colour.
  function currentPage() {
    const here = location.href.split(/[?#]/)[0];
    const links = [...document.querySelectorAll(".md-nav--primary a[href]")];
    const mine = links.filter((a) => a.href.split(/[?#]/)[0] === here && !a.closest(".md-nav--secondary") && !a.classList.contains("md-logo"));
    if (!mine.length) return { inNav: false, problems: [] };
    const problems = [];
    const marked = mine.filter((a) => a.getAttribute("aria-current") === "page");
    if (!marked.length) problems.push(`the navigation's link to this page (${describe(mine[0])}) has no aria-current="page"`);
    const other = links.find((a) => !mine.includes(a) && !a.closest(".md-nav--secondary") && !a.classList.contains("md-logo"));
    if (marked.length && other) {
      const a = getComputedStyle(marked[0]);
      const b = getComputedStyle(other);
      const differs = a.fontWeight !== b.fontWeight || a.textDecorationLine !== b.textDecorationLine
        || a.borderLeftStyle !== b.borderLeftStyle || a.backgroundColor !== b.backgroundColor;
      if (!differs) problems.push("the current page in the navigation is shown by its colour alone");
    }
    return { inNav: true, problems };
  }

  // The controls a screen reader or speech recognition user works with, each marked so the browser's accessibility
  // tree can be matched to it: its visible words, whether Tab reaches it, whether it is shown.
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role], [tabindex]";
  function markControls() {
    const found = [];
    for (const element of document.querySelectorAll(CONTROLS)) {
      const { rects, shown } = visibleBox(element);
      const visible = shown && rects.length > 0;
      if (!visible && element.tabIndex < 0) continue;
      element.setAttribute("data-lo-ax", String(found.length));
      // the words shown on it: its text (an input's label is its name's source, not its text)
      const text = /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName) ? "" : (element.innerText || "");
      found.push({ text: text.replace(/\s+/g, " ").trim(), tabbable: element.tabIndex >= 0 && visible && !element.disabled,
                   visible, name: describe(element) });
    }
    return found;
  }

  // Every change to a live region (a status message) while a region around it says it is busy: screen readers hold
  // back what changes inside aria-busy="true", so the message is never heard. Watched from the moment the page
  // starts, as the page's own scripts change it.
  const heldBack = [];
  const LIVE_REGION = "[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]";
  new MutationObserver((changes) => {
    for (const change of changes) {
      const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
      const live = node && node.closest(LIVE_REGION);
      if (!live || change.type === "attributes") continue;
      const busy = live.closest("[aria-busy=true]");
      if (busy && heldBack.length < 20) heldBack.push({ region: describe(live), busy: describe(busy).slice(0, 60) });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
  const liveInBusy = () => heldBack;

  // Icons drawn as a mask filled with a background colour (the theme's way) that is the page's own colour: in forced
  // colours, where every background is repainted, such an icon vanishes.
  function vanishedIcons() {
    const page = getComputedStyle(document.body).backgroundColor;
    const found = new Set();
    for (const element of document.querySelectorAll("body *")) {
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const mask = style.maskImage || style.webkitMaskImage;
        if (!mask || mask === "none" || style.display === "none" || style.visibility === "hidden") continue;
        if (pseudo && (style.content === "none" || style.content === "normal")) continue;
        if (!visibleBox(element).rects.length) continue;
        const colour = style.backgroundColor.replace(/^rgba\((\d+), (\d+), (\d+), [\d.]+\)$/, "rgb($1, $2, $3)");
        if (colour === page || style.backgroundColor === "rgba(0, 0, 0, 0)") found.add(describe(element) + (pseudo || ""));
      }
    }
    return [...found];
  }

  // Each control Tab reaches (in the page's order, the first `most`), focused in turn without scrolling, and
  // whether it shows an outline then; its name, and whether it matched :focus-visible as a keyboard user's focus
  // does (the caller falls back to real Tab presses if one did not).
  const TABBABLE = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable]";
  // The controls Tab can reach, in the page's order (tabindex order aside): not taken out, disabled, inert or hidden.
  const tabStops = () => [...document.querySelectorAll(TABBABLE)].filter((e) => e.tabIndex >= 0 && !e.disabled
    && !e.closest("[inert]") && e.checkVisibility({ visibilityProperty: true }) && e.getClientRects().length);
  function focusOutlines(most) {
    const found = [];
    const stops = tabStops();
    const ordered = [...stops.filter((e) => e.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex), ...stops.filter((e) => e.tabIndex === 0)];
    for (const element of ordered.slice(0, most)) {
      element.focus();
      if (document.activeElement !== element) continue;
      const style = getComputedStyle(element);
      found.push({ name: describe(element), focusVisible: element.matches(":focus-visible"),
                   outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1 });
    }
    if (document.activeElement) document.activeElement.blur();
    return found;
  }

  // What a control's region holds, as a keyboard user meets it: each control in it, its words and whether it is open,
  // and the parts of the page around it. Two pages whose menu drawer gives the same answer have the same drawer (the
  // site's navigation, opened at the same place, over the same kind of page), so it is checked on the first only.
  function regionSignature(index) {
    const area = region(index);
    if (!area) return "";
    const parts = [...document.body.children].map((e) => `${e.tagName}#${e.id}.${e.className}`);
    const controls = [...area.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].map((e) => [
      e.tagName, (e.getAttribute("aria-label") || e.textContent || e.value || "").replace(/\s+/g, " ").trim().slice(0, 60),
      e.getAttribute("aria-expanded"), e.tagName === "SUMMARY" ? e.parentElement.open : null, e.tabIndex,
      e.checkVisibility({ visibilityProperty: true }),
    ]);
    return JSON.stringify([parts, controls]);
  }

  // The parts every page shares (the header above the theme's main area, the footer below it), as markup with the
  // marks of the audit taken out: pages that give the same have the same stops there, and the keyboard walk goes
  // through them on one page of a width only. The menu column is the page's own (the theme fits it to each page's
  // length, which can hide a link under the footer), and so is the whole page where its own part holds something
  // that stays put on the screen (a sticky bar could cover the footer's links): null, nothing shared.
  // The marks the audit itself puts on controls (`disclosures`, `markControls`): not the page's own.
  const auditMark = (name) => name.startsWith("data-lo-audit") || name === "data-lo-ax";
  const OWN_PART = (element) => !!element.closest(".md-main");
  function sharedParts() {
    const main = document.querySelector(".md-main");
    if (!main) return null;
    for (const element of main.querySelectorAll("*")) {
      if (element.closest(".md-sidebar") || element.matches(".md-top")) continue;  // the theme's, on every page
      if (["fixed", "sticky"].includes(getComputedStyle(element).position)) return null;
    }
    const copy = document.body.cloneNode(true);
    copy.querySelector(".md-main").replaceChildren();
    copy.querySelectorAll("script").forEach((element) => element.remove());
    for (const element of copy.querySelectorAll("*")) {
      element.classList.remove("focus-visible");
      for (const { name } of [...element.attributes]) if (auditMark(name)) element.removeAttribute(name);
      for (const name of ["href", "src", "action"]) {  // the same address, written from where each page is
        const value = element.getAttribute(name);
        if (value === null) continue;
        const address = new URL(value, location.href);
        const here = address.origin + address.pathname === location.origin + location.pathname;
        element.setAttribute(name, here && address.hash ? address.hash : address.href);
      }
    }
    return copy.innerHTML;
  }

  // Focus put just before the page's own part (`forward`: on the last stop of the header, so Tab goes on into the
  // page's own part) or just after it (on the first stop of the footer, for Shift+Tab), as a walk that had come
  // through the shared parts would have left it; whether that could be done. A control that cannot take focus
  // (hidden) is passed over for the one before or after it.
  function focusBesideOwnPart(forward) {
    const main = document.querySelector(".md-main");
    if (!main) return false;
    const all = tabStops().filter((element) => !OWN_PART(element));
    const before = (element) => !!(element.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING);
    const candidates = forward ? all.filter(before).reverse() : all.filter((element) => !before(element));
    for (const element of candidates) {
      element.focus();
      if (document.activeElement === element) return true;
    }
    return false;
  }

  // Where the pointer last moved to in the page (the audit parks it in the top corner after each load).
  let pointer = null;
  addEventListener("mousemove", (event) => { pointer = [event.clientX, event.clientY]; }, { capture: true, passive: true });

  // The page at rest as the audit leaves it after a load: scrolled to the top, nothing focused, the pointer parked
  // in the top corner (a check on a page kept from the last one need not put it back and wait).
  function atRest() {
    const focus = document.activeElement;
    return scrollX === 0 && scrollY === 0 && (!focus || focus === document.body) && !!pointer && pointer[0] === 0 && pointer[1] === 0;
  }

  // What a check may change on a page, short of where it is scrolled and focused: the address, the attributes of the
  // page's root and body (display settings, a locked scroll), what is open, expanded, hidden or inert, what every
  // form control holds, the styles (wider text spacing added), how many elements there are, and what is stored. The
  // audit's own marks on controls are left out. The same after a check as after the load: the next check may go on
  // with the same load.
  function fingerprint() {
    const attributes = (element) => [...element.attributes].filter((a) => !auditMark(a.name)).map((a) => `${a.name}=${a.value}`).join(" ");
    const all = (selector) => [...document.querySelectorAll(selector)];
    return JSON.stringify([
      location.href,
      attributes(document.documentElement),
      attributes(document.body),
      all("details[open], dialog[open]").map(describe),
      all("[aria-expanded]").map((e) => e.getAttribute("aria-expanded")).join(""),
      all("[hidden], [inert], [aria-hidden=true]").length,
      all("input, select, textarea").map((e) => (e.type === "checkbox" || e.type === "radio" ? String(e.checked) : e.value)),
      all("style, link[rel=stylesheet]").length,
      document.getElementsByTagName("*").length,
      [localStorage.length, sessionStorage.length],
    ]);
  }

  return {
    fingerprint, atRest, answered, walkStep, sharedParts, focusBesideOwnPart,
    regionSignature, focusOutlines, markControls, liveInBusy, vanishedIcons, describe, startWalk, focusState, clippedText, overflow, disclosures, disclosureState, filled, focusInside, headings,
    currentPage,
    isOpen, listed, settle, quiet, moving, afterOpening, afterClosing, stepFrom,
    control: (index) => { const element = control(index); if (element) element.focus(); return !!element; },
    focusControl: (index) => { const element = control(index); if (element) element.focus(); return isOpen(index); },
  };
})();
