"""Everything a family might look for is in search (issue 27): guides, the glossary's entries (each its own sub-result,
at its anchor) and hand-written pages, found by the same synonyms as services; the page-not-found page and a closed
service's old page never are. A real build of a fixture project made for it, its real Pagefind index, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from browser import serve
from conftest import build, make_project
from playwright.sync_api import Browser, Page

POST_16_GUIDE = """\
id: school-to-college
title: Leaving school at 16
from_phase: secondary
to_phase: post-16
audience: [families, young-people]
summary: How to choose a sixth form, a college course or a supported internship when school ends.
steps:
  - when: Year 10
    title: Look at the choices
    body: Visit colleges and sixth forms, and ask about supported internships.
    services: [supported-internships]
  - when: Year 11, spring term
    title: Apply
    body: Apply for a college place. The EHC plan names the college at the annual review.
last_reviewed: 2026-06-01
"""

EHC_GUIDE = "ehc-needs-assessment/"  # content/ehc-needs-assessment.md, "How to get an EHC needs assessment"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("everything") / "project")
    (root / "content" / "transitions" / "school-to-college.yaml").write_text(POST_16_GUIDE, encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    with serve(root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def page(chromium: Browser, site_url: str) -> Iterator[Page]:
    context = chromium.new_context()
    page = context.new_page()
    page.goto(site_url + "search/")
    page.evaluate("async () => { window.pf = await import('../pagefind/pagefind.js'); await window.pf.init(); }")
    yield page
    context.close()


def index(page: Page, q: str) -> list[dict[str, object]]:
    """Pagefind's own answer (every result, in its order), with each result's sub-results (the parts of the page after
    a heading with an id), best first: the index as built."""
    return page.evaluate(
        """async (q) => {
            const found = await window.pf.search(q);
            const datas = await Promise.all(found.results.map((r) => r.data()));
            const score = (s) => s.weighted_locations.reduce((sum, l) => sum + l.balanced_score, 0);
            return datas.map((d) => ({url: new URL(d.url, location.href).pathname, title: d.meta.title,
                                      subs: [...d.sub_results].sort((a, b) => score(b) - score(a))
                                               .map((s) => new URL(s.url, location.href).hash)}));
        }""",
        q,
    )


def shown(page: Page, base: str, q: str) -> list[str]:
    """The addresses of the results the search page shows, in order."""
    page.goto(f"{base}search/?q={quote(q)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-lo-status]');"
        " return s && s.textContent.trim() && !s.textContent.startsWith('Searching'); }",
        timeout=30_000,
    )
    return page.eval_on_selector_all("[data-lo-results] > li h3 a", "as => as.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("q", ["ehcp", "EHC plan", "education health and care plan", "statutory assessment"])
def test_the_ehc_guide_is_found_by_every_way_of_writing_the_term(page: Page, q: str) -> None:
    urls = [r["url"] for r in index(page, q)]
    assert f"/{EHC_GUIDE}" in urls, urls


def test_the_exact_title_of_a_hand_written_guide_finds_it_first(page: Page) -> None:
    assert index(page, "How to get an EHC needs assessment")[0]["url"] == f"/{EHC_GUIDE}"


def test_a_glossary_entry_is_its_own_sub_result_at_its_anchor(page: Page) -> None:
    glossary = [r for r in index(page, "ehcp") if r["url"] == "/glossary/"]
    assert glossary, "the glossary page is not in the index"
    assert glossary[0]["subs"][0] == "#education-health-and-care-plan", glossary[0]["subs"]
    camhs = next(r for r in index(page, "CAMHS") if r["url"] == "/glossary/")
    assert camhs["subs"][0] == "#child-and-adolescent-mental-health-services", camhs["subs"]


def test_glossary_finds_the_glossary_page_first(page: Page) -> None:
    assert index(page, "glossary")[0]["url"] == "/glossary/"


@pytest.mark.parametrize("q", ["post 16", "sixth form", "supported internship"])
def test_a_transition_guide_is_found_by_its_words_and_their_synonyms(page: Page, q: str) -> None:
    urls = [r["url"] for r in index(page, q)]
    assert "/transitions/school-to-college/" in urls, urls


def test_a_guide_carries_the_ages_and_stages_of_its_move(page: Page) -> None:
    """So a search with an age ("after year 11" is ages 15 and 16) or a ticked stage still finds it."""
    found = page.evaluate(
        """async () => (await Promise.all((await window.pf.search(null, {filters: {years: {any: ['15', '16']}}}))
             .results.map((r) => r.data()))).map((d) => new URL(d.url, location.href).pathname)"""
    )
    assert "/transitions/school-to-college/" in found
    assert "/transitions/early-years-to-primary/" not in found  # ages 2 to 5
    for age, guides in {
        "4": ["early-years-to-primary"],
        "10": ["primary-to-secondary"],
        "16": ["school-to-college"],
    }.items():
        found = page.evaluate(
            """async (age) => (await Promise.all((await window.pf.search(null, {filters: {years: age}}))
                 .results.map((r) => r.data()))).map((d) => new URL(d.url, location.href).pathname)
                 .filter((u) => u.startsWith('/transitions/'))""",
            age,
        )
        assert found == [f"/transitions/{g}/" for g in guides], (age, found)


@pytest.mark.parametrize("q", ["page not found", "typed the web address", "has closed", "old programme"])
def test_no_result_is_a_404_page_or_a_closed_services_old_page(page: Page, q: str) -> None:
    urls = [r["url"] for r in index(page, q)]
    assert not [u for u in urls if u.endswith("404.html") or u.startswith("/services/old-programme")], urls


def test_the_search_page_shows_guides_and_the_glossary(page: Page, site_url: str) -> None:
    assert f"/{EHC_GUIDE}" in shown(page, site_url, "what is ehcp")[:3]
    assert "/transitions/school-to-college/" in shown(page, site_url, "leaving school at 16")[:1]
    assert "/glossary/" in shown(page, site_url, "glossary")[:1]
    page.goto(site_url + "search/")  # the module's page is Pagefind's again for the tests after this one
    page.evaluate("async () => { window.pf = await import('../pagefind/pagefind.js'); await window.pf.init(); }")
