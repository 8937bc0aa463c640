"""`local-offer import --gias`: schools and settings from the national register (Get Information about Schools), read
from a fixture with the register's real column layout (tests/fixtures/gias/README.md). Every open special school,
resource base and SEN unit of the authority becomes a valid record with its URN; a second import after the register
changes changes only what changed and keeps what the council wrote; bad input is located and writes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import make_project

from generator.commands.cli import main
from generator.inputs.problems import errors
from generator.inputs.settings import load_settings
from generator.pipeline import generate

REGISTER = Path(__file__).parent / "fixtures" / "gias" / "edubasealldata-fixture.csv"
TODAY = "2026-12-01"
# The fixture's authority: its special schools, schools with resourced provision or an SEN unit, by URN
SPECIAL = {"900001", "900002", "900009"}
HOSTS = {"900003": ["resource-base"], "900004": ["sen-unit"], "900005": ["resource-base", "sen-unit"]}


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCAL_OFFER_TODAY", TODAY)


def _import(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(root / "mkdocs.yml"), "import", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _schools(root: Path) -> dict[str, bytes]:
    folder = root / "schools"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _records(root: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "schools").glob("*.yaml"))}


def _rows(path: Path = REGISTER) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_bytes().decode("cp1252"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


def _row(rows: list[dict[str, str]], urn: str) -> dict[str, str]:
    return next(r for r in rows if r["URN"] == urn)


def test_every_special_school_resource_base_and_sen_unit_becomes_a_valid_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    before = _schools(root)
    code, out, err = _import(root, capsys, "--gias", str(REGISTER), "--local-authority", "northshire", "--dry-run")
    assert code == 0, err
    assert _schools(root) == before  # a dry run writes nothing
    assert "Would write 10 new and refresh 0 records" in out

    code, out, err = _import(
        root, capsys, "--gias", str(REGISTER), "--local-authority", "Northshire", "--urn", "900008"
    )
    assert code == 0, err
    records = _records(root)
    by_urn = {r["urn"]: r for r in records.values() if r.get("urn", "").startswith("9")}  # not the fixture's own
    assert set(by_urn) == SPECIAL | set(HOSTS) | {"900008"}  # not the closed, the proposed, the PRU, other areas
    for urn in SPECIAL:
        assert by_urn[urn]["type"] in ("special-school", "independent-special-school")
        assert by_urn[urn]["designated_needs"]
    for urn, parts in HOSTS.items():
        host = by_urn[urn]
        assert host["type"] in ("mainstream-school", "academy") and "designated_needs" not in host
        based = sorted(r["name"].split(" at ")[0] for r in records.values() if r.get("host") == host["id"])
        assert based == sorted({"resource-base": "Resource base", "sen-unit": "SEN unit"}[p] for p in parts)
    assert by_urn["900008"]["local_authority"] == "Kent"  # listed by URN, outside the area
    assert by_urn["900004"]["name"] == "St Mary\u2019s CofE Primary School"  # read as Windows-1252
    assert by_urn["900002"]["designated_needs"] == [
        "severe-learning-difficulty",
        "profound-and-multiple-learning-difficulty",
    ]
    assert by_urn["900003"]["contact"]["website"].startswith("https://")  # the register's http:// address
    unit = records["riverside-high-school-sen-unit"]
    assert unit["places"] == 6 and unit["designated_needs"] == ["social-emotional-and-mental-health"]
    assert "not imported: Old Mill Special School (URN 900007) closed on 31-08-2020" in out

    result = generate(load_settings(root / "mkdocs.yml"), date.fromisoformat(TODAY))  # the project's own validate
    assert not errors(result.problems), [p.text() for p in errors(result.problems)]
    for record_id in records:
        assert f"schools/{record_id}.md" in result.files


def test_a_second_import_changes_only_what_the_register_changed_and_keeps_what_the_council_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    assert _import(root, capsys, "--gias", str(REGISTER), "--local-authority", "Northshire")[0] == 0
    # the council's own words, and a name changed by hand
    hillside = root / "schools" / "hillside-special-school.yaml"
    hillside.write_text(
        hillside.read_text(encoding="utf-8")
        + "how_to_apply: Ask the SEND team for a visit.\nsen_information_report: https://hillside.example.org/sen\n",
        encoding="utf-8",
    )
    oakfield = root / "schools" / "oakfield-academy.yaml"
    oakfield.write_text(oakfield.read_text(encoding="utf-8").replace("name: Oakfield Academy", "name: Oakfield"))
    before = _schools(root)

    header, rows = _rows()
    _row(rows, "900001")["TelephoneNum"] = "01234 999999"
    _row(rows, "900002")["EstablishmentName"] = "Oakfield Special Academy"
    _row(rows, "900003")["TypeOfResourcedProvision (name)"] = "Not applicable"
    _row(rows, "900009").update({"EstablishmentStatus (name)": "Closed", "CloseDate": "31-08-2026"})
    _row(rows, "900005")["SEN3 (name)"] = "ASD - Autistic Spectrum Disorder"
    changed = _write(tmp_path / "edubasealldata.csv", header, rows)
    report = tmp_path / "gias-report.txt"
    code, out, err = _import(
        root, capsys, "--gias", str(changed), "--local-authority", "Northshire", "--report", str(report)
    )
    assert code == 0, err

    after = _schools(root)
    touched = {name for name in after if after[name] != before.get(name)}
    assert touched == {
        ".gias-import.json",
        "hillside-special-school.yaml",  # phone
        "brook-primary-school-resource-base.yaml",  # no longer in the register: closed
        "westfield-specialist-hub.yaml",  # closed
        "riverside-high-school-resource-base.yaml",  # a new SEN provision type: the needs of its resource base
        "riverside-high-school-sen-unit.yaml",  # and unit (the host school, mainstream, names none)
    }
    records = _records(root)
    assert records["hillside-special-school"]["contact"]["phone"] == "01234 999999"
    assert records["hillside-special-school"]["how_to_apply"] == "Ask the SEND team for a visit."
    assert records["hillside-special-school"]["sen_information_report"] == "https://hillside.example.org/sen"
    assert records["oakfield-academy"]["name"] == "Oakfield"  # the council's
    assert records["westfield-specialist-hub"]["status"] == "closed"
    assert records["brook-primary-school-resource-base"]["status"] == "closed"
    assert "autism" in records["riverside-high-school-sen-unit"]["designated_needs"]
    written = report.read_text(encoding="utf-8")
    assert "contact.phone: changed from '01234 567890' to '01234 999999'" in written
    assert "name: kept yours, 'Oakfield'; the register says 'Oakfield Special Academy'" in written
    assert "status: added 'closed'" in written

    result = generate(load_settings(root / "mkdocs.yml"), date.fromisoformat(TODAY))
    assert not errors(result.problems), [p.text() for p in errors(result.problems)]
    assert "schools/westfield-specialist-hub.md" not in result.files  # closed: no page
    assert "schools/hillside-special-school.md" in result.files

    code, out, err = _import(root, capsys, "--gias", str(changed), "--local-authority", "Northshire")
    assert code == 0 and "nothing to write" in out
    assert _schools(root) == after


def _bad(tmp_path: Path, case: str) -> tuple[Path, list[str], str]:
    """A register with one fault, the options, and the message it must give (with its place)."""
    header, rows = _rows()
    args = ["--local-authority", "Northshire"]
    path = tmp_path / "edubasealldata.csv"
    if case == "missing column":
        header = ["School Website" if h == "SchoolWebsite" else h for h in header]
        for row in rows:
            row["School Website"] = row.pop("SchoolWebsite")
        expect = "edubasealldata.csv:1:1: SchoolWebsite: is not a column of this file. Did you mean 'School Website'?"
    elif case == "wrong authority":
        args = ["--local-authority", "Northshir"]
        expect = "'Northshir' is not a local authority in edubasealldata.csv. Did you mean 'Northshire'?"
    elif case == "unknown urn":
        args += ["--urn", "999999"]
        expect = "--urn:1:1: 999999 is not the URN of any establishment in edubasealldata.csv."
    elif case == "formula":
        _row(rows, "900002")["EstablishmentName"] = '=HYPERLINK("https://evil.example","Oakfield")'
        expect = "edubasealldata.csv:3:5: EstablishmentName: '=HYPERLINK("
    elif case == "html":
        _row(rows, "900009")["Street"] = "<script>alert(1)</script> West Street"
        expect = "edubasealldata.csv:10:57: Street: '<script>alert(1)</script> West Street' holds HTML"
    _write(path, header, rows)
    if case == "truncated":
        data = REGISTER.read_bytes()
        path.write_bytes(data[: data.index(b"Westfield") + 30])
        expect = "edubasealldata.csv:10:7: has 7 values, but the header names 135 columns."
    elif case == "not csv":
        path.write_bytes(b"\x81\x8d" * 20)
        expect = "edubasealldata.csv:1:1: has a byte (0x81) that is not a letter in Windows-1252"
    return path, args, expect


@pytest.mark.parametrize(
    "case", ["missing column", "wrong authority", "unknown urn", "formula", "html", "truncated", "not csv"]
)
def test_bad_input_is_located_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    root = make_project(tmp_path / "project")
    before = _schools(root)
    path, args, expect = _bad(tmp_path, case)
    code, out, err = _import(root, capsys, "--gias", str(path), *args)
    assert code == 1, (out, err)
    assert expect in err, err
    assert "Traceback" not in err and "Nothing was imported." in err
    assert _schools(root) == before
    assert _import(root, capsys, "--gias", str(path), *args, "--dry-run")[0] == 1  # the dry run says the same


def test_options_that_do_not_go_together_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    code, _, err = _import(root, capsys, "--gias", str(REGISTER))
    assert code == 2 and "--local-authority" in err
    code, _, err = _import(root, capsys, "--gias", str(REGISTER), "--local-authority", "Northshire", "--urn", "12")
    assert code == 1 and "'12' is not a URN: a URN is six digits." in err
    code, _, err = _import(
        root,
        capsys,
        "--gias",
        str(REGISTER),
        "--local-authority",
        "Northshire",
        "--report",
        str(root / "schools" / "report.txt"),
    )
    assert code == 2 and "--report" in err


def test_a_file_the_import_cannot_read_stops_it_and_a_comment_survives_an_import_that_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The council's files are never overwritten because the import could not read them, nor rewritten when the
    register changed nothing in them (their comments and layout stay)."""
    root = make_project(tmp_path / "project")
    args = ("--gias", str(REGISTER), "--local-authority", "Northshire")
    code, out, err = _import(root, capsys, *args)
    assert code == 0, out + err
    first = _schools(root)
    name, text = next((n, t.decode("utf-8")) for n, t in first.items() if n.endswith(".yaml") and b"urn:" in t)
    record = root / "schools" / name
    record.write_text(text + "# Ask Jo before changing admissions\n", encoding="utf-8")
    code, out, err = _import(root, capsys, *args)
    assert code == 0, out + err
    assert "# Ask Jo before changing admissions" in record.read_text(encoding="utf-8")
    # a file broken by a hand edit (it could be the record of an establishment the register lists)
    broken = root / "schools" / "hand-edited.yaml"
    broken.write_text("name: Hillside\n  summary: [unclosed\n", encoding="utf-8")
    before = _schools(root)
    code, out, err = _import(root, capsys, *args)
    assert code == 1 and "schools/hand-edited.yaml" in err and "cannot be read as a record" in err, out + err
    assert "Traceback" not in err
    assert _schools(root) == before  # nothing written, the broken file as it was
