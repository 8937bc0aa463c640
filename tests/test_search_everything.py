"""Everything a family might look for is in search (issue 27): guides, the glossary's entries (each its own sub-result,
at its anchor) and hand-written pages, found by the same synonyms as services; the page-not-found page and a closed
service's old page never are. A real build of a fixture project made for it, its real Pagefind index, in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
import yaml
from browser import serve
from conftest import DEMO, build, make_project
from playwright.sync_api import Browser, Page, expect

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

# A service named for EHC plans: it ranks above the EHC page for "EHC plan reviews", but a search for the term alone
# is about what it is, which the EHC page explains
EHC_TEAM = """\
id: ehc-plan-team
name: EHC Plan Team
organisation: Fixture Borough Council
category: send
summary: The council team that writes EHC plans and holds EHCP reviews.
description: We write and review EHC plans.
age_range: {min: 0, max: 25}
needs: [all-needs]
eligibility: Children and young people who may need an EHC plan.
how_to_access: Email us.
referral: self
cost: free
contact:
  email: ehc@example.gov.uk
last_reviewed: 2026-01-15
"""

# A long hand-written page with a word no service has: it matches every word of "autism xylophone", the autism
# service only one
LONG_PAGE = "---\ntitle: News from the year\n---\n\n# News from the year\n\n" + "\n\n".join(
    [
        "We ran a xylophone workshop for families.",
        *(f"Week {n}: autism, speech, hearing, transport, money, school and play sessions." for n in range(60)),
    ]
)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("everything") / "project")
    (root / "content" / "transitions" / "school-to-college.yaml").write_text(POST_16_GUIDE, encoding="utf-8")
    (root / "content" / "news.md").write_text(LONG_PAGE, encoding="utf-8")
    (root / "services" / "send" / "ehc-plan-team.yaml").write_text(EHC_TEAM, encoding="utf-8")
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


def shown(page: Page, base: str, q: str, filters: str = "") -> list[str]:
    """The addresses of the results the search page shows, in order (`filters`: "&setting=nursery"...)."""
    page.goto(f"{base}search/?q={quote(q)}{filters}")
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


@pytest.mark.parametrize("q", ["ehcp", "what is an EHCP"])
def test_a_term_alone_puts_the_page_that_explains_it_first(page: Page, site_url: str, q: str) -> None:
    """The glossary says the EHC page explains EHC plans in full (the term's `pages`); the team named for EHC plans
    follows."""
    found = shown(page, site_url, q)
    assert found[:2] == [f"/{EHC_GUIDE}", "/services/ehc-plan-team/"], found


def test_a_term_with_more_words_or_no_explaining_page_keeps_services_first(page: Page, site_url: str) -> None:
    assert shown(page, site_url, "ehcp work placements")[0] == "/services/supported-internships/"
    assert shown(page, site_url, "ehcp team")[0] == "/services/ehc-plan-team/"
    assert shown(page, site_url, "autism")[0] == "/services/autism-advice/"  # the glossary names no page for autism


@pytest.mark.parametrize(
    ("q", "guide"),
    [
        ("after year 11", "school-to-college"),
        ("post 16", "school-to-college"),
        ("post-16", "school-to-college"),
    ],
)
def test_a_school_year_or_stage_alone_puts_the_guide_to_that_move_first(
    page: Page, site_url: str, q: str, guide: str
) -> None:
    found = shown(page, site_url, q)
    assert found[0] == f"/transitions/{guide}/", found


def test_each_glossary_entry_is_a_result_of_its_own(page: Page, site_url: str) -> None:
    """The entry that matches, at its anchor, with its term and the first sentence of its explanation."""
    terms = yaml.safe_load((DEMO / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    camhs = next(t for t in terms if "CAMHS" in t.get("acronyms", []))
    shown(page, site_url, "CAMHS")
    item = page.locator("[data-lo-results] > li", has=page.locator("h3 a[href*='glossary/']"))
    expect(item).to_have_count(1)
    link = item.locator("h3 a")
    expect(link).to_have_text(f"{camhs['term']} (CAMHS)")
    assert (link.get_attribute("href") or "").endswith("glossary/#child-and-adolescent-mental-health-services")
    first = camhs["explanation"].split(". ")[0].rstrip(".") + "."
    expect(item.locator(".lo-result__summary")).to_have_text(first)
    expect(item.locator("[data-lo-pin]")).to_have_count(0)


def test_a_long_page_with_every_word_does_not_crowd_out_the_service_for_the_need(page: Page, site_url: str) -> None:
    found = shown(page, site_url, "autism xylophone")
    assert found[0] == "/services/autism-advice/", found
    assert "/news/" in found, found
    assert page.locator("[data-lo-partial]").count() == 1


def test_with_only_schools_chosen_a_school_with_every_word_counts_them_all(page: Page, site_url: str) -> None:
    """No service is in a search limited to schools: the schools count all the words they match, as before."""
    found = shown(page, site_url, "autism hillside", "&setting=resource-base&setting=mainstream-school")
    assert found[0] == "/schools/hillside-autism-base/", found
    assert page.locator("[data-lo-partial]").count() == 0


def test_the_search_page_shows_guides_and_the_glossary(page: Page, site_url: str) -> None:
    assert f"/{EHC_GUIDE}" in shown(page, site_url, "what is ehcp")[:3]
    assert "/transitions/school-to-college/" in shown(page, site_url, "leaving school at 16")[:1]
    assert "/glossary/" in shown(page, site_url, "glossary")[:1]
    page.goto(site_url + "search/")  # the module's page is Pagefind's again for the tests after this one
    page.evaluate("async () => { window.pf = await import('../pagefind/pagefind.js'); await window.pf.init(); }")
