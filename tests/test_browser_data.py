"""The site's scripts in a real browser given ids, words and stored data that are not what they expect (issue 26):
a word that is the name of a property every JavaScript object has (constructor, __proto__, hasOwnProperty...) is an
ordinary word, and a shortlist kept in this browser or shared in an address that cannot be read becomes an empty
list with a notice, never a broken page."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

INHERITED = ("constructor", "__proto__", "hasOwnProperty", "toString", "valueOf", "__defineGetter__")
STATUS = "[data-lo-shortlist-status]"
ITEMS = "[data-lo-shortlist-items]"
LEFT_OUT = "[data-lo-shortlist-left-out]"


def test_a_shared_shortlist_of_inherited_names_shows_no_services(browser_page: Page, fixture_url: str) -> None:
    page = browser_page
    page.goto(fixture_url + "shortlist/?ids=" + ",".join(INHERITED))
    expect(page.locator(STATUS)).to_contain_text("no services")
    expect(page.locator(ITEMS + " li")).to_have_count(0)
    expect(page.locator(LEFT_OUT)).to_have_text(f"{len(INHERITED)} services on this list are no longer listed.")
    assert page.evaluate("localStorage.getItem('lo-shortlist')") is None  # a shared list is only shown


def test_a_shared_shortlist_keeps_the_ids_that_exist(browser_page: Page, fixture_url: str) -> None:
    page = browser_page
    page.goto(fixture_url + "shortlist/?ids=constructor,autism-advice,__proto__,autism-advice")
    expect(page.locator(STATUS)).to_have_text("A shared shortlist of 1 service.")
    expect(page.locator(ITEMS + " li h2")).to_have_text(["Autism Advisory Team"])
    expect(page.locator(LEFT_OUT)).to_have_text("2 services on this list are no longer listed.")


@pytest.mark.parametrize("word", INHERITED)
def test_searching_for_an_inherited_name_is_an_ordinary_search(browser_page: Page, fixture_url: str, word: str) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(fixture_url + "search/?q=" + word)
    status = page.locator("[data-lo-status]")
    expect(status).to_contain_text("result")
    assert "not working" not in status.inner_text()
    assert errors == []


# What a browser may hold under lo-shortlist after another version of the site, an extension or a hand edit.
CORRUPT = {
    "not JSON": "{not json",
    "an object": '{"autism-advice": true}',
    "a string": '"autism-advice"',
    "a number": "42",
    "an object named __proto__": '{"__proto__": ["autism-advice"]}',
    "wrong items": '["autism-advice", 7, null, {"id": "x"}, ["y"], "autism-advice", "Not An Id!"]',
}


@pytest.mark.parametrize("stored", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_stored_shortlist_that_cannot_be_read_is_repaired_with_a_notice(
    browser_page: Page, fixture_url: str, stored: str
) -> None:
    page = browser_page
    page.goto(fixture_url + "shortlist/")
    page.evaluate("value => localStorage.setItem('lo-shortlist', value)", stored)
    page.goto(fixture_url + "shortlist/")
    status = page.locator(STATUS)
    expect(status).to_contain_text("could not all be read")
    kept = json.loads(page.evaluate("localStorage.getItem('lo-shortlist')"))
    assert isinstance(kept, list) and all(isinstance(i, str) for i in kept)
    wanted = ["autism-advice"] if stored.startswith('["autism-advice"') else []
    assert kept == wanted
    expect(page.locator(ITEMS + " li")).to_have_count(len(wanted))
    page.reload()  # repaired: the next visit has nothing to say about it
    expect(status).not_to_contain_text("could not")


@pytest.mark.parametrize("stored", CORRUPT.values(), ids=CORRUPT.keys())
def test_the_add_to_shortlist_button_works_over_a_stored_value_that_cannot_be_read(
    browser_page: Page, fixture_url: str, stored: str
) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fixture_url + "services/hearing-support/")
    page.evaluate("value => localStorage.setItem('lo-shortlist', value)", stored)
    page.reload()
    button = page.locator("[data-lo-shortlist]")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    kept = json.loads(page.evaluate("localStorage.getItem('lo-shortlist')"))
    assert kept[-1] == "hearing-support" and all(isinstance(i, str) for i in kept)
    assert errors == []


def test_display_settings_that_cannot_be_read_are_the_standard_ones(browser_page: Page, fixture_url: str) -> None:
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(fixture_url)
    for stored in ('"large"', "[1, 2]", '{"text": {"x": 1}, "font": "yes"}', '{"__proto__": {"text": "large"}}'):
        page.evaluate("value => localStorage.setItem('lo-display', value)", stored)
        page.reload()
        html = page.locator("html")
        expect(html).to_have_attribute("data-lo-text", "standard")
        expect(html).to_have_attribute("data-lo-font", "standard")
    assert errors == []
