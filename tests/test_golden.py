"""Golden files: pages, open data and error messages compared with expected output checked in under tests/golden/.

Only the public command line is used (`python -m generator ...` in a project folder), so these tests do not depend on
the generator's internals. Regenerate the expected files after an intended change with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import checkout_env, make_project

from generator.commands.cli import main
from generator.inputs.settings import load_settings

GOLDEN = Path(__file__).parent / "golden"
BAD_RECORDS = Path(__file__).parent / "bad_records"
TODAY = "2026-11-22"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
REGENERATE = "UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py"

SERVICES = ("autism-advice", "supported-internships", "stay-and-play")  # locations; temporarily closed; a charge
TRANSITION = "primary-to-secondary"
FEEDBACK_YEAR = "2025"
OPEN_DATA = ("autism-advice", "stay-and-play")
SETTINGS = ("riverside-school", "hillside-autism-base")  # a special school with everything; a resource base
_PLACE = re.compile(r"^# place: (\S+)$", re.MULTILINE)


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the public command line in a project folder, as of the fixed test date."""
    env = checkout_env(LOCAL_OFFER_TODAY=TODAY)
    command = [sys.executable, "-m", "generator", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>, or write it when UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing. Create it with: {REGENERATE}", pytrace=False)
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), f"golden/{name}", "actual"
        )
        hint = f"If the change is intended, run: {REGENERATE}"
        pytest.fail(f"{name} has changed:\n{''.join(diff)}\n{hint}", pytrace=False)


def main_content(page: Path) -> str:
    """The page's main content (Material's article), pretty-printed so diffs are one element per line."""
    # No other normalising is needed: dates come from LOCAL_OFFER_TODAY, and asset hashes and versions sit in <head>.
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.find(id="main-content") or soup.select_one("article.md-content__inner")
    assert article is not None, f"no main content in {page}"
    for meta in article.select('meta[http-equiv="Content-Security-Policy"]'):  # belongs in <head>; never compared
        meta.decompose()
    return article.prettify()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of the fixture project through the command line. Returns the site folder."""
    root = make_project(tmp_path_factory.mktemp("golden") / "project")
    result = run_cli(root, "build", "--site-dir", "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("service", SERVICES)
def test_service_page(site: Path, service: str) -> None:
    assert_golden(f"service-{service}.html", main_content(site / "services" / service / "index.html"))


def test_transition_guide_page(site: Path) -> None:
    assert_golden(f"transition-{TRANSITION}.html", main_content(site / "transitions" / TRANSITION / "index.html"))


def test_you_said_we_did_year_page(site: Path) -> None:
    page = site / "you-said-we-did" / FEEDBACK_YEAR / "index.html"
    assert_golden(f"you-said-we-did-{FEEDBACK_YEAR}.html", main_content(page))


@pytest.mark.parametrize("service", OPEN_DATA)
def test_open_referral_service(site: Path, service: str) -> None:
    settings = load_settings(site.parent / "mkdocs.yml")
    feed_id = str(uuid.uuid5(uuid.UUID(settings.council.feed_namespace), f"service/{service}"))
    data = json.loads((site / "openreferral" / "services" / feed_id).read_text(encoding="utf-8"))
    assert_golden(f"openreferral-{service}.json", json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def test_csv_rows(site: Path) -> None:
    header, *rows = csv.reader(io.StringIO((site / "services.csv").read_text(encoding="utf-8"), newline=""))
    chosen = [row for row in rows if row[0] in OPEN_DATA]
    assert len(chosen) == len(OPEN_DATA), chosen
    # Written back with the same csv settings the site uses, so a quoted line break cannot split a row.
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *chosen])
    assert_golden("services-csv-rows.csv", out.getvalue())


@pytest.mark.parametrize("setting", SETTINGS)
def test_setting_page(site: Path, setting: str) -> None:
    assert_golden(f"setting-{setting}.html", main_content(site / "schools" / setting / "index.html"))


def test_schools_csv_rows(site: Path) -> None:
    header, *rows = csv.reader(io.StringIO((site / "schools.csv").read_text(encoding="utf-8"), newline=""))
    chosen = [row for row in rows if row[0] in SETTINGS]
    assert len(chosen) == len(SETTINGS), chosen
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *chosen])
    assert_golden("schools-csv-rows.csv", out.getvalue())


def _validate_bad_record(case: Path, root: Path) -> tuple[int, str]:
    """Place the bad file where its '# place:' line says (as test_bad_records does) and validate the project."""
    text = case.read_text(encoding="utf-8")
    place = _PLACE.search(text)
    assert place, f"{case.name} needs a '# place:' line"
    make_project(root)
    target = root / "services" / place[1]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):  # the command line's own entry point, in this process
        code = main(["--config", str(root / "mkdocs.yml"), "validate"])
    # Paths are already printed relative to the project; this only guards against a temp folder leaking in.
    return code, errors.getvalue().replace(f"{root}{os.sep}", "").replace(str(root), "<project>")


def test_bad_records_error_output(tmp_path: Path) -> None:
    cases = sorted(BAD_RECORDS.glob("*.yaml"))
    results = [_validate_bad_record(case, tmp_path / case.stem) for case in cases]
    passed = [case.name for case, (code, _) in zip(cases, results, strict=True) if code != 1]
    assert not passed, f"validate did not exit 1 for: {passed}"
    sections = [f"## {case.name}\n\n{err.rstrip()}\n" for case, (_, err) in zip(cases, results, strict=True)]
    assert_golden("bad-records.txt", "\n".join(sections))
