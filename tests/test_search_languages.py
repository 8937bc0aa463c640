"""Issue 28: search understands other languages. A real build of the fixture project with translations made for
each case (Polish, Spanish), a service whose staff speak Polish, its real Pagefind indexes (one per language, merged
by the search page), in Chromium: a language's name in English or in its own words finds the services that speak it
and the pages in it; "Language spoken" is a filter; a sentence in another language finds the pages in that language
and never 1–2 letter fragments or English acronyms ("dla" is not DLA); words that match nothing meaningful show the
help to ask the team; English words leave translated pages out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from browser import serve
from conftest import build, make_project
from playwright.sync_api import Page, expect
from test_translations import _service_fields, _source, _translate

POLISH_NAME = "Porady w sprawie autyzmu"
HEARING = "Hearing and Vision Support"
SPANISH_TITLE = "Inicio de la oferta local"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("search-languages") / "project")
    hearing = root / "services" / "send" / "hearing-support.yaml"
    text = re.sub(r"(?m)^languages:.*\n(?:- .*\n)*", "", hearing.read_text(encoding="utf-8"))
    hearing.write_text(text + "languages: [Polish, Somali]\n", encoding="utf-8")
    polish = _service_fields(root, "Polski")
    polish.update(name=POLISH_NAME, summary="Pomoc dla dziecka z autyzmem i dla jego rodziny.")
    _translate(root, "pl", "service", "autism-advice", polish)
    body = _source(root, "page", "index").english["body"]
    spanish = f"# {SPANISH_TITLE}\n\nAyuda para cada niño con necesidades especiales y para su familia.\n\n" + body
    _translate(root, "es", "page", "index", {"title": SPANISH_TITLE, "body": spanish})
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    with serve(root / "site") as base:
        yield base


def search(page: Page, base: str, q: str) -> list[tuple[str, str]]:
    """(title, address) of every result on show, once the search has finished."""
    page.goto(f"{base}search/?q={quote(q)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-lo-status]');"
        " return s && s.textContent.trim() && !s.textContent.startsWith('Searching'); }"
    )
    links = page.locator("[data-lo-results] > li > h3 a")
    return [(a.inner_text(), a.evaluate("a => new URL(a.href).pathname")) for a in links.all()]


@pytest.mark.parametrize("q", ["polish", "Polski", "POLSKI"])
def test_a_language_named_in_english_or_its_own_words_finds_speakers_and_pages(
    browser_page: Page, url: str, q: str
) -> None:
    found = search(browser_page, url, q)
    first = {title for title, _ in found[:2]}
    assert first == {HEARING, POLISH_NAME}, found  # the service whose staff speak it, the page in it
    assert all(address.startswith("/pl/") or title == HEARING or address == "/languages/"
               for title, address in found), found


def test_language_spoken_is_a_filter(browser_page: Page, url: str) -> None:
    browser_page.goto(f"{url}search/")
    group = browser_page.locator("fieldset[data-filter=language]")
    labels = [t.strip() for t in group.locator("label").all_text_contents()]
    assert {"Polish", "Somali"} <= set(labels) and "English" not in labels, labels
    browser_page.goto(f"{url}search/?language=Somali")
    browser_page.wait_for_function("() => /result/.test(document.querySelector('[data-lo-status]').textContent)")
    expect(browser_page.locator("[data-lo-results] > li > h3 a")).to_have_text([HEARING])


def test_a_sentence_in_another_language_finds_its_pages_never_fragments_or_acronyms(
    browser_page: Page, url: str
) -> None:
    # "dla" is Polish for "for", not the DLA benefit (the glossary's entry); "z" is a fragment
    found = search(browser_page, url, "pomoc dla dziecka z autyzmem")
    assert found[0] == (POLISH_NAME, "/pl/services/autism-advice/"), found
    assert all(address.startswith("/pl/") or title == HEARING for title, address in found), found
    # "niño" is one word (never "ni" and "o", which begin nearly every word on every page)
    found = search(browser_page, url, "niño con necesidades especiales")
    assert found[0] == (SPANISH_TITLE, "/es/"), found
    assert len(found) <= 2, found


def test_words_that_match_nothing_meaningful_show_the_help(browser_page: Page, url: str) -> None:
    for q in ("ابني لا يتكلم", "mi hijo tiene cuatro años y no habla"):
        search(browser_page, url, q)
        expect(browser_page.locator("[data-lo-next-steps]")).to_be_visible()
        assert int(re.match(r"\d+|No", browser_page.inner_text("[data-lo-status]")).group(0).replace("No", "0")) <= 2


def test_english_words_leave_translated_pages_out(browser_page: Page, url: str) -> None:
    found = search(browser_page, url, "autism")
    assert found and found[0][0] == "Autism Advisory Team", found
    assert not [a for _, a in found if a.startswith(("/pl/", "/es/"))], found
    expect(browser_page.locator("[data-lo-next-steps]")).to_be_hidden()


def test_accented_words_are_never_broken_into_fragments(browser_page: Page, url: str) -> None:
    alone = search(browser_page, url, "autism")
    # "niño" read as "ni" and "o" would match the start of nearly every word on every page
    found = search(browser_page, url, "autism niño")
    assert found and found[0][0] == "Autism Advisory Team", found
    assert len(found) <= len(alone), (found, alone)
