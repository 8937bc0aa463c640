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
