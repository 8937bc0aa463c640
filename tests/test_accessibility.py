"""WCAG 2.2 AA in a real browser: axe-core on every page type, keyboard use, reflow, zoom and print."""

from __future__ import annotations

import pytest
from browser import axe_violations
from playwright.sync_api import Page, expect

PAGE_TYPES = {
    "home": "",
    "category index": "category/send/",
    "a to z": "services/",
    "need browse": "needs/",
    "need page": "needs/sensory-and-physical/",
    "age browse": "ages/",
    "age page": "ages/5-10/",
    "service": "services/autism-advice/",
    "temporarily closed service": "services/supported-internships/",
    "transition guide": "transitions/primary-to-secondary/",
    "transitions index": "transitions/",
    "you said we did": "you-said-we-did/",
    "you said we did year": "you-said-we-did/2025/",
    "search with results": "search/?q=autism&need=communication-and-interaction",
    "special school": "schools/riverside-school/",
    "resource base": "schools/hillside-autism-base/",
    "schools and settings": "schools/",
    "schools by type": "schools/type/special-school/",
    "provision outside the area": "schools/area/outside/",
    "search for settings outside the area": "search/?where=outside",
    "accessibility statement": "accessibility/",
    "contact": "contact/",
    "glossary": "glossary/",
    "hand-written page with marked terms": "ehc-needs-assessment/",
    "not found": "no-such-page/",
}


def _open(page: Page, base: str, url: str) -> None:
    response = page.goto(base + url)
    assert response is not None
    if url.startswith("search/"):
        expect(page.locator("[data-lo-status]")).to_contain_text("result")


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_type_has_no_axe_violations(browser_page: Page, fixture_url: str, url: str) -> None:
    _open(browser_page, fixture_url, url)
    assert axe_violations(browser_page) == []


def test_not_found_page_is_the_sites_own(browser_page: Page, fixture_url: str) -> None:
    response = browser_page.goto(fixture_url + "no-such-page/")
    assert response is not None and response.status == 404
    expect(browser_page.locator("#main-content h1")).to_have_text("Page not found")
    expect(browser_page.locator("#main-content")).to_contain_text("A to Z")


def test_axe_catches_a_violation_injected_into_a_built_page(browser_page: Page, fixture_url: str) -> None:
    _open(browser_page, fixture_url, "services/autism-advice/")
    browser_page.evaluate("""() => {
        const main = document.querySelector('#main-content');
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        main.prepend(img);
        const faint = document.createElement('p');
        faint.textContent = 'Very faint text';
        faint.style.color = '#dddddd';
        main.append(faint);
    }""")
    found = axe_violations(browser_page)
    assert any(v.startswith("image-alt") for v in found), found
    assert any(v.startswith("color-contrast") for v in found), found


@pytest.mark.parametrize("width", [1280, 320])
def test_mobile_menu_has_no_axe_violations(browser_page: Page, fixture_url: str, width: int) -> None:
    browser_page.set_viewport_size({"width": width, "height": 800})
    _open(browser_page, fixture_url, "services/autism-advice/")
    assert axe_violations(browser_page) == []
