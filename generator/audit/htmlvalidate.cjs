// html-validate's "recommended" rules for the built site (`local-offer audit`), with each exception justified.
// Every page is validated; an exception is allowed only where the rule is about source style, not about what
// browsers and assistive technology receive.
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // Style of the source, not its meaning: the theme (Material for MkDocs) writes `<!doctype html>` in lower case
    // and indents its templates with trailing spaces. Browsers and screen readers read both exactly the same.
    "doctype-style": "off",
    "no-trailing-whitespace": "off",
    // HTML5's own rule for ids (no spaces, not empty) instead of the HTML4 one: the theme's toggles are `__drawer`,
    // `__nav_2` and so on, which HTML5 allows.
    "valid-id": ["error", { relaxed: true }],
    // A search filter offers several values of one name (`need=a&need=b`): checkboxes sharing a name are how a form
    // sends a list, as radios sharing a name are how it sends a choice.
    "form-dup-name": ["error", { shared: ["radio", "checkbox", "button", "reset", "submit"] }],
    // Phone numbers are kept on one line by the stylesheet (`a[href^="tel:"] { white-space: nowrap }`), so screen
    // readers, copying and search all get the ordinary spaces people type.
    "tel-non-breaking": "off",
    // A page's title is its own name, then the site's ("Autism Advisory Service – Northshire SEND Local
    // Offer"): the length limit is advice for search-engine listings; WCAG 2.4.2 asks for a descriptive title.
    "long-title": "off",
  },
};
