"""Privacy: no page asks any other host for anything, and a family's search words never leave the browser."""

from __future__ import annotations

from pathlib import Path

from browser import is_local
from playwright.sync_api import Browser, expect
from test_accessibility import PAGE_TYPES, _open


def test_every_page_type_loads_only_from_this_site(chromium: Browser, fixture_url: str, fixture_site: Path) -> None:
    context = chromium.new_context()
    requested: list[str] = []
    missing: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on(  # the pages themselves aside (one page type is the "not found" page)
        "response",
        lambda response: missing.append(response.url)
        if response.status >= 400 and response.request.resource_type != "document"
        else None,
    )
    page = context.new_page()
    for url in PAGE_TYPES.values():
        _open(page, fixture_url, url)
    context.close()
    assert len(requested) > len(PAGE_TYPES)
    assert [u for u in requested if not is_local(u)] == []
    # and everything asked for is there: the theme's own search files, left out (Pagefind searches), never are
    assert missing == []
    assert not (fixture_site / "assets" / "javascripts" / "lunr").exists()
    assert not list((fixture_site / "assets" / "javascripts").glob("workers/search.*"))


def test_search_words_are_not_sent_anywhere(chromium: Browser, fixture_url: str) -> None:
    context = chromium.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url + " " + (request.post_data or "")))
    page = context.new_page()
    page.goto(fixture_url + "search/")
    page.fill("#lo-q", "dyslexia")
    page.press("#lo-q", "Enter")
    expect(page.locator("[data-lo-status]")).to_contain_text("dyslexia")
    context.close()
    assert any("/pagefind/" in r for r in requested), "the index was fetched"
    assert [r for r in requested if "dyslexia" in r.lower()] == []


def test_the_site_sets_no_cookies(chromium: Browser, fixture_url: str) -> None:
    context = chromium.new_context()
    page = context.new_page()
    for url in ("", "services/autism-advice/", "search/?q=autism"):
        _open(page, fixture_url, url)
    assert context.cookies() == []
    context.close()
