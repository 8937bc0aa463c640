"""The accessibility statement is made from the council's facts (content/accessibility.yaml) and the record of the
last complete audit (content/accessibility-audit.yaml): a test date only from a recorded passing audit, failures by
WCAG success criterion, a check by hand only when one is recorded, and no sentence built from a missing value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import build, make_project
from sitepages import main_text, page, words_of

from generator.audit.record import NotRecorded, record
from generator.audit.report import CheckInfo, Finding, Report, Result
from generator.inputs.accessibility import AUDIT_FILE
from generator.inputs.settings import today

COMMIT = "0123456789abcdef0123456789abcdef01234567"
CHECKS = [CheckInfo("keyboard", "every control reached with Tab can be seen", ("2.4.7",))]
# The council's facts for these tests (the sample's own may change): one WCAG failure known by hand, one other problem.
FACTS = """\
standard: WCAG 2.2 AA
compliance: partially
known_issues:
  - issue: The map of family hubs is an image with no text version of the opening times.
    criterion: 1.1.1
    plan: We are adding the opening times as text to each family hub's page by March.
  - issue: Pages that have not been reviewed for more than a year may hold out-of-date contact details.
    plan: Every page shows when it was last checked, and we contact each provider at least once a year.
other_formats: |
  If you need information on this website in a different format, email the Local Offer team.
