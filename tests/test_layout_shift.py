"""Nothing on the page moves after it is first drawn (issue 18, "no layout shift"), measured by Chromium itself: a
PerformanceObserver for 'layout-shift' (buffered, so it sees shifts from before the test looked) on each page type
families use most, at Lighthouse's phone size and on a desktop, after the scripts have done their work (search
results shown, the shortlist filled, the display settings and page actions wired up). Shifts that follow the
reader's own input are left out, as the browser and Lighthouse leave them out."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import serve
from playwright.sync_api import Browser, Page, Route, expect

SIZES = {"phone": (412, 823), "desktop": (1280, 900)}  # Lighthouse's mobile screen (Moto G Power)
SHORTLIST = "lambeth-autism-advisory-service,camhs-lambeth,early-years-speech-drop-in"
# At most this much layout shift in all (the sum of every shift's score, as CLS counts them); Lighthouse's target
# for the issue is 0.02 per page, and a real fault here scores 0.05 to 0.6.
BOUND = 0.005

OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const sources = (entry.sources || []).map((source) => {
      const node = source.node;
      const classes = node && node.className ? "." + String(node.className).trim().split(/\\s+/).join(".") : "";
      const name = node && node.nodeType === 1 ? node.tagName.toLowerCase() + classes : "text";
      const [a, b] = [source.previousRect, source.currentRect];
      return `${name} (${Math.round(a.x)},${Math.round(a.y)} ${Math.round(a.width)}x${Math.round(a.height)} → `
        + `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}x${Math.round(b.height)})`;
    });
    window.__shifts.push({ value: entry.value, sources });
  }
}).observe({ type: "layout-shift", buffered: true });
"""
SCRIPT = re.compile(r"\.m?js(\?.*)?$")
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))"


def _guide(site: Path) -> str:
    return sorted(p.parent.name for p in (site / "transitions").glob("*/index.html"))[0]


def _ready_search(page: Page) -> None:
    expect(page.locator("[data-lo-status]")).to_contain_text("results for ‘autism’")
    expect(page.locator(".lo-results__help")).to_be_visible()


def _ready_shortlist(page: Page) -> None:
    expect(page.locator("[data-lo-shortlist-items] > li")).to_have_count(3)


def _ready_empty_shortlist(page: Page) -> None:
    expect(page.locator("[data-lo-shortlist-status]")).to_contain_text("Your shortlist is empty")


def _ready_page(page: Page) -> None:
    expect(page.locator("[data-lo-display]")).to_be_visible()  # the header's settings, on every page
    page.wait_for_function("() => document.readyState === 'complete'")


def _ready_actions(page: Page) -> None:
    _ready_page(page)
    expect(page.locator("[data-lo-actions]")).to_be_visible()


PAGES: dict[str, tuple[Callable[[Path], str], Callable[[Page], None]]] = {
    "home": (lambda site: "", _ready_page),
    "service": (lambda site: "services/lambeth-autism-advisory-service/", _ready_actions),
    "search with results": (lambda site: "search/?q=autism", _ready_search),
    "guide": (lambda site: f"transitions/{_guide(site)}/", _ready_actions),
    "shortlist (shared)": (lambda site: f"shortlist/?ids={SHORTLIST}", _ready_shortlist),
    "search, empty": (lambda site: "search/", _ready_page),
    "shortlist, empty": (lambda site: "shortlist/", _ready_empty_shortlist),
}


def layout_shifts(chromium: Browser, url: str, ready: Callable[[Page], None], size: tuple[int, int]) -> list[dict]:
    """Every layout shift on the page from its first paint until `ready` holds and two more frames are drawn."""
    width, height = size
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVE)
        # On a phone the page is drawn before its scripts have arrived; on localhost they would all run first and
        # nothing they move would be seen. So every script is held back until the page's first contentful paint.
        held: list[Route] = []
        painted = False

        def hold(route: Route) -> None:
            if painted:
                route.continue_()
            else:
                held.append(route)

        page.route(SCRIPT, hold)
        page.goto(url, wait_until="commit")
        page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
        painted = True
        for route in held:
            route.continue_()
        ready(page)
        page.evaluate(SETTLED)
        shifts: list[dict] = page.evaluate("window.__shifts")
        return shifts
    finally:
        context.close()


def _report(shifts: list[dict]) -> str:
    return "; ".join(f"{s['value']:.4f}: {', '.join(s['sources'][:3])}" for s in shifts)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("page_type", PAGES)
def test_nothing_moves_after_the_first_paint(
    chromium: Browser, sample_site: Path, sample_url: str, page_type: str, size: tuple[int, int]
) -> None:
    path, ready = PAGES[page_type]
    shifts = layout_shifts(chromium, sample_url + path(sample_site), ready, size)
    assert sum(s["value"] for s in shifts) <= BOUND, _report(shifts)


def _replace(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    for ready in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
        ready.unlink(missing_ok=True)  # a host would send the precompressed copy instead


def _css(old: str) -> Callable[[Path], None]:
    """Take a rule out of whichever of the site's stylesheets has it (the site's own CSS may be one merged file)."""

    def edit(site: Path) -> None:
        search = site / "search" / "index.html"  # which carries the stylesheets inline (issue 27)
        if old in search.read_text(encoding="utf-8"):
            _replace(site, "search/index.html", old, "")
        for css in sorted((site / "assets").rglob("*.css")):
            if old in css.read_text(encoding="utf-8"):
                return _replace(site, css.relative_to(site).as_posix(), old, "")
        raise AssertionError(f"{old!r} is in none of the site's stylesheets")

    return edit


def _actions_shown_by_script(site: Path) -> None:
    """A guide's actions bar (near the top) as it was before issue 18: hidden in the HTML, shown by local-offer.js."""
    page = f"transitions/{_guide(site)}/index.html"
    _replace(site, page, "data-lo-actions data-lo-js-only", "data-lo-actions hidden")
    shown = "if (!actions) return;\n    actions.hidden = false;"
    _replace(site, "assets/local-offer.js", "if (!actions) return;", shown)


FAULTS = {
    "search results area not reserved": (
        _css(".lo-query [data-lo-results-area] { min-height: 100vh; }"),
        "search with results",
    ),
    "shortlist not reserved": (_css(".js [data-lo-shortlist-app] { min-height: 100vh; }"), "shortlist (shared)"),
    "page actions shown by the script": (_actions_shown_by_script, "guide"),
}


@pytest.mark.parametrize(("fault", "page_type"), FAULTS.values(), ids=FAULTS.keys())
def test_the_observer_catches_a_page_that_moves(
    chromium: Browser, sample_site: Path, tmp_path: Path, fault: Callable[[Path], None], page_type: str
) -> None:
    """Each reservation taken out again: the same measurement then finds the page moving."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    fault(site)
    path, ready = PAGES[page_type]
    with serve(site) as url:
        shifts = layout_shifts(chromium, url + path(site), ready, SIZES["phone"])
    assert sum(s["value"] for s in shifts) > 0.02, _report(shifts)
