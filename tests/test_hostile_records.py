"""No record can change what a family's browser (or a spreadsheet) does, and no input silently changes meaning."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, build, make_project, write_record

from generator.commands.cli import main

AUTISM = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text(encoding="utf-8")


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


def _service(root: Path, stem: str = "hostile", **replace: str) -> Path:
    """The autism fixture as a new record `stem`, with whole lines replaced: {"name": "name: =1+1"}."""
    lines = AUTISM.replace("id: autism-advice", f"id: {stem}").splitlines()
    for key, line in replace.items():
        lines = [line if row.startswith(f"{key}:") or row.strip().startswith(f"{key}:") else row for row in lines]
    return write_record(root, "send", stem, "\n".join(lines) + "\n")


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert _run(root, "validate") == 1
    return capsys.readouterr().err


# 1. Output formats ------------------------------------------------------------------------------------------------


def test_services_csv_cells_cannot_start_a_formula(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _service(
        root,
        name="name: '=HYPERLINK(\"https://evil.example\")'",
        organisation="organisation: '@SUM(1+1)'",
        cost="cost: '-2+3+cmd|'' /C calc''!A0'",
        opening_times="opening_times: '+SUM(1+1)'",
    )
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    rows = list(csv.DictReader((root / "site" / "services.csv").open(encoding="utf-8")))
    row = next(r for r in rows if r["id"] == "hostile")
    assert row["name"] == '\'=HYPERLINK("https://evil.example")'
    assert row["organisation"] == "'@SUM(1+1)"
    assert row["cost"] == "'-2+3+cmd|' /C calc'!A0"
    for r in rows:
        for cell in r.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_review_report_csv_cells_cannot_start_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _service(
        root, name="name: '=1+1'", organisation="organisation: '@SUM(A1)'", last_reviewed="last_reviewed: 2025-06-01"
    )
    out = tmp_path / "due.csv"
    assert _run(root, "report", "--csv", str(out)) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["id"] == "hostile")
    assert (row["name"], row["organisation"]) == ("'=1+1", "'@SUM(A1)")


def test_csv_outputs_share_one_neutralising_helper() -> None:
    from generator.commands import report
    from generator.opendata import files as opendata

    assert report.as_csv.__module__ != opendata.services_csv.__module__
    shared = {getattr(report, "csv_text", None), getattr(opendata, "csv_text", None)}
    assert len(shared) == 1 and None not in shared


@pytest.mark.parametrize(
    "email",
    [
        "team?bcc=spy@example.org",
        "team%40evil.example@example.org",
        "team&cc=spy@example.org",
        "team#x@example.org",
        '"team x"@example.org',
        "a@b@example.org",
        "team<x>@example.org",
    ],
)
def test_service_email_is_one_plain_address(tmp_path: Path, capsys: pytest.CaptureFixture[str], email: str) -> None:
    root = make_project(tmp_path / "p")
    quoted = "'" + email.replace("'", "''") + "'"
    _service(root, email=f"  email: {quoted}")
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:" in err and "contact › email:" in err
    assert "one plain email address" in err


def test_markdown_mailto_link_is_one_plain_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _service(root, how_to_access="how_to_access: Email [the team](mailto:team@example.org?bcc=spy@evil.example).")
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:" in err and "how_to_access:" in err and "mailto:" in err


@pytest.mark.parametrize("email", ["team#x@example.org", "team?bcc=spy@example.org", "a@b@example.org"])
def test_coordinator_email_is_one_plain_address(tmp_path: Path, capsys: pytest.CaptureFixture[str], email: str) -> None:
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [f"    coordinator_email: '{email}'" if "coordinator_email:" in row else row for row in text.splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run(root, "validate") != 0
    err = capsys.readouterr().err
    assert "mkdocs.yml:" in err and "coordinator_email" in err, err


def test_every_email_pattern_is_the_one_plain_address_rule() -> None:
    from generator.inputs.schema import PLAIN_EMAIL
    from generator.records.schemas import load_schema

    service = load_schema("service.schema.json")["properties"]["contact"]["properties"]["email"]
    council = load_schema("settings.schema.json")["properties"]["extra"]["properties"]["council"]["properties"]
    assert service["pattern"] == council["coordinator_email"]["pattern"] == PLAIN_EMAIL.pattern


# 2. Characters ----------------------------------------------------------------------------------------------------

INVISIBLE = [
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("\\x07", "U+0007"),
    ("\\x1b", "U+001B"),
    ("\\x7f", "U+007F"),
    ("\\x9b", "U+009B"),
    ("\\uffff", "U+FFFF"),
]


@pytest.mark.parametrize(("escape", "name"), INVISIBLE, ids=[n for _, n in INVISIBLE])
def test_invisible_characters_are_refused_in_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], escape: str, name: str
) -> None:
    root = make_project(tmp_path / "p")
    _service(root, eligibility=f'eligibility: "Children{escape} aged 5"')
    err = _validate(root, capsys)
    line = next(row for row in err.splitlines() if row.startswith("services/send/hostile.yaml:"))
    assert "eligibility:" in line and name in line and "column 9" in line and "Delete the invisible character" in line
    raw = escape.encode().decode("unicode_escape", errors="surrogatepass")
    assert raw not in err


def test_raw_bidi_override_in_the_file_is_refused_in_any_list_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    _service(root, keywords="keywords: [autism, \u202eevil]")
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:" in err and "keywords › item 2:" in err and "U+202E" in err
    assert "\u202e" not in err


def test_invisible_characters_are_refused_in_guides_and_feedback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    feedback = root / "content" / "you-said-we-did" / "2025-local-offer-phone.yaml"
    feedback.write_text(feedback.read_text().replace("SEND Young Inspectors", '"SEND Young\\u2067 Inspectors"'))
    guide = root / "content" / "transitions" / "primary-to-secondary.yaml"
    guide.write_text(
        guide.read_text()
        .replace("summary: What", 'summary: "\\x1b[2JWhat', 1)
        .replace("school.\nsteps", 'school."\nsteps', 1)
    )
    err = _validate(root, capsys)
    assert "content/you-said-we-did/2025-local-offer-phone.yaml:" in err and "U+2067" in err
    assert "content/transitions/primary-to-secondary.yaml:7:10: summary:" in err and "U+001B" in err
    assert "\u2067" not in err and "\x1b" not in err


def test_invisible_characters_are_refused_in_council_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    lines = ['    address: "Town Hall\\u202e, Brixton Hill"' if "address:" in row else row for row in lines]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run(root, "validate") != 0
    err = capsys.readouterr().err
    assert "mkdocs.yml:" in err and "address" in err and "U+202E RIGHT-TO-LEFT OVERRIDE" in err
    assert "\u202e" not in err


def test_lone_surrogates_and_noncharacters_are_refused_wherever_data_comes_from() -> None:
    from generator.inputs.characters import character_problems
    from generator.inputs.load import Loaded

    loaded = Loaded("x.yaml", {"a": ["ok", "half \ud800 pair"], "b\ufffe": "ok"})
    found = [(p.field, p.message) for p in character_problems(loaded)]
    assert [field for field, _ in found] == ["a › item 2", "b\\ufffe"]
    assert "U+D800" in found[0][1] and "column 6" in found[0][1] and "U+FFFE" in found[1][1]


def test_messages_show_control_characters_as_escapes() -> None:
    from generator.inputs.messages import describe

    assert describe("Bell\x07 and \u202e") == "'Bell\\u0007 and \\u202e'"


# 3. Numbers -------------------------------------------------------------------------------------------------------


def _age_line(root: Path, value: str) -> None:
    _service(root, age_range=f"age_range: {{min: {value}, max: 19}}")


def test_leading_zero_is_refused_not_read_as_octal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _age_line(root, "010")
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:13:18: age_range › min:" in err
    assert "write 10, without the leading zero" in err


@pytest.mark.parametrize(("raw", "plain"), [("0x0A", "10"), ("0b1010", "10"), ("1_0", "10"), ("1:30", "90")])
def test_other_integer_spellings_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: str, plain: str
) -> None:
    root = make_project(tmp_path / "p")
    _age_line(root, raw)
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:13:18: age_range › min:" in err and f"write {plain}" in err


def test_float_is_not_a_whole_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _age_line(root, "5.0")
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:13:18: age_range › min: should be a whole number" in err


def test_float_setting_is_not_a_whole_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"review_warning_months: \d+", "review_warning_months: 6.0", text))
    assert _run(root, "validate") != 0
    assert "review_warning_months: should be a whole number" in capsys.readouterr().err


def test_huge_integer_is_a_problem_on_its_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    _age_line(root, "9" * 5000)
    err = _validate(root, capsys)
    assert "services/send/hostile.yaml:13:18: age_range › min:" in err and "Traceback" not in err
    assert "9" * 100 not in err


# 4. Ids and files -------------------------------------------------------------------------------------------------


def test_index_is_refused_as_a_service_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _service(root, "index")
    err = _validate(root, capsys)
    line = next(row for row in err.splitlines() if row.startswith("services/send/index.yaml:2:5: id:"))
    assert "'index'" in line and "for example 'autism-advisory-team'" in line


@pytest.mark.parametrize("folder", ["transitions", "you-said-we-did"])
def test_index_is_refused_as_a_guide_or_feedback_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    root = make_project(tmp_path / "p")
    source = sorted((root / "content" / folder).glob("*.yaml"))[-1]
    text = source.read_text(encoding="utf-8").replace(f"id: {source.stem}", "id: index")
    source.unlink()
    (root / "content" / folder / "index.yaml").write_text(text, encoding="utf-8")
    err = _validate(root, capsys)
    assert f"content/{folder}/index.yaml:2:5: id: 'index'" in err, err


@pytest.mark.parametrize(
    ("name", "proposal"),
    [
        ("send/extra.YAML", "extra.yaml"),
        ("send/extra.Yml", "extra.yaml"),
        ("send/extra.yml", "extra.yaml"),
        ("send/extra.json", "extra.yaml"),
        ("send/notes.txt", "notes.yaml"),
        ("send/My Notes.TXT", "my-notes.yaml"),
        ("stray.yaml.bak", "stray-yaml.yaml"),
    ],
)
def test_every_other_file_in_a_record_folder_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, proposal: str
) -> None:
    root = make_project(tmp_path / "p")
    (root / "services" / name).write_text("id: extra\n", encoding="utf-8")
    (root / "services" / "send" / ".gitkeep").write_text("", encoding="utf-8")
    err = _validate(root, capsys)
    line = next(row for row in err.splitlines() if row.startswith(f"services/{name}:1:1:"))
    assert "is not a record file: records end in .yaml" in line and f"Rename it to {proposal}" in line
    assert ".gitkeep" not in err


def test_other_files_beside_guides_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "content" / "transitions" / "draft.YAML").write_text("id: draft\n", encoding="utf-8")
    err = _validate(root, capsys)
    assert "content/transitions/draft.YAML:1:1: is not a record file: records end in .yaml" in err


def test_file_name_that_is_not_an_id_gets_a_valid_proposal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    path = _service(root, "Sensory Team")
    path.write_text(path.read_text().replace("id: Sensory Team", "id: sensory_team!"), encoding="utf-8")
    err = _validate(root, capsys)
    lines = [row for row in err.splitlines() if row.startswith("services/send/Sensory Team.yaml:2:5: id:")]
    assert lines and all("'sensory-team'" in row or "sensory-team.yaml" in row for row in lines), lines
    assert not any("Change the id to 'Sensory Team'" in row for row in lines)


# 5. Feedback ------------------------------------------------------------------------------------------------------

FEEDBACK = "content/you-said-we-did/2025-local-offer-phone.yaml"


def _feedback(root: Path, old: str, new: str) -> None:
    path = root / FEEDBACK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    "personal",
    [
        "(020) 7946 0123",
        "020-7946-0123",
        "+44 20 7946 0123",
        "+44 (0)20 7946 0123",
        "07700 900123",
        "07700900123",
        "jo.bloggs@example.com",
        "jo at example dot com",
        "jo[at]example.org",
        "jo (at) example (dot) org",
        "sw2 1eg",
        "SW21EG",
        "se17ph",
    ],
)
def test_feedback_never_holds_personal_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], personal: str
) -> None:
    root = make_project(tmp_path / "p")
    _feedback(root, "hard to use on a phone.", f"hard to use on a phone, call {personal} for more.")
    err = _validate(root, capsys)
    assert f"{FEEDBACK}:6:11: you_said:" in err and "could identify someone" in err


def test_feedback_without_personal_details_still_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _feedback(root, "hard to use on a phone.", "hard to use at home. We met at school at 10am in Year 6 (2025).")
    assert _run(root, "validate") == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("month", "why"), [("2026-12", "in the future"), ("2099-01", "in the future"), ("2013-12", "2014")]
)
def test_feedback_received_is_a_real_past_month(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], month: str, why: str
) -> None:
    root = make_project(tmp_path / "p")
    _feedback(root, 'received: "2025-06"', f'received: "{month}"')
    err = _validate(root, capsys)
    line = next(row for row in err.splitlines() if row.startswith(f"{FEEDBACK}:3:11: received:"))
    assert month in line and why in line


def test_feedback_received_this_month_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _feedback(root, 'received: "2025-06"', 'received: "2026-11"')
    assert _run(root, "validate") == 0, capsys.readouterr().err


# 6. Linear time, and a cap on the problems of one file ------------------------------------------------------------

ADVERSARIAL = {
    "images": "![",
    "brackets": "[",
    "link-ends": "](",
    "tags": "<a ",
    "entities": "&#",
    "open-tag-spaces": "< ",
    "reference-lines": "[\n",
    "words": "a",
    "at-signs": "a@",
    "dots": "a.",
}


# One 250 KB paragraph is refused early by the paragraph cap (inputs/markdown_cost.py); 5 KB paragraphs pass the cap,
# so every pattern behind it (safe links, email addresses, phone numbers) reads them in full.
SHAPES = {"one-long-paragraph": 250_000, "short-paragraphs": 5_000}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
@pytest.mark.parametrize("kind", ["service.schema.json", "feedback.schema.json"])
def test_validation_takes_linear_time_on_adversarial_text(unit: str, kind: str, shape: int) -> None:
    import time

    import yaml

    from generator.inputs.schema import validator

    paragraph = unit * (shape // len(unit))
    text = "\n\n".join([paragraph] * (250_000 // shape // 10 or 1)) if shape < 250_000 else paragraph
    if kind == "service.schema.json":
        data = yaml.safe_load(AUTISM) | {"description": text, "summary": text[:300], "name": text}
    else:
        data = yaml.safe_load((FIXTURES / "you-said-we-did" / "2024-hearing-waits.yaml").read_text())
        data |= {"you_said": text, "we_did": text, "source": text}
    data = {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in data.items()}
    started = time.perf_counter()
    errors = list(validator(kind).iter_errors(data))
    elapsed = time.perf_counter() - started
    assert errors  # too long, at least
    assert elapsed < 2, f"{elapsed:.1f}s"


def test_one_file_reports_at_most_twenty_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    fields = "".join(f"unknown_{i}: x\n" for i in range(30))
    write_record(root, "send", "noisy", "id: noisy\n" + fields)
    err = _validate(root, capsys)
    rows = [row for row in err.splitlines() if row.startswith("services/send/noisy.yaml:")]
    assert len(rows) == 21, rows
    assert rows[-1].startswith("services/send/noisy.yaml:1:1: … and ") and rows[-1].endswith(
        " more problems in this file."
    )


# 7. Long unbroken words -------------------------------------------------------------------------------------------


def test_long_unbroken_words_wrap_in_the_content_area(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    root = make_project(tmp_path / "p")
    long_name = "Supercalifragilistic" * 5 + "Trustcouncil"  # 112 characters, no space to break at
    _service(root, organisation=f"organisation: {long_name[:111]}")
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    html = (root / "site" / "services" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert long_name[:111] in html
    soup = BeautifulSoup(html, "html.parser")
    page = root / "site" / "services" / "hostile" / "index.html"
    sheets = [
        (page.parent / str(link["href"])).resolve()
        for link in soup.select("link[rel=stylesheet]")
        if not str(link["href"]).startswith(("http:", "https:", "//"))
    ]
    assert any(sheet.name.startswith("local-offer") and sheet.is_file() for sheet in sheets), sheets
    css = " ".join(sheet.read_text(encoding="utf-8") for sheet in sheets if sheet.is_file())
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL))
    assert any(
        ".md-typeset" in [s.strip() for s in selector.split(",")] and re.search(r"overflow-wrap:\s*anywhere", body)
        for selector, body in rules
    ), "no .md-typeset { overflow-wrap: anywhere } in the stylesheets the page links to"


def test_an_apostrophe_in_an_email_address_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Real addresses such as o'brien@… are plain addresses: the apostrophe cannot leave an escaped attribute."""
    root = make_project(tmp_path / "project")
    record = root / "services" / "send" / "autism-advice.yaml"
    text = record.read_text()
    record.write_text(re.sub(r"email: .*", "email: o'brien@example.org", text, count=1))
    assert main(["--config", str(root / "mkdocs.yml"), "validate", str(record)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("field", ["organisation", "name"])
def test_a_long_unbroken_word_does_not_widen_a_phone_screen(tmp_path: Path, chromium: Any, field: str) -> None:
    from browser import serve

    root = make_project(tmp_path / "p")
    long_word = ("Supercalifragilistic" * 6)[:111]
    _service(root, **{field: f"{field}: {long_word}"})
    assert build(root).built
    with serve(root / "site") as url:
        context = chromium.new_context(viewport={"width": 320, "height": 640})
        tab = context.new_page()
        for address in ("services/hostile/", "services/", "category/send/"):
            tab.goto(url + address)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{address} is {width} px wide at 320 px"
        context.close()


def test_review_issue_text_cannot_break_its_table_or_ping_anyone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The weekly issue's Markdown: a name with a pipe, a link, emphasis or an @mention stays text in its own cell."""
    root = make_project(tmp_path / "p")
    _service(
        root,
        name="name: 'Play | talk with @octocat [link](https://evil.example) _now_'",
        organisation="organisation: '**Bold** `code`'",
        last_reviewed="last_reviewed: 2025-06-01",
    )
    out = tmp_path / "due.md"
    assert _run(root, "report", "--markdown", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "Play" in line)
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells: no pipe of the name starts a seventh
    assert "_now_" not in row and "\\_now\\_" in row
    assert "@octocat" not in text and "&#64;octocat" in row
    assert "](https://evil.example)" not in text and "\\*\\*Bold\\*\\*" in row
    assert "services/send/hostile.yaml" in row and "| **no: withheld** |" not in row
    assert text.rstrip().endswith("<!-- local-offer: records due for review -->")


def test_review_issue_text_says_plainly_when_nothing_is_due(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    for record in (root / "services").rglob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2026-11-01", text), encoding="utf-8")
    for record in (root / "schools").rglob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2026-11-01", text), encoding="utf-8")
    out = tmp_path / "due.md"
    assert _run(root, "report", "--markdown", str(out)) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "No records are due for review."