response_days: 10
prepared: 2026-11-22
last_reviewed: 2026-11-22
"""


def _project(root: Path) -> Path:
    make_project(root)
    (root / "content" / "accessibility.yaml").write_text(FACTS, encoding="utf-8")
    (root / "content" / AUDIT_FILE).unlink(missing_ok=True)  # the repository may hold a record of its own
    return root
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
    root = _project(tmp_path / "p")
    text = _statement(root)
    assert "No complete run of the automated audit has been recorded for this website yet." in text
    assert "last tested" not in text and "found no failures" not in text
    assert "checked by hand on" not in text  # no manual check is recorded in the facts
    assert "No one has yet recorded a test of this website by hand" in text
    assert "You should be able to" not in text and "measured that you can" not in text  # nothing measured, no claim


def test_a_passing_audit_gives_its_date_checks_and_commit(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    record(_report(), root / "content", today())
    text = _statement(root)
    assert "The last complete audit to pass ran on 22 November 2026. It opened 3 pages of 3 different types" in text
    assert "every control reached with Tab can be seen" in text
    assert "This website was last tested on 22 November 2026 by the automated audit described above, on the site " \
        "built from version 0123456 of its source." in text


def test_an_audit_of_a_project_outside_git_names_no_version(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    record(_report(commit=""), root / "content", today())
    assert yaml.safe_load((root / "content" / AUDIT_FILE).read_text())["last_pass"]["commit"] == "none"
    text = _statement(root)
    assert ("This website was last tested on 22 November 2026 by the automated audit described above; which version "
            "of its source was audited was not recorded.") in text


def test_a_failing_or_incomplete_audit_never_changes_the_date(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
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
    root = _project(tmp_path / "p")
    text = _statement(root)
    assert "This fails WCAG 2.2 success criterion 1.1.1 Non-text Content." in text
    assert "Other problems we know about" in text
    other = text.split("Other problems we know about")[1].split("What we're doing")[0]
    assert "out-of-date contact details" in other and "WCAG" not in other


def test_a_check_by_hand_is_stated_only_when_recorded(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
    facts = root / "content" / "accessibility.yaml"
    facts.write_text(facts.read_text().replace("prepared:", (
        "manual_checks:\n"
        "  - date: 2026-11-18\n"
        "    by: the Lambeth digital accessibility team\n"
        "    method: keyboard only and the NVDA screen reader with Firefox, on every type of page\n"
        "prepared:"
    )))
    text = _statement(root)
    assert ("This website was last checked by hand on 18 November 2026 by the Lambeth digital accessibility team: "
            "keyboard only and the NVDA screen reader with Firefox, on every type of page.") in text
    assert "No one has yet recorded a test of this website by hand" not in text


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("accessibility.yaml", ("criterion: 1.1.1", "criterion: 1.3.9"), "known_issues › item 1 › criterion: "),
        ("accessibility.yaml", ("compliance: partially", "compliance: fully"), "compliance: says fully compliant"),
    ],
)
def test_statement_facts_are_checked_with_file_and_line(
    tmp_path: Path, file: str, change: tuple[str, str], expected: str
) -> None:
    root = _project(tmp_path / "p")
    path = root / "content" / file
    path.write_text(path.read_text().replace(*change))
    result = build(root)
    assert not result.built
    texts = [p.text() for p in result.generated.problems]
    assert any(t.startswith(f"content/{file}:") and expected in t for t in texts), texts


def test_a_hand_edited_audit_record_is_checked(tmp_path: Path) -> None:
    root = _project(tmp_path / "p")
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
    from generator.audit.run import HTML_VALIDATE, OWN_SITE
    from generator.resources import SCHEMA_DIR

    schema = json.loads((SCHEMA_DIR / "accessibility-audit.schema.json").read_text(encoding="utf-8"))
    item = schema["properties"]["last_pass"]["properties"]["checks"]["items"]["oneOf"][1]["properties"]
    most = item["title"]["maxLength"]
    titles = [c.info.title for c in CHECKS] + [HTML_VALIDATE.title, OWN_SITE.title]
    ids = re.compile(item["id"]["pattern"])
    assert [c.info.id for c in CHECKS if not ids.match(c.info.id)] == []
    assert [t for t in titles if len(t) > most] == []


# ------------------------------------------------------------------------------------------------------------------
# Every claim traces to a recorded check, a recorded check by hand, a recorded fact or the site's own content

ALL_CHECKS = "all"


def _record_of(checks: list[str], commit: str = COMMIT) -> Report:
    from generator.audit.checks import CHECKS as AUDIT_CHECKS
    from generator.audit.run import HTML_VALIDATE, OWN_SITE

    known = {c.info.id: c.info for c in AUDIT_CHECKS} | {i.id: i for i in (HTML_VALIDATE, OWN_SITE)}
    infos = list(known.values()) if checks == [ALL_CHECKS] else [known[c] for c in checks]
    report = Report("2026-11-20T10:00:00+00:00", commit, False, "site", [{"url": "", "type": "home"}], infos)
    report.results = [Result(i.id, "", "home", 1280) for i in infos]
    return report


def _evidence_problems(root: Path) -> list[str]:
    """Each sentence of the statement that claims something, against the files it must come from: read here from
    the audit record, the facts and the built pages, not from the code that wrote the statement."""
    soup = page(root / "site", "accessibility/")
    main = soup.select_one("#main-content")
    facts = yaml.safe_load((root / "content" / "accessibility.yaml").read_text())
    path = root / "content" / AUDIT_FILE
    audit = (yaml.safe_load(path.read_text()) or {}) if path.is_file() else {}
    recorded = {c["id"] for c in audit.get("last_pass", {}).get("checks", []) if isinstance(c, dict)}
    failures = [i["message"] for i in (audit.get("failures") or {}).get("items", [])]
    issues = [i["issue"] for i in facts.get("known_issues", [])]
    manual = {str(c["date"]) for c in facts.get("manual_checks", [])}
    pdfs = [p for p in (root / "site").rglob("*.html") if re.search(r'href="[^"]+\.pdf"', p.read_text(), re.I)]
    problems = []
    # every item of the list under "How accessible this website is" is a claim, and says what it rests on
    section = main.find("h2", id="how-accessible")
    for element in section.find_all_next(["li", "p"]):
        if element.find_previous("h2") is not section:
            break
        if element.name == "li" and not element.get("data-lo-evidence"):
            problems.append(f"a claim with no evidence: {words_of(element)}")
    for element in main.select("[data-lo-evidence]"):
        text = words_of(element)
        for token in element["data-lo-evidence"].split():
            kind, _, name = token.partition(":")
            traced = {
                "check": name in recorded,
                "manual": name in manual,
                "facts": any(text.startswith(" ".join(i.split())) for i in issues),
                "audit": any(text.startswith(" ".join(m.split())) for m in failures),
                "content": name == "documents" and bool(pdfs),
            }.get(kind, False)
            if not traced:
                problems.append(f"{token} is not recorded, yet the statement says: {text[:90]}")
    if "found no failures" in main_text(soup) and "last_pass" not in audit:
        problems.append("says the audit found no failures, with no passing audit recorded")
    return problems


@pytest.mark.parametrize(
    ("checks", "manual", "pdf", "claims"),
    [
        ([], False, False, 0),  # no audit recorded: nothing measured is claimed
        (["keyboard"], False, False, 0),  # a claim needs every check behind it
        (["keyboard", "disclosures", "focus-after-actions"], True, False, 1),
        ([ALL_CHECKS], False, True, 7),
    ],
    ids=["no audit", "one check", "keyboard checks and a check by hand", "every check and a PDF link"],
)
def test_every_claim_traces_to_a_recorded_check(
    tmp_path: Path, checks: list[str], manual: bool, pdf: bool, claims: int
) -> None:
    root = _project(tmp_path / "p")
    if checks:
        record(_record_of(checks), root / "content", today())
    facts = root / "content" / "accessibility.yaml"
    if manual:
        facts.write_text(facts.read_text() + (
            "manual_checks:\n  - date: 2026-11-18\n    by: the digital accessibility team\n"
            "    method: keyboard only and the NVDA screen reader with Firefox, on every type of page\n"
        ))
    if pdf:
        service = root / "services" / "send" / "autism-advice.yaml"
        service.write_text(service.read_text().replace(
            "description: |\n",
            "description: |\n  Read [the leaflet](https://example.org/autism-leaflet.pdf).\n",  # no title: issue 26
            1,
        ))
        other = root / "services" / "send" / "hearing-support.yaml"
        other.write_text(other.read_text().replace(
            "description: Specialist teachers visit homes, nurseries and schools.\n",
            "description: |\n  Specialist teachers visit homes, nurseries and schools. Read [the guide][g].\n\n"
            "  [g]: https://example.org/guide.PDF\n",
            1,
        ))
    text = _statement(root)
    assert _evidence_problems(root) == []
    listed = page(root / "site", "accessibility/").select("#main-content ul.lo-claims li")
    assert len(listed) == claims
    if checks:  # a pass is recorded: the statement never says there is none
        assert "No complete run of our automated audit has been recorded yet" not in text
        assert ("We cannot yet say here what you can do" in text) == (claims == 0)
    assert ("PDF" in text) == pdf  # a document claim only when a page links one
    if pdf:
        assert "2 pages link to documents in PDF format" in text  # an inline link; a reference


def test_the_evidence_check_fails_on_a_claim_without_a_record(tmp_path: Path) -> None:
    """The test above can fail: a statement whose record lost a check behind a claim it makes."""
    root = _project(tmp_path / "p")
    record(_record_of([ALL_CHECKS]), root / "content", today())
    _statement(root)
    path = root / "content" / AUDIT_FILE
    data = yaml.safe_load(path.read_text())
    data["last_pass"]["checks"] = [c for c in data["last_pass"]["checks"] if c["id"] != "forced-colours"]
    path.write_text(yaml.safe_dump(data))  # the built statement still says what forced colours measured
    assert any("check:forced-colours is not recorded" in p for p in _evidence_problems(root))


def test_every_claim_names_checks_the_audit_has() -> None:
    from generator.audit.checks import CHECKS as AUDIT_CHECKS
    from generator.audit.run import HTML_VALIDATE, OWN_SITE
    from generator.pages.accessibility import CLAIMS

    ids = {c.info.id for c in AUDIT_CHECKS} | {HTML_VALIDATE.id, OWN_SITE.id}
    assert [c.checks for c in CLAIMS if not set(c.checks) <= ids] == []


def test_a_check_that_fails_after_the_pass_takes_back_its_claims(tmp_path: Path) -> None:
    """The pass is kept as the statement's test date, but what a check found since is not contradicted beside it."""
    root = _project(tmp_path / "p")
    record(_record_of([ALL_CHECKS]), root / "content", today())
    failing = _record_of([ALL_CHECKS])
    hidden = Finding("Tab reaches a link hidden under the sticky header.", ("2.4.11",))
    failing.results = [Result(r.check, "services/", "a_to_z", 320, [hidden] if r.check == "keyboard" else []) for r in
                       failing.results]
    record(failing, root / "content", today())
    assert yaml.safe_load((root / "content" / AUDIT_FILE).read_text())["failures"]["items"][0]["check"] == "keyboard"
    text = _statement(root)
    assert _evidence_problems(root) == []
    assert "using just a keyboard" not in text  # the keyboard claim rests on the check that failed
    assert "Windows contrast theme" in text  # the others stand
    assert "Tab reaches a link hidden under the sticky header." in text
