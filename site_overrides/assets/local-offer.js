// Local Offer enhancements on every page. The site works without this script; it adds:
// - the menu drawer's keyboard and focus behaviour (see drawer()),
// - display settings (text size, high contrast, readable font) kept in this browser only,
// - print, copy-link and shortlist buttons on service and guide pages.
(() => {
  "use strict";
  // What is stored in this browser may be anything (another version of the site, an extension, a hand edit): it is
  // read as the shape it should have, and what is not is left out (shortlist.js says so and repairs it).
  const ID = /^[a-z0-9][a-z0-9-]*$/;
  const DISPLAY = { text: "string", contrast: "string", font: "boolean" };
  const store = {
    get(key, fallback) {
      try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private browsing: not kept */ }
    },
    // The shortlist: service ids, each once.
    ids() {
      const value = store.get("lo-shortlist", []);
      return Array.isArray(value) ? [...new Set(value.filter((id) => typeof id === "string" && ID.test(id)))] : [];
    },
    // Display settings: only the known settings, each of its own type, in an object with no inherited names.
    display() {
      const value = store.get("lo-display", {});
      const settings = Object.create(null);
      if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [key, type] of Object.entries(DISPLAY)) {
          if (Object.hasOwn(value, key) && typeof value[key] === type) settings[key] = value[key];
        }
      }
      return settings;
    },
  };

  function announce(message) {
    const region = document.querySelector("[data-lo-announce]");
    if (!region) return;
    region.textContent = "";
    setTimeout(() => { region.textContent = message; }, 50);
  }

  // The menu drawer below 1220 px (the theme's #__drawer checkbox; partials/header.html, nav.html, nav-item.html).
  // The menu button opens it and focus moves in; while it is open the rest of the page is inert, so Tab stays in the
  // drawer; Escape, "Close menu" or the menu button closes it and focus goes back to the menu button. Section
  // buttons open their panel and focus its back button; the back button closes it and focuses the section button.
  const NARROW = window.matchMedia("(max-width: 76.234375em)");
  const focusable = "a[href], button:not([disabled]), input:not([type=hidden]), select, textarea, summary, [tabindex]";

  const shown = (element) => (element.checkVisibility
    ? element.checkVisibility({ visibilityProperty: true })
    : element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible");

  function firstVisible(container) {
    return [...container.querySelectorAll(focusable)].find(shown);
  }

  function drawer() {
    const toggle = document.getElementById("__drawer");
    const menu = document.querySelector("[data-lo-menu]");
    const sidebar = document.querySelector(".md-sidebar--primary");
    if (!toggle || !menu || !sidebar) return;
    let made = [];
    const release = () => {
      for (const element of made) element.inert = false;
      made = [];
    };
    const isolate = () => {
      release();
      for (let node = sidebar; node.parentElement && node !== document.body; node = node.parentElement) {
        for (const other of node.parentElement.children) {
          if (other !== node && !other.inert && !other.matches("script, style, .md-overlay")) {
            other.inert = true;
            made.push(other);
          }
        }
      }
    };
    const sync = (moveFocus) => {
      const open = toggle.checked && NARROW.matches;
      menu.setAttribute("aria-expanded", String(open));
      if (open) {
        isolate();
        if (moveFocus) sidebar.querySelector("[data-lo-drawer-close]")?.focus({ preventScroll: true });
      } else {
        const inside = sidebar.contains(document.activeElement);
        release();
        if (moveFocus || inside) menu.focus();
      }
    };
    const set = (open) => {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change")); // the theme listens (scroll lock)
    };
    toggle.checked = false; // a browser may restore the box as it was before Back
    sync(false);
    menu.addEventListener("click", () => { set(!toggle.checked); sync(true); });
    sidebar.querySelector("[data-lo-drawer-close]")?.addEventListener("click", () => { set(false); sync(true); });
    toggle.addEventListener("change", () => sync(false)); // the overlay and the theme's labels
    NARROW.addEventListener("change", () => { if (!NARROW.matches && toggle.checked) set(false); sync(false); });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked && NARROW.matches) {
        set(false);
        sync(true);
      }
    });

    for (const button of document.querySelectorAll("[data-lo-toggle]")) {
      const box = document.getElementById(button.dataset.loToggle);
      if (!box) continue;
      const openers = () => document.querySelectorAll(`.lo-nav-toggle[data-lo-toggle="${box.id}"], .lo-toc-toggle[data-lo-toggle="${box.id}"]`);
      button.addEventListener("click", () => {
        box.checked = !box.checked;
        for (const opener of openers()) opener.setAttribute("aria-expanded", String(box.checked));
        if (!NARROW.matches) return;
        const panel = box.parentElement.querySelector(":scope > .md-nav");
        // preventScroll: the panel is still sliding in; scrolling it into view would shift the whole drawer
        // sideways and leave it blank
        if (box.checked && panel) firstVisible(panel)?.focus({ preventScroll: true });
        else [...openers()].find(shown)?.focus({ preventScroll: true });
      });
    }
  }

  // Display settings, applied before the first paint by partials/early.html; here we wire the controls.
  function displaySettings() {
    const panel = document.querySelector("[data-lo-display]");
    if (!panel) return;
    // On wider screens the panel opens over the page: there it closes with Escape (focus back on its button), when
    // focus moves on out of it and on a press elsewhere, so Tab never reaches a control hidden under it (WCAG
    // 2.4.11). Below 48em it opens in the flow and covers nothing; Escape still closes it.
    const summary = panel.querySelector("summary");
    const form = panel.querySelector(".lo-display__form");
    const over = () => form && getComputedStyle(form).position === "absolute";
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && panel.open) {
        panel.open = false;
        summary.focus();
        event.stopPropagation();
      }
    });
    panel.addEventListener("focusout", (event) => {
      if (panel.open && over() && event.relatedTarget && !panel.contains(event.relatedTarget)) panel.open = false;
    });
    document.addEventListener("pointerdown", (event) => {
      if (panel.open && over() && !panel.contains(event.target)) panel.open = false;
    });
    const settings = store.display();
    for (const input of panel.querySelectorAll("input")) {
      input.checked = input.type === "checkbox"
        ? settings[input.name] === true
        : (settings[input.name] || "standard") === input.value;
      input.addEventListener("change", () => {
        const next = store.display();
        next[input.name] = input.type === "checkbox" ? input.checked : input.value;
        store.set("lo-display", next);
        window.loApplyDisplay?.(next);
        announce("Display setting saved.");
      });
    }
  }

  // Print, copy link and shortlist.
  function pageActions() {
    const actions = document.querySelector("[data-lo-actions]");
    if (!actions) return;
    actions.querySelector("[data-lo-print]")?.addEventListener("click", () => window.print());
    actions.querySelector("[data-lo-copy]")?.addEventListener("click", async () => {
      const url = location.href.split("#")[0];
      try {
        await navigator.clipboard.writeText(url);
        announce("Link copied. You can paste it into an email or message.");
      } catch {
        window.prompt("Copy this link:", url);
      }
    });
    const pin = actions.querySelector("[data-lo-shortlist]");
    if (pin) {
      const id = pin.dataset.loShortlist;
      const show = () => {
        const on = store.ids().includes(id);
        pin.setAttribute("aria-pressed", String(on));
        pin.querySelector("[data-lo-label]").textContent = on ? "On your shortlist" : "Add to shortlist";
      };
      show();
      pin.addEventListener("click", () => {
        const list = store.ids();
        const on = list.includes(id);
        store.set("lo-shortlist", on ? list.filter((x) => x !== id) : [...list, id]);
        show();
        announce(on ? "Removed from your shortlist." : "Added to your shortlist.");
      });
    }
  }

  // The side columns on wide screens: a link that takes focus at a column's foot is scrolled into the column's view,
  // but the theme then shortens the column as the footer scrolls in, leaving the link cut off under the footer
  // (WCAG 2.4.11). Whenever a column changes size, the link with focus in it is brought back into its view.
  function sideColumns() {
    if (!window.ResizeObserver) return;
    const keep = (column) => {
      const focused = document.activeElement;
      if (!focused || !column.contains(focused) || focused === column) return;
      const box = column.getBoundingClientRect();
      const link = focused.getBoundingClientRect();
      const room = parseFloat(getComputedStyle(column).scrollPaddingBottom) || 0;
      if (link.bottom > box.bottom - room) column.scrollTop += link.bottom - (box.bottom - room);
      else if (link.top < box.top) column.scrollTop -= box.top - link.top;
    };
    const observer = new ResizeObserver((entries) => entries.forEach((entry) => keep(entry.target)));
    document.querySelectorAll(".md-sidebar__scrollwrap").forEach((column) => {
      observer.observe(column);
      column.addEventListener("focusin", () => requestAnimationFrame(() => requestAnimationFrame(() => keep(column))));
    });
  }

  drawer();
  sideColumns();
  displaySettings();
  pageActions();
})();
