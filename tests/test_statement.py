"""The accessibility statement is made from the council's facts (content/accessibility.yaml) and the record of the
last complete audit (content/accessibility-audit.yaml): a test date only from a recorded passing audit, failures by
WCAG success criterion, a check by hand only when one is recorded, and no sentence built from a missing value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import build, make_project
from sitepages import main_text, page

from generator.audit.record import NotRecorded, record
from generator.audit.report import CheckInfo, Finding, Report, Result
from generator.inputs.settings import today
from generator.pages.accessibility import AUDIT_FILE

COMMIT = "0123456789abcdef0123456789abcdef01234567"
CHECKS = [CheckInfo("keyboard", "every control reached with Tab can be seen", ("2.4.7",))]
PLACEHOLDERS = re.compile(r"\bNone\b|\bnull\b|\{\{|\{%|Not a WCAG criterion|\bTBC\b|\bTODO\b|undefined", re.IGNORECASE)


def _report(*findings: Finding, complete: bool = True, dirty: bool = False, commit: str = COMMIT) -> Report:
    pages = [{"url": "", "type": "home"}, {"url": "services/", "type": "a_to_z"}, {"url": "search/", "type": "search"}]
    report = Report("2026-11-20T10:00:00+00:00", commit, dirty, "site", pages, CHECKS)
    report.results = [Result("keyboard", "services/", "a_to_z", 320, list(findings))]
    if not complete:
        report.missing.append("only some checks or page types were asked for")
    return report


def _statement(root: Path) -> str:
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    text = re.sub(r" ([.,:])", r"\1", main_text(page(root / "site", "accessibility/")))  # text beside <time>, <a>
    assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text)
    return text


def test_without_an_audit_record_the_statement_gives_no_test_date(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content" / AUDIT_FILE).unlink(missing_ok=True)  # the repository may hold a record of its own
    text = _statement(root)
    assert "No complete run of the automated audit has been recorded for this website yet." in text
    assert "last tested" not in text and "found no failures" not in text
    assert "checked by hand" not in text  # no manual check is recorded in the facts


def test_a_passing_audit_gives_its_date_checks_and_commit(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    record(_report(), root / "content", today())
    text = _statement(root)
    assert "The last complete audit to pass ran on 22 November 2026. It opened 3 pages of 3 different types" in text
    assert "every control reached with Tab can be seen" in text
    assert "This website was last tested on 22 November 2026 by the automated audit described above, on the site " \
        "built from version 0123456 of its source." in text


def test_an_audit_of_a_project_outside_git_names_no_version(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    record(_report(commit=""), root / "content", today())
    assert "commit" not in yaml.safe_load((root / "content" / AUDIT_FILE).read_text())["last_pass"]
    text = _statement(root)
    assert "This website was last tested on 22 November 2026 by the automated audit described above." in text
    assert "version" not in text.split("last tested on")[1].split(".")[0]


def test_a_failing_or_incomplete_audit_never_changes_the_date(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    content = root / "content"
    record(_report(), content, today())
    passed = (content / AUDIT_FILE).read_text()
    with pytest.raises(NotRecorded, match="did not complete"):
        record(_report(complete=False), content, today())
    with pytest.raises(NotRecorded, match="not committed"):
        record(_report(dirty=True), content, today())
    assert (content / AUDIT_FILE).read_text() == passed
    hidden = Finding("Shift+Tab reaches a \"Area SENCo Team\", but it is hidden under the sticky header.", ("2.4.11",))
    spacing = Finding("With wider text spacing, the page scrolls sideways by 14 px.", ("1.4.12",))
    record(_report(hidden, spacing), content, today())
    data = yaml.safe_load((content / AUDIT_FILE).read_text())
    assert data["last_pass"] == yaml.safe_load(passed)["last_pass"]  # the date of the last pass is kept
    assert [i["criterion"] for i in data["failures"]["items"]] == ["1.4.12", "2.4.11"]
    text = _statement(root)
    assert "The last complete audit to pass ran on 22 November 2026" in text
    found = "This fails WCAG 2.2 success criterion 1.4.12 Text Spacing. Our automated audit found it on 22 November"
    assert found in text
    assert "This fails WCAG 2.2 success criterion 2.4.11 Focus Not Obscured (Minimum)." in text
    record(_report(), content, today())  # fixed: the failures go, the date moves on
    assert "failures" not in yaml.safe_load((content / AUDIT_FILE).read_text())


def test_known_issues_without_a_criterion_are_listed_apart(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    text = _statement(root)
    assert "This fails WCAG 2.2 success criterion 1.3.1 Info and Relationships." in text
    assert "Other problems we know about" in text
    other = text.split("Other problems we know about")[1].split("What we're doing")[0]
    assert "out-of-date contact details" in other and "WCAG" not in other


def test_a_check_by_hand_is_stated_only_when_recorded(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    facts = root / "content" / "accessibility.yaml"
    facts.write_text(facts.read_text().replace("prepared:", (
        "manual_checks:\n"
        "  - date: 2026-11-18\n"
        "    by: the Lambeth digital accessibility team\n"
        "    method: keyboard only and the NVDA screen reader with Firefox, on every type of page\n"
        "prepared:"
    )))
    text = _statement(root)
    assert ("It was last checked by hand on 18 November 2026 by the Lambeth digital accessibility team: keyboard "
            "only and the NVDA screen reader with Firefox, on every type of page.") in text


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("accessibility.yaml", ("criterion: 1.3.1", "criterion: 1.3.9"), "known_issues › item 1 › criterion: "),
        ("accessibility.yaml", ("compliance: partially", "compliance: fully"), "compliance: says fully compliant"),
    ],
)
def test_statement_facts_are_checked_with_file_and_line(
    tmp_path: Path, file: str, change: tuple[str, str], expected: str
) -> None:
    root = make_project(tmp_path / "p")
    path = root / "content" / file
    path.write_text(path.read_text().replace(*change))
    result = build(root)
    assert not result.built
    texts = [p.text() for p in result.generated.problems]
    assert any(t.startswith(f"content/{file}:") and expected in t for t in texts), texts


def test_a_hand_edited_audit_record_is_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    record(_report(Finding("Something fails.", ("2.4.11",))), root / "content", today())
    path = root / "content" / AUDIT_FILE
    path.write_text(path.read_text().replace("criterion: 2.4.11", "criterion: 2.4.99"))
    texts = [p.text() for p in build(root).generated.problems]
    assert any(
        t.startswith(f"content/{AUDIT_FILE}:") and "failures › items › item 1 › criterion: 2.4.99 is not" in t
        for t in texts
    ), texts


def test_every_check_title_fits_the_audit_record() -> None:
    """`audit --record` writes each check's title into content/accessibility-audit.yaml; a title longer than the
    record's schema allows would make the council's next build fail."""
    import json

    from generator.audit.checks import CHECKS
    from generator.audit.run import HTML_VALIDATE
    from generator.resources import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "accessibility-audit.schema.json").read_text(encoding="utf-8"))
    most = schema["properties"]["last_pass"]["properties"]["checks"]["items"]["maxLength"]
    titles = [c.info.title for c in CHECKS] + [HTML_VALIDATE.title]
    assert [t for t in titles if len(t) > most] == []
