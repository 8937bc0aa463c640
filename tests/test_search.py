"""Search in a real browser over the real Pagefind index of a real build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browser import axe_violations, serve
from conftest import build, make_project
from playwright.sync_api import Page, expect


def results(page: Page) -> list[str]:
    expect(page.locator("[data-lo-status]")).to_contain_text("result")
    return [a.inner_text() for a in page.locator("[data-lo-results] > li > h3 a").all()]


def records(page: Page) -> list[str]:
    """The results that are services or schools, in order (since issue 27 guides, glossary entries and hand-written
    pages are found too: tests about the directory compare only its records, and say where the others appear)."""
    expect(page.locator("[data-lo-status]")).to_contain_text("result")
    links = page.locator("[data-lo-results] a").all()
    return [
        a.inner_text() for a in links if "/services/" in (href := a.get_attribute("href") or "") or "/schools/" in href
    ]


def search(page: Page, base: str, query: str) -> list[str]:
    page.goto(base + "search/")
    page.fill("#lo-q", query)
    page.press("#lo-q", "Enter")
    return results(page)


def test_index_holds_every_published_service_under_each_filter(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/")
    filters = browser_page.evaluate(
        "async () => { const pf = await import('../pagefind/pagefind.js'); await pf.init(); return pf.filters(); }"
    )
    assert filters["category"] == {"send": 2, "early-years": 1, "careers": 1, "alternative-provision": 1}
    assert filters["cost"] == {"free": 4, "paid": 1}
    assert sum(filters["referral"].values()) == 5
    services = ("autism-advice", "hearing-support", "stay-and-play")
    settings = ("riverside-school", "hillside-primary", "hillside-autism-base", "little-acorns-nursery")  # issue 16
    guides = ("early-years-to-primary",)  # issue 27: a guide has the ages of its move (primary-to-secondary: 9 to 12)
    assert filters["age"]["0-4"] == len(services) + len(settings) + len(guides)
    assert filters["setting"]["special-school"] == 1 and filters["where"] == {"inside": 4, "outside": 2}


def test_autism_finds_the_autism_service_first(browser_page: Page, fixture_url: str) -> None:
    found = search(browser_page, fixture_url, "autism")
    assert found[0] == "Autism Advisory Team"
    assert "Inclusive Stay and Play" in found
    assert "Hearing and Vision Support" not in found
    expect(browser_page.locator("[data-lo-status]")).to_have_text(f"{len(found)} results for ‘autism’.")
    assert "q=autism" in browser_page.url


def test_plain_words_and_abbreviations_find_services(browser_page: Page, fixture_url: str) -> None:
    assert search(browser_page, fixture_url, "ASD")[0] == "Autism Advisory Team"
    assert search(browser_page, fixture_url, "autistic")[0] == "Autism Advisory Team"
    assert "Supported Internships" in search(browser_page, fixture_url, "dyslexia")
    assert "Hearing and Vision Support" in search(browser_page, fixture_url, "deaf")


# Since issue 16 the fixture's schools for autistic children are found too, after the service that names autism.
AUTISM_SETTINGS = ["Autism resource base at Hillside Primary School", "Hillside Primary School", "Riverside School"]
AUTISM = sorted(["Autism Advisory Team", "Inclusive Stay and Play", *AUTISM_SETTINGS])


def test_filters_narrow_results(browser_page: Page, fixture_url: str) -> None:
    found = search(browser_page, fixture_url, "autism")
    assert found[0] == "Autism Advisory Team" and sorted(records(browser_page)) == AUTISM
    assert "Autism (ASD, ASC)" in found  # the glossary's entry for autism (no age or need: filters leave it out)
    browser_page.click("summary:has-text('Filter results')")
    browser_page.click("[data-lo-filter-group=age] > summary")  # each group folds (issue 27)
    browser_page.check("fieldset[data-filter=age] >> text=Ages 5 to 10")
    expect(browser_page.locator("[data-lo-status]")).to_have_text("4 results for ‘autism’ with 1 filter.")
    found = results(browser_page)
    assert found[0] == "Autism Advisory Team" and sorted(found[1:]) == AUTISM_SETTINGS
    assert "age=5-10" in browser_page.url
    browser_page.uncheck("fieldset[data-filter=age] >> text=Ages 5 to 10")
    browser_page.click("[data-lo-filter-group=need] > summary")
    browser_page.check("fieldset[data-filter=need] >> text=Sensory and physical")
    expect(browser_page.locator("[data-lo-status]")).to_have_text("1 result for ‘autism’ with 1 filter.")
    assert results(browser_page) == ["Inclusive Stay and Play"]


def test_filters_alone_list_matching_services(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?age=0-4&need=sensory-and-physical")
    assert sorted(results(browser_page)) == ["Hearing and Vision Support", "Inclusive Stay and Play"]


def test_shared_url_restores_query_and_filters(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?q=autism&age=5-10")
    assert results(browser_page)[0] == "Autism Advisory Team"
    expect(browser_page.locator("#lo-q")).to_have_value("autism")
    expect(browser_page.locator("fieldset[data-filter=age] input[value='5-10']")).to_be_checked()
    expect(browser_page.locator("details[data-lo-filters]")).to_have_attribute("open", "")


def test_keyboard_only_search_and_open_a_result(browser_page: Page, fixture_url: str) -> None:
    page = browser_page
    page.goto(fixture_url + "search/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "lo-q"
    page.keyboard.type("vision")
    page.keyboard.press("Enter")
    found = results(page)
    assert found[0] == "Hearing and Vision Support" and records(page) == ["Hearing and Vision Support"]
    # open the filters with the keyboard and tick one with Space
    page.focus("details[data-lo-filters] > summary")
    page.keyboard.press("Enter")
    expect(page.locator("details[data-lo-filters]")).to_have_attribute("open", "")
    page.keyboard.press("Tab")  # the way past the open filters, first
    assert page.evaluate("document.activeElement.textContent") == "Skip the filters to the results"
    page.keyboard.press("Tab")  # the first group, folded (issue 27): Enter opens it
    assert page.evaluate("document.activeElement.textContent") == "Area of need"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("fieldset[data-filter=need] input").first).to_be_checked()
    expect(page.locator("[data-lo-status]")).to_have_text("No results for ‘vision’ with 1 filter.")
    page.keyboard.press("Space")
    expect(page.locator("[data-lo-status]")).to_have_text(f"{len(found)} results for ‘vision’.")
    page.locator("[data-lo-results] a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/hearing-support/")
    expect(page.locator("#main-content h1")).to_have_text("Hearing and Vision Support")


def test_one_link_takes_the_keyboard_past_open_filters(browser_page: Page, fixture_url: str) -> None:
    """With the filters open, dozens of boxes stand between the search box and the results: the first stop in the
    filters skips them all, and the next Tab reaches the first result."""
    page = browser_page
    page.goto(fixture_url + "search/?q=autism&need=communication-and-interaction")
    assert results(page)
    page.focus("details[data-lo-filters] > summary")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lo-results-heading"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('[data-lo-results]')")


def test_header_search_box_goes_to_search(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "services/autism-advice/")
    browser_page.fill("#lo-header-q", "vision")
    browser_page.press("#lo-header-q", "Enter")
    browser_page.wait_for_url("**/search/?q=vision")
    assert results(browser_page)[0] == "Hearing and Vision Support"
    assert records(browser_page) == ["Hearing and Vision Support"]


def test_navigation_and_lists_are_not_indexed(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?q=" + "Jump")  # only on the A to Z page ("Jump to a letter")
    expect(browser_page.locator("[data-lo-status]")).to_have_text("No results for ‘Jump’.")
    browser_page.goto(fixture_url + "search/?q=" + "Fixture%20Borough%20Council")
    found = results(browser_page)
    assert sorted(found) == ["Autism Advisory Team", "Hearing and Vision Support"]


def test_search_page_passes_axe_with_results_and_filters_open(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?q=autism&need=communication-and-interaction")
    results(browser_page)
    expect(browser_page.locator("details[data-lo-filters]")).to_have_attribute("open", "")
    assert axe_violations(browser_page) == []


@pytest.mark.parametrize("width", [320])
def test_search_page_fits_a_small_phone(browser_page: Page, fixture_url: str, width: int) -> None:
    browser_page.set_viewport_size({"width": width, "height": 700})
    browser_page.goto(fixture_url + "search/?q=autism")
    results(browser_page)
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_without_javascript_the_page_points_to_browse_pages(chromium, fixture_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fixture_url + "search/")
    notice = page.locator("noscript").first.inner_html()
    assert "Search needs JavaScript" in notice and "A to Z of services" in notice
    context.close()


def test_coordinator_synonyms_are_used(tmp_path: Path, chromium) -> None:
    root = make_project(tmp_path / "p")
    synonyms = root / "content" / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text() + "- words: [reintegration, back to school, fresh start]\n")
    assert build(root).built
    with serve(root / "site") as url:
        page = chromium.new_page()
        page.goto(url + "search/?q=fresh%20start")
        assert results(page) == ["Reintegration Outreach"]
        page.close()


def test_an_age_in_the_words_puts_that_age_first(browser_page: Page, fixture_url: str) -> None:
    # Changed with issue 12: the typed words stay as typed, the age shows as a removable chip (no ticked band) and
    # ages match exactly, not by band. Issue 27: the age orders, it no longer filters (those for other ages follow).
    found = search(browser_page, fixture_url, "autism age 4")
    assert found[0] == "Autism Advisory Team" and sorted(records(browser_page)) == AUTISM
    assert "Autism (ASD, ASC)" in found  # the glossary's autism entry: with the age only ordering, it stays
    expect(browser_page.locator("#lo-q")).to_have_value("autism age 4")
    expect(browser_page.locator("[data-lo-age-chip]")).to_contain_text("Age 4")
    expect(browser_page.locator("details[data-lo-filters]")).not_to_have_attribute("open", "")
    assert "q=autism+age+4" in browser_page.url
    found = search(browser_page, fixture_url, "autism 12 years old")
    assert found[:2] == ["Autism Advisory Team", "Riverside School"] and sorted(records(browser_page)) == AUTISM
    browser_page.click("[data-lo-age-chip]")
    expect(browser_page.locator("#lo-q")).to_have_value("autism")
    expect(browser_page.locator("[data-lo-age-chip]")).to_have_count(0)


def test_search_synonyms_come_from_the_glossary(tmp_path: Path, chromium) -> None:
    """'Asperger' finds the autism service only because the glossary lists it as a way of writing autism: removing
    the variant from the glossary (no other list holds it) and building again, the search no longer finds it."""
    root = make_project(tmp_path / "p")
    glossary = root / "content" / "glossary.yaml"
    found = []
    for keep in (True, False):
        if not keep:
            terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
            autism = next(t for t in terms if t["term"] == "Autism")
            autism["variants"] = [v for v in autism["variants"] if not v.startswith("Asperger")]
            glossary.write_text(yaml.safe_dump(terms, sort_keys=False, allow_unicode=True), encoding="utf-8")
        assert build(root).built
        with serve(root / "site") as url:
            page = chromium.new_page()
            page.goto(url + "search/?q=Asperger")
            found.append(results(page))
            page.close()
    assert "Autism Advisory Team" in found[0]
    assert "Autism Advisory Team" not in found[1]
