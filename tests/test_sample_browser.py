"""The sample site (Lambeth) on a 320 px phone and a 1280 px desktop: contact details on the first screen, a
compact header, and screenshots of each page type for reviewers."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

ARTEFACTS = Path(__file__).resolve().parents[1] / "artefacts" / "screenshots" / "sample"
SIZES = {"phone": (320, 640), "desktop": (1280, 800)}
PHONE_LINK = """() => {
    const link = document.querySelector('#main-content a[href^="tel:"]');
    return link ? link.getBoundingClientRect().top : null;
}"""


def _service_pages(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "services").glob("*/index.html"))


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_phone_link_is_on_the_first_screen_of_every_service_page(
    browser_page: Page, sample_site: Path, sample_url: str, size: tuple[int, int]
) -> None:
    width, height = size
    browser_page.set_viewport_size({"width": width, "height": height})
    tops: dict[str, float] = {}
    for slug in _service_pages(sample_site):
        browser_page.goto(f"{sample_url}services/{slug}/")
        top = browser_page.evaluate(PHONE_LINK)
        if top is not None:
            tops[slug] = top
    assert len(tops) >= 20
    worst = max(tops, key=tops.__getitem__)
    print(f"\n{width}x{height}: lowest phone link {tops[worst]:.0f} px ({worst})")
    assert tops[worst] < height, f"{worst}: phone link at {tops[worst]:.0f} px"


def test_header_is_at_most_120_pixels_on_a_phone(browser_page: Page, sample_url: str) -> None:
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(sample_url + "services/lambeth-autism-advisory-service/")
    bottom = browser_page.evaluate("document.querySelector('.lo-header-search').getBoundingClientRect().bottom")
    assert bottom <= 120


SAMPLE_PAGES = {
    "home": "",
    "service": "services/lambeth-autism-advisory-service/",
    "temporarily-closed": "services/early-years-speech-drop-in/",
    "a-to-z": "services/",
    "need": "needs/communication-and-interaction/",
    "age": "ages/0-4/",
    "category": "category/send/",
    "guide": "transitions/",
    "you-said-we-did": "you-said-we-did/",
    "shortlist": "shortlist/?ids=lambeth-autism-advisory-service,early-years-speech-drop-in",
    "closed-tombstone": "services/traineeships-programme-2024/",
}


@pytest.mark.parametrize("width", [320, 1280])
def test_screenshots_of_each_page_type(browser_page: Page, sample_url: str, width: int) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    browser_page.set_viewport_size({"width": width, "height": 800})
    for name, url in SAMPLE_PAGES.items():
        browser_page.goto(sample_url + url)
        browser_page.wait_for_load_state("networkidle")
        path = ARTEFACTS / f"{name}-{width}px.png"
        browser_page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000
