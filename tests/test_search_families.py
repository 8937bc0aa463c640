"""Issue 27: search reads what families type and leads somewhere, on a phone too. A real build of the fixture project
with records made for each case, its real Pagefind index, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
import yaml
from browser import guard_network, serve
from conftest import FIXTURES, build, make_project, write_record
from playwright.sync_api import Browser, Page, expect

BASE = yaml.safe_load((FIXTURES / "services" / "send" / "autism-advice.yaml").read_text(encoding="utf-8"))
BASE.pop("works_in")


def service(root: Path, id: str, **fields: Any) -> None:
    record = {**BASE, "id": id, "keywords": [], **fields}
    write_record(root, record["category"], id, yaml.safe_dump(record, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("families"))
    physical = {"needs": ["sensory-and-physical"], "age_range": {"min": 5, "max": 18}}
    service(root, "wheelchair-skills", name="Wheelchair Skills Club", keywords=["wheelchair"],
            summary="Sessions where children who use a wheelchair learn to get about safely.", **physical)
    service(root, "youth-choir", name="Inclusive Youth Choir", summary="A choir for young people with SEND.",
            keywords=["choir", "singing"], **physical)
    police = "Support for young people who meet the police."
    service(root, "police-liaison", name="Youth Justice Liaison", summary=police, **physical)
    service(root, "transition-reviews", name="Transition Reviews", age_range={"min": 15, "max": 25},
            summary="We come to your child's year 9 review and every review after it to plan for adult life.",
            needs=["all-needs"])
    service(root, "job-coaching", name="Job Coaching for Interns", category="careers",
            summary="Coaches who help young people with learning difficulties in their first job or internship.",
            needs=["cognition-and-learning"], age_range={"min": 16, "max": 25})
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    with serve(root / "site") as base:
        yield base


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    outside: list[str] = []
    guard_network(context, outside)
    yield context.new_page()
    context.close()
    assert outside == [], f"requests left the machine: {outside}"


def results(page: Page) -> list[str]:
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-lo-status]');"
        " return s && /result/.test(s.textContent) && !s.textContent.startsWith('Searching'); }"
    )
    return [a.inner_text() for a in page.locator("[data-lo-results] > li > h3 a").all()]


def open_search(page: Page, base: str, query: str) -> list[str]:
    page.goto(f"{base}search/?q={query}")
    return results(page)


def test_two_words_are_joined_and_a_language_is_never_corrected(browser_page: Page, url: str) -> None:
    assert open_search(browser_page, url, "wheel%20chair")[0] == "Wheelchair Skills Club"
    expect(browser_page.locator("[data-lo-correction]")).to_contain_text("Showing results for wheelchair.")
    browser_page.goto(f"{url}search/?q=Polish")
    expect(browser_page.locator("[data-lo-status]")).to_have_text("No results for ‘Polish’.")
    expect(browser_page.locator("[data-lo-correction]")).to_have_count(0)


def test_filler_words_are_never_required(browser_page: Page, url: str) -> None:
    found = open_search(browser_page, url, "the%20school%20says%20he%20has%20autism")
    assert found[0] == "Autism Advisory Team"
    expect(browser_page.locator("[data-lo-partial]")).to_have_count(0)


@pytest.mark.parametrize(
    ("words", "chip"),
    [("year 9 review", "Year 9 (ages 13 to 14)"), ("review my son is 4", "Age 4"), ("review 4yo", "Age 4"),
     ("review after year 11", "After year 11 (ages 16 and over)"), ("review toddler", "Ages 1 to 3")],
)
def test_an_age_as_parents_write_it_orders_and_never_removes(
    browser_page: Page, url: str, words: str, chip: str
) -> None:
    found = open_search(browser_page, url, words.replace(" ", "%20"))
    expect(browser_page.locator("[data-lo-age-chip]")).to_contain_text(chip)
    assert "Transition Reviews" in found  # ages 15 to 25: an age filter would have removed it from "year 9 review"


def test_open_service_first_and_a_closed_one_leads_to_open_ones(browser_page: Page, url: str) -> None:
    found = open_search(browser_page, url, "internship")
    assert found.index("Job Coaching for Interns") < found.index("Supported Internships"), found
    # a closed result alone: open services for its need and ages follow it, the closest to it first
    assert open_search(browser_page, url, "work%20placements") == ["Supported Internships"]
    closed = browser_page.locator("[data-lo-results] > li", has_text="Temporarily closed")
    others = closed.locator("[data-lo-alternatives]")
    expect(others).to_contain_text("Open services for the same need and age:")
    expect(others.locator("a").first).to_have_text("Job Coaching for Interns")


def test_filters_without_words_put_the_best_fit_first(browser_page: Page, url: str) -> None:
    browser_page.goto(f"{url}search/?need=communication-and-interaction")
    found = results(browser_page)
    # those that name the need come first, the one for that need alone first; then those for all needs
    assert found[:2] == ["Autism Advisory Team", "Supported Internships"], found
    assert set(found[2:]) >= {"Inclusive Stay and Play", "Transition Reviews"}, found


def test_four_services_shortlisted_from_results_in_six_actions(browser_page: Page, url: str) -> None:
    page = browser_page
    page.goto(url + "search/")
    page.fill("#lo-q", "young people")  # 1
    page.press("#lo-q", "Enter")  # 2
    results(page)
    pins = page.locator("[data-lo-results] > li > [data-lo-pin]")
    for n in range(4):  # 3 to 6
        pins.nth(n).click()
        expect(pins.nth(n)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-lo-status]")).to_contain_text("added to your shortlist (4 services)")
    chosen = [pins.nth(n).get_attribute("data-lo-pin") for n in range(4)]
    page.goto(url + "shortlist/")
    expect(page.locator("[data-lo-shortlist-status]")).to_have_text("Your shortlist has 4 services.")
    ids = page.evaluate("JSON.parse(localStorage.getItem('lo-shortlist'))")
    assert ids == chosen


def test_filters_fit_a_phone_and_a_tick_shows_the_count_and_first_result(phone: Page, url: str) -> None:
    open_search(phone, url, "autism")
    phone.click("details[data-lo-filters] > summary")
    panel = phone.locator("details[data-lo-filters]").bounding_box()
    assert panel is not None and panel["height"] <= 740, panel
    phone.click("[data-lo-filter-group=need] > summary")
    phone.check("fieldset[data-filter=need] >> text=Communication and interaction")
    bar = phone.locator("[data-lo-filter-bar]")
    expect(bar).to_contain_text("results for ‘autism’ with 1 filter.")
    expect(bar).to_contain_text("First: Autism Advisory Team.")
    box = bar.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740, box
    chip = phone.locator("[data-lo-filter-chips] [data-lo-filter-chip]")
    expect(chip).to_have_text("Communication and interaction ✕")
    expect(phone.locator("[data-lo-filter-group=need] [data-lo-chosen]")).to_have_text(" (1 chosen)")
    # the count is said by the status region, which no busy region holds back
    assert phone.evaluate("!document.querySelector('[data-lo-status]').closest('[aria-busy]')")
    phone.click("[data-lo-filter-chip]")
    expect(phone.locator("fieldset[data-filter=need] input").first).not_to_be_checked()


def test_a_shared_search_says_what_it_is_doing_before_any_script_arrives(phone: Page, url: str) -> None:
    phone.route("**/assets/search.js", lambda route: None)  # never answered: only the page itself
    phone.goto(f"{url}search/?q=speech%20therapy", wait_until="commit")
    expect(phone.locator("[data-lo-status]")).to_have_text("Searching for “speech therapy”…")
    expect(phone.locator("#lo-q")).to_have_value("speech therapy")
    preloads = phone.eval_on_selector_all(
        "link[rel=modulepreload], link[rel=preload]", "links => links.map(l => new URL(l.href).pathname)"
    )
    assert preloads[:4] == ["/assets/search.js", "/pagefind/pagefind.js", "/pagefind/wasm.en.pagefind",
                            "/pagefind/pagefind-entry.json"]
    # (not the index's metadata file: Pagefind names it anew at each indexing, and a page naming it would make
    # every build of the same site differ)
    assert preloads[4:] == ["/assets/search-words.json"]
    for path in preloads:  # each file is there to be fetched
        assert phone.request.get(url + path.lstrip("/")).ok, path


def test_the_preloaded_files_are_the_ones_search_uses(chromium: Browser, url: str) -> None:
    context = chromium.new_context()  # a first visit: nothing cached
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlparse(request.url).path))
    page.goto(f"{url}search/?q=autism")
    assert results(page)
    context.close()
    for path in ("/pagefind/wasm.en.pagefind", "/pagefind/pagefind-entry.json", "/assets/search-words.json"):
        assert asked.count(path) == 1, (path, asked)
    assert "/pagefind/pagefind-worker.js" not in asked  # no second copy of the WebAssembly for a worker


def test_the_first_result_shows_while_later_ones_are_still_coming(chromium: Browser, url: str) -> None:
    """On a slow line a page of results comes in several round trips: the first is shown without waiting for the
    last, and the list says it is busy until all have come."""
    context = chromium.new_context()
    page = context.new_page()
    asked: list[str] = []
    held: list[Any] = []

    def hold(route: Any) -> None:  # the first result's file comes at once, the others only when let through
        asked.append(route.request.url)
        if len(asked) == 1:
            route.continue_()
        else:
            held.append(route)

    page.route("**/pagefind/fragment/*", hold)
    page.goto(f"{url}search/?q=autism", wait_until="commit")
    expect(page.locator("[data-lo-results] > li")).to_have_count(1)
    assert held, "the other results' files were asked for at the same time"
    expect(page.locator("[data-lo-results]")).to_have_attribute("aria-busy", "true")
    for route in held:
        route.continue_()
    expect(page.locator("[data-lo-results]")).to_have_attribute("aria-busy", "false")
    assert page.locator("[data-lo-results] > li").count() == len(asked)
    context.close()
