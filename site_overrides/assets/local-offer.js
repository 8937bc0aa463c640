// Local Offer enhancements on every page. The site works without this script; it adds:
// - a keyboard-operable menu button (Material's is a <label> that cannot take focus),
// - display settings (text size, high contrast, readable font) kept in this browser only,
// - print, copy-link and shortlist buttons on service and guide pages.
(() => {
  "use strict";
  const store = {
    get(key, fallback) {
      try { return JSON.parse(localStorage.getItem(key)) ?? fallback; } catch { return fallback; }
    },
    set(key, value) {
      try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private browsing: not kept */ }
    },
  };

  function announce(message) {
    const region = document.querySelector("[data-lo-announce]");
    if (!region) return;
    region.textContent = "";
    setTimeout(() => { region.textContent = message; }, 50);
  }

  // Menu button: Material's drawer toggle is a <label for="__drawer">. Make it a real button for keyboards.
  function menuButton() {
    const toggle = document.getElementById("__drawer");
    const label = document.querySelector(".md-header label[for='__drawer']");
    if (!toggle || !label) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", "Menu");
    const sync = () => label.setAttribute("aria-expanded", String(toggle.checked));
    sync();
    toggle.addEventListener("change", () => {
      sync();
      if (toggle.checked) {
        const first = document.querySelector(".md-sidebar--primary .md-nav__list a, .md-sidebar--primary a");
        if (first) first.focus();
      }
    });
    label.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        toggle.checked = !toggle.checked;
        toggle.dispatchEvent(new Event("change"));
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
        label.focus();
      }
    });
  }

  // Display settings, applied early by display.js; here we wire the controls.
  function displaySettings() {
    const panel = document.querySelector("[data-lo-display]");
    if (!panel) return;
    panel.hidden = false;
    const settings = store.get("lo-display", {});
    for (const input of panel.querySelectorAll("input")) {
      input.checked = input.type === "checkbox"
        ? settings[input.name] === true
        : (settings[input.name] || "standard") === input.value;
      input.addEventListener("change", () => {
        const next = store.get("lo-display", {});
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
    actions.hidden = false;
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
        const on = store.get("lo-shortlist", []).includes(id);
        pin.setAttribute("aria-pressed", String(on));
        pin.querySelector("[data-lo-label]").textContent = on ? "On your shortlist" : "Add to shortlist";
      };
      show();
      pin.addEventListener("click", () => {
        const list = store.get("lo-shortlist", []);
        const on = list.includes(id);
        store.set("lo-shortlist", on ? list.filter((x) => x !== id) : [...list, id]);
        show();
        announce(on ? "Removed from your shortlist." : "Added to your shortlist.");
      });
    }
  }

  menuButton();
  displaySettings();
  pageActions();
})();
