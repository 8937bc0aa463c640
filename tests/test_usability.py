"""Things families and practitioners rely on, in a real browser: keyboard, small screens, zoom, print,
display settings, sharing and the shortlist."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import PAGE_TYPES, _open

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts" / "screenshots"


def test_skip_link_is_first_and_moves_focus_to_main(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "services/autism-advice/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("[document.activeElement.textContent, document.activeElement.getAttribute('href')]")
    assert focused == ["Skip to main content", "#main-content"]
    outline = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the skip link must show where focus is"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.closest('#main-content') !== null")


def test_menu_opens_and_closes_with_the_keyboard_on_a_phone(browser_page: Page, fixture_url: str) -> None:
    browser_page.set_viewport_size({"width": 375, "height": 700})
    browser_page.goto(fixture_url + "services/autism-advice/")
    menu = browser_page.locator("button[data-lo-menu]")
    expect(menu).to_have_accessible_name("Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    for _ in range(4):
        browser_page.keyboard.press("Tab")
        if browser_page.evaluate("document.activeElement.hasAttribute('data-lo-menu')"):
            break
    assert browser_page.evaluate("document.activeElement.hasAttribute('data-lo-menu')")
    browser_page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(browser_page.locator("[data-lo-drawer-close]")).to_be_focused()
    for _ in range(30):  # the rest of the page is inert: Tab stays in the drawer (or leaves the page)
        browser_page.keyboard.press("Tab")
        assert browser_page.evaluate(
            "document.activeElement === document.body || !!document.activeElement.closest('.md-sidebar--primary')"
        )
    browser_page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


def test_keyboard_at_1024_pixels_reaches_the_content_in_four_tabs_through_visible_controls(
    browser_page: Page, sample_url: str
) -> None:
    """Issue 14's acceptance: a 1024 px laptop (or 400 % zoom), keyboard only, from the top of a service page."""
    browser_page.set_viewport_size({"width": 1024, "height": 768})
    browser_page.goto(sample_url + "services/lambeth-autism-advisory-service/")
    where = """() => {
        const e = document.activeElement, r = e.getBoundingClientRect();
        return { tag: e.tagName, id: e.id, text: e.textContent.trim(), inMain: !!e.closest('#main-content'),
                 seen: e.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && r.width > 0
                   && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight };
    }"""
    stops = []
    for _ in range(4):
        browser_page.keyboard.press("Tab")
        stops.append(browser_page.evaluate(where))
        if stops[-1]["inMain"] or stops[-1]["id"] == "lo-header-q":
            break
    assert stops[0]["text"] == "Skip to main content"
    assert stops[-1]["inMain"] or stops[-1]["id"] == "lo-header-q", stops
    for _ in range(60):  # and on through the page: never a control that cannot be seen
        browser_page.keyboard.press("Tab")
        stop = browser_page.evaluate(where)
        if stop["tag"] == "BODY":
            break  # focus has left the page
        stops.append(stop)
    assert all(s["seen"] for s in stops), [s for s in stops if not s["seen"]]
    assert sum(s["inMain"] for s in stops) > 10


def test_tabbing_never_traps_focus_and_focus_is_always_visible(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?q=autism")
    expect(browser_page.locator("[data-lo-status]")).to_contain_text("result")
    seen = []
    for _ in range(80):
        browser_page.keyboard.press("Tab")
        info = browser_page.evaluate("""() => {
            const e = document.activeElement; const s = getComputedStyle(e);
            return [e.tagName + (e.id ? '#' + e.id : '') + ':' + (e.textContent || '').trim().slice(0, 30),
                    s.outlineStyle !== 'none' || s.boxShadow !== 'none'];
        }""")
        if info[0].startswith("BODY"):
            break  # tabbed past the last control: focus leaves the page, as it should
        assert info[1], f"no visible focus on {info[0]}"
        seen.append(info[0])
    assert len(set(seen)) > 25, "focus should move through the page, not cycle in a trap"
    assert any("Contact us" in s for s in seen), "focus should reach the footer"


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_pages_reflow_at_320_pixels(browser_page: Page, fixture_url: str, url: str) -> None:
    browser_page.set_viewport_size({"width": 320, "height": 640})
    _open(browser_page, fixture_url, url)
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{overflow}px of horizontal scrolling at 320px"


@pytest.mark.parametrize("url", ["services/autism-advice/", "transitions/primary-to-secondary/", "search/?q=autism"])
def test_text_zoomed_to_200_percent_still_fits(browser_page: Page, fixture_url: str, url: str) -> None:
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    _open(browser_page, fixture_url, url)
    browser_page.add_style_tag(content="html { font-size: 250% !important; }")  # Material's 125% doubled
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("url", ["services/autism-advice/", "transitions/primary-to-secondary/"])
def test_print_layout_has_no_navigation_and_shows_link_addresses(
    browser_page: Page, fixture_url: str, url: str
) -> None:
    _open(browser_page, fixture_url, url)
    browser_page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".lo-header-search", ".lo-footer", ".lo-actions"):
        assert not browser_page.locator(hidden).first.is_visible(), hidden
    expect(browser_page.locator("#main-content h1")).to_be_visible()
    expect(browser_page.locator("#main-content a[href^='mailto:']").first).to_be_visible()  # contacts print
    after = browser_page.evaluate("""() => {
        const link = document.querySelector('#main-content a[href^="mailto:"]');
        return getComputedStyle(link, '::after').content;
    }""")
    assert "mailto:" in after
    pdf = browser_page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_display_settings_apply_and_persist(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "services/autism-advice/")
    before = browser_page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lo-lead')).fontSize)")
    browser_page.click("summary:has-text('Text size and colours')")
    browser_page.check("input[name=text][value=largest]")
    browser_page.check("input[name=contrast][value=high]")
    browser_page.check("input[name=font]")
    expect(browser_page.locator("[data-lo-announce]")).to_have_text("Display setting saved.")
    browser_page.goto(fixture_url + "transitions/")
    root = browser_page.evaluate(
        "[document.documentElement.dataset.loText, document.documentElement.dataset.loContrast,"
        " document.documentElement.dataset.loFont]"
    )
    assert root == ["largest", "high", "readable"]
    browser_page.goto(fixture_url + "services/autism-advice/")
    after = browser_page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lo-lead')).fontSize)")
    assert after >= before * 1.4
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    from browser import axe_violations

    assert axe_violations(browser_page) == []


