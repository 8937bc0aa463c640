// Applies the reader's display settings before the page is drawn (no flash). Loaded in <head>.
(() => {
  "use strict";
  const apply = (settings) => {
    const root = document.documentElement;
    root.dataset.loText = settings.text || "standard";
    root.dataset.loContrast = settings.contrast || "standard";
    root.dataset.loFont = settings.font === true ? "readable" : "standard";
  };
  window.loApplyDisplay = apply;
  try { apply(JSON.parse(localStorage.getItem("lo-display")) || {}); } catch { apply({}); }
})();
