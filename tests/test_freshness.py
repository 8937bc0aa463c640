"""Up to date and accurate: review warnings, page notices, a hard limit, and the review-due report."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, build, make_project, write_record
from sitepages import main_text, page

from generator.commands.cli import main

TODAY = "2026-11-22"  # set for every test in conftest


def _stale_copy(root: Path, stem: str, reviewed: str) -> None:
    text = (FIXTURES / "services/send/hearing-support.yaml").read_text()
    text = text.replace("id: hearing-support", f"id: {stem}").replace(
        "last_reviewed: 2026-01-15", f"last_reviewed: {reviewed}"
    )
    write_record(root, "send", stem, text)


def test_overdue_record_warns_but_builds_with_a_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _stale_copy(root, "thirteen-months", "2025-10-01")
    assert main(["--config", str(root / "mkdocs.yml"), "validate"]) == 0
    out = capsys.readouterr()
    assert (
        "services/send/thirteen-months.yaml:16:16: last_reviewed: warning: was last reviewed 13 months ago "
        "(2025-10-01); it is due for review."
    ) in out.err + out.out
    assert build(root).built
    text = main_text(page(root / "site", "services/thirteen-months/"))
    assert "This information was last checked on 1 October 2025" in text
    assert "last checked on" not in main_text(page(root / "site", "services/autism-advice/"))


def test_record_past_the_hard_limit_is_withheld_and_everything_else_publishes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    _stale_copy(root, "ancient", "2024-09-30")
    config = str(root / "mkdocs.yml")
    assert main(["--config", config, "build"]) == 0
    out = capsys.readouterr()
    shown = out.err + out.out
    assert "services/send/ancient.yaml:16:16: last_reviewed: warning: was last reviewed 25 months ago" in shown
    assert "records older than 24 months are not published" in shown
    assert "Not published until reviewed: services/send/ancient.yaml." in shown
    site = root / "site"
    assert not (site / "services/ancient").exists()
    published = {p.parent.name for p in (site / "services").glob("*/index.html")}
    expected = {p.stem for p in (FIXTURES / "services").rglob("*.yaml")} - {"ancient"}
    closed = {p.stem for p in (FIXTURES / "services").rglob("*.yaml") if "status: closed" in p.read_text()}
    assert expected - closed <= published
    assert "ancient" not in json.loads((site / "assets/shortlist.json").read_text())["services"]
    assert "ancient" not in (site / "sitemap.xml").read_text()
    # a CI annotation on the right line, and the review report names it
    assert main(["--config", config, "validate", "--format", "github"]) == 0
    annotation = capsys.readouterr().out
    assert "::warning file=services/send/ancient.yaml,line=16,col=16::last_reviewed: was last reviewed" in annotation
    assert main(["--config", config, "report"]) == 0
    table = capsys.readouterr().out
    assert "Not published until reviewed (past the hard limit): ancient." in table


def test_report_lists_exactly_the_overdue_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _stale_copy(root, "overdue-a", "2025-11-01")
    _stale_copy(root, "overdue-b", "2025-03-15")
    _stale_copy(root, "nearly-due", "2025-12-01")
    out_csv = tmp_path / "due.csv"
    assert main(["--config", str(root / "mkdocs.yml"), "report", "--csv", str(out_csv)]) == 0
    table = capsys.readouterr().out
    assert "2 records due for review." in table
    rows = list(csv.DictReader(out_csv.open()))
    assert [r["id"] for r in rows] == ["overdue-b", "overdue-a"]
    assert rows[0] == {
        "id": "overdue-b",
        "name": "Hearing and Vision Support",
        "organisation": "Fixture Borough Council",
        "email": "sensory@example.gov.uk",
        "last_reviewed": "2025-03-15",
        "days_overdue": "252",
    }
    assert rows[1]["days_overdue"] == "21"


# Boundaries: each date rule is tested a day either side of its limit (TODAY is 2026-11-22; the limits are the
# settings' defaults, 12 months for the review notice and 24 for withholding).
BOUNDARIES = {
    "eleven-months-and-a-day": ("2025-11-23", "fresh"),
    "twelve-months-exactly": ("2025-11-22", "due"),
    "twenty-four-months-less-a-day": ("2024-11-23", "due"),
    "twenty-four-months-exactly": ("2024-11-22", "withheld"),
    "checked-today": (TODAY, "fresh"),
}


def test_each_review_rule_starts_on_its_limit_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    for stem, (reviewed, _) in BOUNDARIES.items():
        _stale_copy(root, stem, reviewed)
    assert main(["--config", str(root / "mkdocs.yml"), "build"]) == 0
    out = capsys.readouterr()
    said = out.err + out.out
    site = root / "site"
    for stem, (reviewed, expected) in BOUNDARIES.items():
        warned = f"services/send/{stem}.yaml:16:16: last_reviewed: warning:" in said
        published = (site / "services" / stem / "index.html").is_file()
        notice = published and "This information was last checked on" in main_text(page(site, f"services/{stem}/"))
        assert (warned, published, notice) == {
            "fresh": (False, True, False),
            "due": (True, True, True),
            "withheld": (True, False, False),
        }[expected], (stem, reviewed)


@pytest.mark.parametrize(("reviewed", "future"), [(TODAY, False), ("2026-11-23", True)])
def test_a_review_date_is_in_the_future_from_tomorrow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reviewed: str, future: bool
) -> None:
    root = make_project(tmp_path / "p")
    _stale_copy(root, "dated", reviewed)
    code = main(["--config", str(root / "mkdocs.yml"), "validate"])
    said = capsys.readouterr()
    assert (code != 0) == future
    assert (f"{reviewed} is in the future" in said.err + said.out) == future
