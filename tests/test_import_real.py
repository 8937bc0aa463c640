"""`local-offer import` on exports nobody on this project wrote (tests/fixtures/import/README.md names them), and this
project's own feed imported back: the dry run says what the import does, every service the source gives a way to
reach imports valid, and the own feed comes back as the same records."""

from __future__ import annotations

import csv
import io
import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from conftest import make_project

from generator.commands.cli import main

REAL = Path(__file__).parent / "fixtures" / "import"
HSDS = REAL / "hsds-1.1"
OUTPOST = REAL / "outpost-services-with-sample-data.csv"


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", services=None)
    for folder in ("transitions", "you-said-we-did"):  # they name fixture services this project does not have
        shutil.rmtree(root / "content" / folder)
    return root


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(root / "mkdocs.yml"), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _records(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.yaml"))}


def _with_separator(text: str, separator: str) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    written = io.StringIO()
    csv.writer(written, delimiter=separator, lineterminator="\n").writerows(rows)
    return written.getvalue()


def _problems(text: str) -> list[str]:
    return [line for line in text.splitlines() if ":1:" in line or ": warning:" in line or "problem" in line]


def test_hsds_1_1_every_service_with_an_email_imports_valid_and_the_dry_run_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    dry = _run(root, capsys, "import", str(HSDS), "--dry-run")
    code, out, err = _run(root, capsys, "import", str(HSDS))
    assert code == dry[0] == 1 and _records(root / "services") == {}  # 4 have no way to reach them: nothing written
    assert dry[2].replace("The import would write nothing.", "") == err.replace("Nothing was imported.", "")
    stopped = [line for line in err.splitlines() if line.startswith("hsds-1.1/services.csv:")]
    assert len(stopped) == 4 and all("› contact: is missing." in line for line in stopped), err
    assert "hsds-1.1/services.csv:6:1: row 6 › contact: is missing." in err  # Al-Anon: no email, no UK phone

    report = tmp_path / "import-report.txt"
    code, out, err = _run(root, capsys, "import", str(HSDS), "--drafts", "--report", str(report))
    assert code == 0, err
    written, drafts = _records(root / "services"), _records(root / "drafts")
    assert (len(written), len(drafts)) == (9, 4)
    assert "filled in: contact › email: YIF@example.com: the organisation's (the service gives none)" in out
    assert "  email: YIF@example.com" in written["send/yound-minds.yaml"]
    assert "not_yet_reviewed: true" in written["send/yound-minds.yaml"]  # HSDS 1.1 gives no review date
    assert "funding › item 1 › source:" in out or "payments_accepted" in out  # other tables reported, not lost
    text = report.read_text()
    assert "Written into the records folder, passing validate: 9" in text and "Sent to the drafts folder: 4" in text
    assert "Per field, in 13 records:" in text
    code, out, err = _run(root, capsys, "validate")
    assert code == 0, err
    assert sum("is a draft from an import" in line for line in (out + err).splitlines()) == 4


def test_outposts_own_sample_imports_two_of_two_with_blank_rows_other_separators_and_windows_1252(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = OUTPOST.read_text(encoding="utf-8")
    columns = original.splitlines()[0].count(",")
    blank = "".join(f"{n}{',' * columns}\n" for n in range(9, 14)) + f"{',' * columns}\n" * 3  # template rows
    variants = {
        "upstream": original.encode(),
        "blank rows": (original + blank).encode(),
        "semicolons": _with_separator(original, ";").encode(),
        "windows-1252": original.replace("Second example service", "Second example café").encode("cp1252"),
    }
    for name, content in variants.items():
        root = _project(tmp_path / name.replace(" ", "-"))
        source = tmp_path / f"{name.replace(' ', '-')}.csv"
        source.write_bytes(content)
        dry = _run(root, capsys, "import", str(source), "--dry-run")
        code, out, err = _run(root, capsys, "import", str(source))
        assert code == dry[0] == 0, (name, err)
        assert _problems(dry[2]) == _problems(err), name  # the dry run told the truth
        records = _records(root / "services")
        assert len(records) == 2, name
        first = records["send/csv-creation-service.yaml"]
        assert "**How the service supports children and young people with SEND:** dfsdfs2222" in first
        assert "#   contact in the source: public contact name, public contacts role" in first
        assert "private contact" not in first  # marked not visible in Outpost
        assert "I am an additional note" in out and "I am an additional note" not in first  # internal: report only
        if name == "blank rows":
            assert sum("a blank row of the template" in line for line in err.splitlines()) == 5
        if name == "semicolons":
            assert "separated by semicolons" in err
        if name == "windows-1252":
            assert "read as Windows-1252" in err and "Second example café" in records["send/second-example-cafe.yaml"]


def test_an_excel_date_and_a_phone_stored_as_a_number_are_read_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    dump = tmp_path / "dump.json"
    service = {"id": "s1", "name": "Riverside Play", "assured_date": "46000", "phones": [{"number": 2079261000}]}
    dump.write_text(json.dumps(service))
    code, out, err = _run(root, capsys, "import", str(dump))
    assert code == 0, err
    record = _records(root / "services")["send/riverside-play.yaml"]
    assert 'phone: "02079261000"' in record and "last_reviewed: 2025-12-09" in record
    assert "a spreadsheet stored it as a number and dropped its first 0" in out
    assert "46000 read as 2025-12-09: a spreadsheet stored the date as a number" in out


def test_html_in_fields_is_text_and_scripts_are_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    dump = tmp_path / "dump.json"
    description = "<p>Play sessions for <b>all</b> children.</p><script>alert('x')</script><ul><li>Fridays</li></ul>"
    dump.write_text(json.dumps({"id": "s1", "name": "Riverside Play", "email": "a@example.org",
                                "description": description}))
    code, out, err = _run(root, capsys, "import", str(dump))
    assert code == 0, err
    data = yaml.safe_load(_records(root / "services")["send/riverside-play.yaml"])
    assert "alert" not in data["description"] and "<" not in data["description"]
    assert "- Fridays" in data["description"] and "changed: description: HTML tags removed" in out


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    source = tmp_path / "huge.csv"
    with source.open("wb") as handle:
        handle.truncate(26 * 1024 * 1024)  # sparse: nothing is really written
    code, out, err = _run(root, capsys, "import", str(source))
    assert code == 1 and err.startswith("huge.csv:1:1: is 26 MB; a file to import may be at most 25 MB.")
    assert _records(root / "services") == {} and "Traceback" not in out + err


def test_a_report_or_drafts_folder_among_the_inputs_is_refused_before_anything_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    code, _, err = _run(root, capsys, "import", str(OUTPOST), "--report", str(root / "services" / "report.txt"))
    assert code == 2 and "error: --report:" in err and "Nothing was written." in err
    code, _, err = _run(root, capsys, "import", str(OUTPOST), "--drafts", str(root / "content" / "drafts"))
    assert code == 2 and "error: --drafts:" in err and "hand-written pages" in err
    assert _records(root / "services") == {} and not (root / "content" / "drafts").exists()


def _compared(records: dict[str, str]) -> dict[str, dict[str, object]]:
    """Each record's id (its file) with the fields a round trip must give back."""
    fields = ("keywords", "works_in", "languages", "opening_hours", "opening_times", "not_yet_reviewed")
    found = {}
    for rel, text in records.items():
        data = yaml.safe_load(text)
        if data.get("status") != "closed":  # closed services are not in the feed
            found[rel] = {key: data.get(key) for key in fields}
    return found


def test_the_fixture_projects_own_feed_comes_back_as_the_same_records(
    fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    code, out, err = _run(root, capsys, "import", str(fixture_site / "openreferral"))
    assert code == 0, err
    originals = _compared(_records(Path(__file__).parent / "fixtures" / "services"))
    back = _compared(_records(root / "services"))
    assert back == originals
    assert any(v["keywords"] for v in originals.values()) and any(v["works_in"] for v in originals.values())


def test_two_thousand_synthetic_services_come_back_from_their_feed(
    synthetic_directory: tuple[Path, dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, files = synthetic_directory
    feed = tmp_path / "openreferral"
    for path, data in files.items():
        if path.startswith("openreferral/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(data)
    root = _project(tmp_path)
    shutil.rmtree(root / "schools")
    shutil.copytree(source / "schools", root / "schools")  # works_in names them
    started = time.perf_counter()
    code, out, err = _run(root, capsys, "import", str(feed))
    took = time.perf_counter() - started
    assert code == 0, err[-3000:]
    originals = _compared(_records(source / "services"))
    back = _compared(_records(root / "services"))
    assert len(originals) > 1900 and back == originals
    assert took < 60, f"the import of {len(back)} services took {took:.0f} s"
