"""The sample site (Lambeth) on a 320 px phone and a 1280 px desktop: contact details on the first screen, a
compact header, and screenshots of each page type for reviewers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

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
    "special-school": "schools/special-school-autism-secondary/",
    "resource-base": "schools/resource-base-autism-brixton/",
    "schools": "schools/",
    "special-schools": "schools/type/special-school/",
    "outside-the-area": "schools/area/outside/",
}


@pytest.mark.parametrize("width", [320, 1280])
def test_screenshots_of_each_page_type(browser_page: Page, sample_url: str, width: int) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    browser_page.set_viewport_size({"width": width, "height": 800})
    for name, url in SAMPLE_PAGES.items():
        response = browser_page.goto(sample_url + url)
        assert response is not None and response.status == 200, f"{name}: {url} is not there"
        shown = browser_page.locator("[data-lo-page-type]").first.get_attribute("data-lo-page-type")
        assert shown != "not-found", f"{name}: {url} shows the page-not-found page"
        browser_page.wait_for_load_state("networkidle")
        path = ARTEFACTS / f"{name}-{width}px.png"
        browser_page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5_000


def test_a_to_z_letters_wrap_in_a_short_row_and_show_closures(browser_page: Page, sample_url: str) -> None:
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(sample_url + "services/")
    height = browser_page.evaluate("document.querySelector('.lo-letters').getBoundingClientRect().height")
    print(f"\nA to Z letter index at 320 px: {height:.0f} px tall")
    assert height < 150
    groups = browser_page.locator("#main-content section")
    assert groups.count() == browser_page.locator(".lo-letters a").count()
    assert browser_page.locator("#main-content section .lo-back a[href='#letters']").count() == groups.count()
    closed = browser_page.locator("li:has(a:text-is('Talking Together Drop-in'))")
    expect(closed).to_contain_text("Temporarily closed")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def test_four_services_print_on_one_a4_page_with_what_a_practitioner_needs(
    browser_page: Page, sample_site: Path, sample_url: str
) -> None:
    data = json.loads((sample_site / "assets/shortlist.json").read_text(encoding="utf-8"))["services"]
    # the three services with an address and the most to print, and the temporarily closed one
    closed = "early-years-speech-drop-in"
    with_address = [i for i in data if i != closed and data[i]["address"]]
    assert len(with_address) >= 3
    biggest = sorted(with_address, key=lambda i: -len(json.dumps(data[i])))[:3] + [closed]
    browser_page.goto(sample_url + "shortlist/?ids=" + ",".join(biggest))
    expect(browser_page.locator("[data-lo-shortlist-status]")).to_have_text("A shared shortlist of 4 services.")
    browser_page.set_viewport_size({"width": 320, "height": 640})  # printing from a phone lays out for the paper
    browser_page.emulate_media(media="print")
    sheet = browser_page.locator("#main-content")
    expect(browser_page.locator(".lo-sheet-head")).to_contain_text("Lambeth SEND Local Offer")
    expect(browser_page.locator(".lo-sheet-head")).to_contain_text("printed on")
    text = sheet.inner_text()
    for service_id in biggest:
        s = data[service_id]
        for value in (
            s["name"],
            s["summary"],
            s["organisation"],
            s["ages"],
            s["referral"],
            s["address"],
            s["opening_times"],
        ):
            assert value in text, value
        assert s["url"] in text  # the page address
        if s["website"]:
            assert text.count(s["website"]) == 1, "the web address once, as text"
    assert "(tel:" not in text
    assert f"Temporarily closed until {data[closed]['reopens']}." in text and data[closed]["reopens"]
    pdf = browser_page.pdf(format="A4")
    pages = _pdf_pages(pdf)
    print(f"\nshortlist of 4 printed to {pages} A4 page(s)")
    (ARTEFACTS.parent).mkdir(parents=True, exist_ok=True)
    (ARTEFACTS.parent / "shortlist-4-services.pdf").write_bytes(pdf)
    assert pages == 1


def test_shared_shortlist_is_read_only_and_saving_merges(browser_page: Page, sample_url: str) -> None:
    page = browser_page
    page.goto(sample_url + "shortlist/")
    page.evaluate("localStorage.setItem('lo-shortlist', JSON.stringify(['lambeth-parent-forum']))")
    page.goto(sample_url + "shortlist/?ids=camhs-lambeth,early-years-speech-drop-in,traineeships-programme-2024")
    expect(page.locator("[data-lo-shortlist-status]")).to_have_text("A shared shortlist of 2 services.")
    expect(page.locator("[data-lo-shortlist-left-out]")).to_contain_text("closed: Traineeships")
    expect(page.locator("[data-lo-shortlist-items]")).to_contain_text("Temporarily closed")
    assert page.locator("button.lo-remove").count() == 0
    page.click("[data-lo-clear-list]")
    assert page.evaluate("localStorage.getItem('lo-shortlist')") == '["lambeth-parent-forum"]'
    page.goto(sample_url + "shortlist/?ids=camhs-lambeth")
    page.click("[data-lo-save-list]")
    saved = json.loads(page.evaluate("localStorage.getItem('lo-shortlist')"))
    assert saved == ["lambeth-parent-forum", "camhs-lambeth"]


def test_closed_service_address_shows_a_tombstone_with_alternatives(browser_page: Page, sample_url: str) -> None:
    response = browser_page.goto(sample_url + "services/traineeships-programme-2024/")
    assert response is not None and response.status == 200
    expect(browser_page.locator("#main-content h1")).to_have_text("This service has closed")
    count = browser_page.locator("#main-content .lo-card").count()
    assert 1 <= count <= 3
