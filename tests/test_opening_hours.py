"""Structured opening hours: checked as records are, shown on the service page in plain words, and an "Open on"
day filter in search. (Their Open Referral schedules: test_openreferral.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, make_project
from playwright.sync_api import Page
from sitepages import page
from test_search import results

from generator.commands.check_files import check_files
from generator.inputs.settings import load_settings, today
from generator.pages.hours import clock, day_words

GOOD = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text()
HOURS = """opening_hours:
  - days: [monday, tuesday, wednesday, thursday, friday]
    opens: "09:00"
    closes: "17:00"
"""


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hours"))
    return root / "services" / "send" / "autism-advice.yaml"


def _problems(record: Path, hours: str) -> list[str]:
    assert HOURS in GOOD
    record.write_text(GOOD.replace(HOURS, hours))
    settings = load_settings(record.parents[2] / "mkdocs.yml")
    return [p.text() for p in check_files(settings, [record], today()) if p.severity == "error"]


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        (
            'opening_hours:\n  - days: [monday]\n    opens: "17:00"\n    closes: "09:00"\n',
            "services/send/autism-advice.yaml:33:13: opening_hours › item 1 › closes: 09:00 is not later than opens"
            ' (17:00). Write the time it closes, later than the time it opens, in 24-hour time: 5pm is "17:00".',
        ),
        (
            'opening_hours:\n  - days: [monday]\n    opens: 9:30\n    closes: "17:00"\n',
            "services/send/autism-advice.yaml:32:12: opening_hours › item 1 › opens: '9:30' is read by YAML as the"
            ' number 570, not a time. It is a time, so put it in quotes: "09:30".',
        ),
        (
            'opening_hours:\n  - days: [monday]\n    opens: "9am"\n    closes: "17:00"\n',
            "services/send/autism-advice.yaml:32:12: opening_hours › item 1 › opens: '9am' is not written the way we"
            ' need. Write a 24-hour time in quotes with two digits for the hour, for example "09:30" or "17:00".',
        ),
        (
            'opening_hours:\n  - days: [mondy]\n    opens: "09:00"\n    closes: "17:00"\n',
            "services/send/autism-advice.yaml:31:12: opening_hours › item 1 › days › item 1: 'mondy' is not one of the"
            " allowed values. Did you mean 'monday'? Write one of: monday, tuesday, wednesday, thursday, friday,"
            " saturday, sunday.",
        ),
        (
            'opening_hours:\n  - days: []\n    opens: "09:00"\n    closes: "17:00"\n',
            "services/send/autism-advice.yaml:31:11: opening_hours › item 1 › days: needs at least one item. The days"
            " these times are for, for example [monday, tuesday, wednesday, thursday, friday].",
        ),
        (
            'opening_hours:\n  - days: [monday]\n    opens: "09:00"\n',
            "services/send/autism-advice.yaml:31:5: opening_hours › item 1 › closes: is missing. Add a line"
            " 'closes: …'. When it closes on those days, 24-hour time in quotes, later than opens, for example"
            ' "17:00".',
        ),
    ],
    ids=["closes-before-opens", "unquoted-time", "not-24-hour", "misspelt-day", "no-days", "no-closing-time"],
)
def test_a_mistake_in_opening_hours_says_where_and_what_to_write(record: Path, hours: str, expected: str) -> None:
    assert _problems(record, hours) == [expected]


def test_good_opening_hours_pass(record: Path) -> None:
    split_day = HOURS + '  - days: [saturday]\n    opens: "10:00"\n    closes: "12:30"\n    note: drop-in\n'
    assert _problems(record, split_day) == []


def test_times_and_days_read_as_families_write_them() -> None:
    assert [clock(t) for t in ("09:00", "09:30", "12:00", "12:15", "17:30", "00:00")] == [
        "9am",
        "9:30am",
        "midday",
        "12:15pm",
        "5:30pm",
        "midnight",
    ]
    assert day_words(["friday", "monday", "tuesday", "wednesday", "thursday"]) == "Monday to Friday"
    assert day_words(["monday", "tuesday", "thursday"]) == "Monday, Tuesday and Thursday"
    assert day_words(["monday", "tuesday", "wednesday", "friday", "sunday"]) == "Monday to Wednesday, Friday and Sunday"


def test_the_service_page_shows_the_hours_then_the_words(fixture_site: Path) -> None:
    contact = page(fixture_site, "services/autism-advice/").select_one(".lo-contact")
    lines = [li.get_text(" ", strip=True) for li in contact.select(".lo-hours li")]
    assert lines == ["Monday to Friday, 9am to 5pm", "Closed on bank holidays."]
    play = page(fixture_site, "services/stay-and-play/").select_one(".lo-contact")
    assert [li.get_text(strip=True) for li in play.select(".lo-hours li")] == [
        "Tuesday, 10am to 11:30am, term time only",
        "Saturday, 10am to midday",
    ]


def test_search_offers_an_open_on_filter(fixture_site: Path) -> None:
    form = page(fixture_site, "search/").select_one("fieldset[data-filter=day]")
    assert form.legend.get_text(strip=True) == "Open on"
    assert [box["value"] for box in form.select("input")][:2] == ["monday", "tuesday"]


def test_open_on_saturday_finds_only_services_open_on_saturday(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?day=saturday")
    assert results(browser_page) == ["Inclusive Stay and Play"]
    browser_page.goto(fixture_url + "search/?day=tuesday")
    assert sorted(results(browser_page)) == ["Autism Advisory Team", "Inclusive Stay and Play"]
