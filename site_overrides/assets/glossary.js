// Glossary terms explained where they are used (generator/pages/glossary_terms.py marks the first use of each term).
// Without this script each term is a plain link to its entry on the glossary page. With it, each term is a toggletip:
// a button (aria-expanded) that shows the term's one-sentence explanation, and a link to the glossary, in a live
// region just after it, so screen readers announce it. A press on the term, Escape, or a press or focus elsewhere
// closes it. The explanation floats over the text (position: absolute, placed inside the screen): nothing moves.
(() => {
  "use strict";
  const terms = document.querySelectorAll("#main-content a.lo-term[data-lo-tip]");
  if (!terms.length) return;
  let open = null; // { link, tip }

  function place(link, tip, bubble) {
    const page = document.documentElement.clientWidth;
    const width = Math.min(20 * 16, page - 16);
    bubble.style.width = `${width}px`;
    const term = link.getBoundingClientRect();
    const origin = tip.getBoundingClientRect();
    const left = Math.max(8, Math.min(term.left, page - 8 - width));
    bubble.style.left = `${left - origin.left}px`;
    bubble.style.top = `${term.bottom - origin.top + 4}px`;
  }

  function close() {
    if (!open) return;
    open.link.setAttribute("aria-expanded", "false");
    open.tip.textContent = "";
    open = null;
  }

  function show(link, tip) {
    close();
    open = { link, tip };
    link.setAttribute("aria-expanded", "true");
    const bubble = document.createElement("span");
    bubble.className = "lo-tip__bubble";
    const text = document.createElement("span");
    text.textContent = link.dataset.loTip;
    const more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = "More in the glossary";
    bubble.append(text, " ", more);
    // Filled a moment after the press, into a live region that was already on the page, so it is announced.
    setTimeout(() => {
      if (!open || open.link !== link) return;
      tip.append(bubble);
      place(link, tip, bubble);
    }, 50);
  }

  terms.forEach((link, i) => {
    const tip = document.createElement("span");
    tip.className = "lo-tip";
    tip.id = `lo-tip-${i + 1}`;
    tip.setAttribute("role", "status");
    link.after(tip);
    link.setAttribute("role", "button");
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-controls", tip.id);
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return; // opens the glossary instead
      event.preventDefault();
      if (open && open.link === link) close();
      else show(link, tip);
    });
    link.addEventListener("keydown", (event) => {
      if (event.key === " ") { // a button works with the space bar too
        event.preventDefault();
        link.click();
      }
    });
  });

  const outside = (target) => open && !open.link.contains(target) && !open.tip.contains(target);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && open) {
      const { link } = open;
      close();
      link.focus();
    }
  });
  document.addEventListener("click", (event) => { if (outside(event.target)) close(); });
  document.addEventListener("focusin", (event) => { if (outside(event.target)) close(); });
  window.addEventListener("resize", close);
})();