def test_copy_link_and_print_buttons(browser_page: Page, fixture_url: str) -> None:
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    browser_page.goto(fixture_url + "services/autism-advice/")
    browser_page.click("button:has-text('Copy link')")
    expect(browser_page.locator("[data-lo-announce]")).to_contain_text("Link copied")
    assert browser_page.evaluate("navigator.clipboard.readText()") == fixture_url + "services/autism-advice/"
    browser_page.evaluate("window.print = () => { window.__printed = true; }")
    browser_page.click("button:has-text('Print this page')")
    assert browser_page.evaluate("window.__printed") is True


def test_shortlist_keeps_shares_and_prints_services(browser_page: Page, fixture_url: str) -> None:
    page = browser_page
    page.goto(fixture_url + "services/autism-advice/")
    page.click("button[data-lo-shortlist]")
    expect(page.locator("button[data-lo-shortlist]")).to_have_attribute("aria-pressed", "true")
    page.goto(fixture_url + "services/hearing-support/")
    page.click("button[data-lo-shortlist]")
    page.goto(fixture_url + "shortlist/")
    expect(page.locator("[data-lo-shortlist-status]")).to_have_text("Your shortlist has 2 services.")
    names = page.locator("[data-lo-shortlist-items] h2").all_inner_texts()
    assert names == ["Autism Advisory Team", "Hearing and Vision Support"]
    expect(page.locator("[data-lo-shortlist-items]")).to_contain_text("sensory@example.gov.uk")
    page.click("button[aria-label='Remove Autism Advisory Team from your shortlist']")
    expect(page.locator("[data-lo-shortlist-status]")).to_contain_text("Your shortlist has 1 service.")
    # a shared link shows the listed services to someone with an empty shortlist
    other = page.context.browser.new_context()
    shared = other.new_page()
    shared.goto(fixture_url + "shortlist/?ids=reintegration,stay-and-play")
    expect(shared.locator("[data-lo-shortlist-status]")).to_have_text("A shared shortlist of 2 services.")
    assert shared.locator("[data-lo-shortlist-items] h2").all_inner_texts() == [
        "Reintegration Outreach",
        "Inclusive Stay and Play",
    ]
    shared.emulate_media(media="print")
    assert not shared.locator(".lo-actions").is_visible()
    other.close()


def test_a_shared_shortlist_is_worded_as_shared_and_prints_what_each_service_does(
    browser_page: Page, fixture_url: str
) -> None:
    """Issue 27: someone opening a shared link did not add these services themselves; and the printed sheet says what
    each service does and when a temporarily closed one opens again (the fixture's internships: 11 January 2027)."""
    page = browser_page
    page.goto(fixture_url + "shortlist/")
    assert page.locator("#main-content h1").inner_text() == "Your shortlist"  # as drawn (the other words are hidden)
    expect(page.locator("#main-content .lo-lead:visible")).to_contain_text("Services you have added")
    page.goto(fixture_url + "shortlist/?ids=supported-internships,stay-and-play")
    expect(page.locator("[data-lo-shortlist-status]")).to_have_text("A shared shortlist of 2 services.")
    assert page.locator("#main-content h1").inner_text() == "A shortlist someone shared with you"
    assert page.title().startswith("A shortlist someone shared with you")
    lead = page.locator("#main-content .lo-lead:visible")
    expect(lead).to_have_count(1)
    expect(lead).not_to_contain_text("you have added")
    page.emulate_media(media="print")
    sheet = page.locator("[data-lo-shortlist-items]")
    expect(sheet.locator(".lo-card__summary").first).to_be_visible()
    printed = sheet.inner_text()
    assert "A year of work placements with a job coach" in printed  # the internships' summary
    assert "Play sessions each week for children under 5" in printed
    assert "Temporarily closed until 11 January 2027." in printed


def test_screenshots_for_reviewers(browser_page: Page, fixture_url: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for width in (320, 1280):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto(fixture_url + "services/autism-advice/")
        path = ARTEFACTS / f"service-page-{width}px.png"
        browser_page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
