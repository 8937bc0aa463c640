"""`local-offer import`: the official ORUK examples, the HSDS/ORUK tabular package and Outpost's CSV become records
that pass validate; import → build → feed → import again gives the same records; bad input gives a located
message, never a traceback, and writes nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import build, make_project

from generator.commands.check_files import check_files
from generator.commands.cli import main
from generator.inputs.settings import load_settings, today
from generator.opendata.plaintext import plain_text

ORUK = Path(__file__).parent / "oruk"
SOURCES = {
    "oruk-json": ORUK / "ukprofile_service_full.json",
    "oruk-csv": ORUK / "ukprofile-csv",
    "outpost": ORUK / "outpost_services_valid.csv",
}


def _project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", services=None)


def _import(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--config", str(root / "mkdocs.yml"), "import", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _records(root: Path) -> dict[str, str]:
    folder = root / "services"
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*.yaml"))}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_each_example_imports_as_records_that_pass_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    root = _project(tmp_path)
    code, out, err = _import(root, capsys, str(SOURCES[source]))
    assert code == 0, out + err
    records = _records(root)
    assert records and "Every imported record passes validate." in out
    settings = load_settings(root / "mkdocs.yml")
    problems = check_files(settings, [root / "services" / rel for rel in records], today())
    assert [p.text() for p in problems if p.severity == "error"] == []
    assert "Traceback" not in out + err


def test_the_oruk_example_maps_what_it_can_and_reports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    code, out, _ = _import(root, capsys, str(SOURCES["oruk-json"]), "--category", "send")
    assert code == 0
    record = (root / "services" / "send" / "community-counselling.yaml").read_text()
    for line in (
        "name: Community Counselling",
        "organisation: Example Organization Inc.",
        "age_range: {min: 12, max: 25}",
        "cost: 'Ask the service; Under 18s and Over 60s: £35 per 1 hour session'",  # a concession, not the cost
        "#   contact in the source: Ann Persona, Reception Manager",
        "  email: email@example.com",
        "- days: [thursday, friday]",
        '  opens: "10:00"',
        "source_id: ac148810-d857-441c-9679-408f346de14b",
        "last_reviewed: 2005-01-01",
    ):
        assert line in record.splitlines(), line
    for note in (
        "changed: age_range › max: 100 → 25 (ages run 0–25)",
        "not imported: url: http://example.com/counselling (a website must start with https://)",
        "not imported: service_at_locations › item 1: MyCity Civic Center: postcode 'ABC 1234' is not a UK postcode",
        "not imported: accreditations: All of our practitioners are accredited by the BASC, UKCP, and the",
        "not imported: funding › item 1 › source: This service is funded partially by the MyCity local government",
        "filled in: needs: all-needs (the source names no area of need we know: check it)",
    ):
        assert any(line.strip().startswith(note) for line in out.splitlines()), note
    assert "filled in: category" not in out  # --category was given


def test_outpost_keeps_private_contacts_hidden_services_and_internal_notes_off_the_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    code, out, _ = _import(root, capsys, str(SOURCES["outpost"]))
    assert code == 0
    first = (root / "services" / "send" / "example-service-1.yaml").read_text()
    assert "Private Contact" not in first and "email2@email.com" not in first and "Note 1" not in first
    assert "status: closed" in first  # visible: FALSE in Outpost
    assert "needs: [communication-and-interaction, cognition-and-learning, sensory-and-physical]" in first
    assert first.count("postcode: SW1A 1AA") == 2  # the continuation row's second venue
    assert "cost: 'Ask the service; Who is this fee for?: £1 per half day; OAP: free'" in first
    assert "a contact marked not visible (Private Contact)" in out
    assert "kept in this report only (internal, not published): notes: Note 1" in out
    assert "#   contact in the source: Public Contact, public contacts role" in first  # a comment: not published
    assert "not_yet_reviewed: true" in first and "filled in: last_reviewed" in out  # Outpost has no review date
    assert "not imported: schedules › item 2: TU hh:mm:ss–hh:mm:ss (not a day and a time we can read)" in out


V1_PAGE = {
    "totalElements": 2,
    "totalPages": 1,
    "number": 1,
    "first": True,
    "last": True,
    "content": [
        {
            "id": "101",
            "name": "Portage Home Visiting",
            "description": "Home visits for families of young children with additional needs.",
            "status": "active",
            "attending_access": "referral",
            "organization": {"id": "9", "name": "Testshire Council"},
            "eligibilitys": [{"eligibility": "Children under 5 with SEND.", "minimum_age": 0, "maximum_age": 5}],
            "service_taxonomys": [{"taxonomy": {"id": "need:1", "name": "Cognition and learning"}}],
            "regular_schedules": [{"weekday": "Wednesday", "opens_at": "09:30:00", "closes_at": "15:00:00"}],
            "service_at_locations": [
                {
                    "location": {
                        "name": "Testshire Family Hub",
                        "physical_addresses": [
                            {"address_1": "2 Mill Lane", "city": "Testford", "postal_code": "sw21eg"}
                        ],
                        "accessibility_for_disabilities": [{"accessibility": "Step-free entrance."}],
                    }
                }
            ],
            "languages": [{"language": "Polish"}],
            "phones": [{"number": "01632 960 001"}],
        },
        {
            "id": "102",
            "name": "Speech Drop-in",
            "description": "<p>Drop in to talk to a <b>speech therapist</b>.</p><ul><li>No appointment</li></ul>",
            "status": "active",
            "eligibilities": [{"minimum_age": 2, "maximum_age": 4}],
            "email": "speech@testshire.gov.uk",
        },
    ],
}


def test_a_v1_dump_with_both_spellings_and_html_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    dump = tmp_path / "v1.json"
    dump.write_text(json.dumps(V1_PAGE))
    code, out, err = _import(root, capsys, str(dump))
    assert code == 0, out + err
    portage = (root / "services" / "send" / "portage-home-visiting.yaml").read_text()
    for line in (
        "age_range: {min: 0, max: 5}",
        "needs: [cognition-and-learning]",
        "eligibility: Children under 5 with SEND.",
        "referral: professional",
        "- days: [wednesday]",
        '  opens: "09:30"',
        "  postcode: SW2 1EG",
        "  address: 2 Mill Lane, Testford",
        "  accessibility: Step-free entrance.",
        "languages: [Polish]",
        '  phone: "01632 960 001"',
    ):
        assert line in portage.splitlines(), line
    speech = (root / "services" / "send" / "speech-drop-in.yaml").read_text()
    assert "Drop in to talk to a speech therapist." in speech and "- No appointment" in speech and "<" not in speech
    assert "changed: description: HTML tags removed" in out


def _round_trip_project(tmp_path: Path, name: str) -> Path:
    """A project with no guides or feedback, its accessibility statement and its schools and settings (the fixture's
    six) dated before the examples' dates. The schools and settings are in the feed as services of their own, which
    the import must recognise and leave out (they are files in schools/, not service records)."""
    root = make_project(tmp_path / name, services=None)
    for folder in ("transitions", "you-said-we-did"):
        for path in (root / "content" / folder).glob("*.yaml"):
            path.unlink()
    for path in (root / "schools").glob("**/*.yaml"):
        path.write_text(re.sub(r"last_reviewed: \d{4}-", "last_reviewed: 2005-", path.read_text()))
    facts = root / "content" / "accessibility.yaml"
    facts.write_text(facts.read_text().replace("2026-11-22", "2006-01-02"))
    return root


def _without(text: str, prefix: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(prefix))


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_import_build_feed_import_gives_the_same_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """The examples were last checked in 2005, so these builds run as of 2006: a record not reviewed for 24 months
    would be left out of the site, and so of the feed."""
    monkeypatch.setenv("LOCAL_OFFER_TODAY", "2006-06-01")
    first = _round_trip_project(tmp_path, "first")
    assert _import(first, capsys, str(SOURCES[source]))[0] == 0
    result = build(first)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    second = _round_trip_project(tmp_path, "second")
    code, out, err = _import(second, capsys, str(first / "site" / "openreferral"))
    assert code == 0, out + err
    assert sum("is a school or setting" in line for line in out.splitlines()) == 6  # reported, not imported
    imported = {rel: _without(text, "#") for rel, text in _records(first).items()}  # comments: not in the feed
    again = {rel: _without(text, "#") for rel, text in _records(second).items()}
    published = {rel: text for rel, text in imported.items() if "\nstatus: closed\n" not in text}
    if source == "outpost":
        # Outpost's ids ("1", "8") are not UUIDs, so the feed gives the service its own; all else is the same
        assert set(published) == {"send/example-service-2.yaml"}
        published = {rel: _without(text, "source_id:") for rel, text in published.items()}
        again = {rel: _without(text, "source_id:") for rel, text in again.items()}
    assert again == published


def test_an_import_never_replaces_a_record_without_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path)
    assert _import(root, capsys, str(SOURCES["oruk-json"]))[0] == 0
    record = root / "services" / "send" / "community-counselling.yaml"
    record.write_text(record.read_text().replace("needs: [all-needs]", "needs: [social-emotional-and-mental-health]"))
    before = _records(root)
    code, out, err = _import(root, capsys, str(SOURCES["oruk-csv"]))
    assert code == 1 and _records(root) == before
    assert err.splitlines()[0] == (
        "services/send/community-counselling.yaml:1:1: source_id: already holds the service imported from"
        " 'ac148810-d857-441c-9679-408f346de14b' (ukprofile-csv/services.csv (row 3)). Run the import again with"
        " --update to replace it."
    )
    assert "Nothing was imported." in err
    code, out, err = _import(root, capsys, str(SOURCES["oruk-csv"]), "--update")
    assert code == 0, out + err
    assert set(_records(root)) == set(before)  # the same file, replaced: no second record
    assert '  phone: "+44 1234 234567"' in record.read_text()  # the CSV package has the phone number


def test_a_second_service_with_the_same_name_gets_its_own_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    dump = tmp_path / "two.json"
    twins = [dict(V1_PAGE["content"][1]), {**V1_PAGE["content"][1], "id": "103"}]
    dump.write_text(json.dumps({"contents": twins}))
    assert _import(root, capsys, str(dump))[0] == 0
    assert sorted(_records(root)) == ["send/speech-drop-in-2.yaml", "send/speech-drop-in.yaml"]


def test_a_record_that_would_not_pass_is_never_written_unless_to_drafts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The dry run and the import print the same problems, on the source's place; the import writes nothing. With
    --drafts the record goes to drafts/ (which build ignores and validate names) and the others are imported."""
    root = _no_editorial(_project(tmp_path))
    dump = tmp_path / "bare.json"
    good = {"id": "x2", "name": "Good Service", "email": "good@example.org", "assured_date": "2026-10-01"}
    bare = {"id": "x1", "name": "Bare Service", "url": "http://example.org/"}
    dump.write_text(json.dumps({"contents": [bare, good]}))
    dry = _import(root, capsys, str(dump), "--dry-run")
    code, out, err = _import(root, capsys, str(dump))
    assert code == dry[0] == 1 and _records(root) == {}
    assert "not imported: contact: the source has no phone, email or website we can use" in out
    first = err.splitlines()[0]
    assert first.startswith("bare.json:1:1: contents › item 1 › contact: is missing."), err
    assert "(The record would be services/send/bare-service.yaml" in first
    assert [line for line in dry[2].splitlines() if "bare.json" in line] == [first]  # one truth
    assert err.splitlines()[-1] == "Nothing was imported."

    code, out, err = _import(root, capsys, str(dump), "--drafts")
    assert code == 0, err
    assert set(_records(root)) == {"send/good-service.yaml"}
    assert (root / "drafts" / "send" / "bare-service.yaml").is_file()
    assert "bare.json:1:1: contents › item 1 › contact: warning: is missing." in out + err
    checked = main(["--config", str(root / "mkdocs.yml"), "validate"])
    problems = capsys.readouterr()
    assert checked == 0, problems.err
    assert "drafts/send/bare-service.yaml:1:1: warning: is a draft from an import" in problems.out + problems.err
    result = build(root)
    assert result.built and {s.id for s in result.generated.site.services} == {"good-service"}


BAD = {
    "malformed JSON": (
        "dump.json",
        '{"contents": [{"id": "1", "name": "A"},\n  {"id": "2" "name": "B"}]}',
        "dump.json:2:14: is not valid JSON: Expecting ',' delimiter. Check the file is a complete JSON export",
    ),
    "duplicate ids in JSON": (
        "dump.json",
        json.dumps({"contents": [{"id": "7", "name": "A"}, {"id": "7", "name": "B"}]}),
        "dump.json:1:1: contents › item 2 › id: has the id '7', which dump.json (contents › item 1) has too.",
    ),
    "a service with no name": (
        "dump.json",
        json.dumps({"contents": [{"id": "7", "description": "no name"}]}),
        "dump.json:1:1: contents › item 1: is not a service: it has no id or no name.",
    ),
    "Outpost CSV with missing columns": (
        "outpost.csv",
        "name,description\nA,B\n",
        "outpost.csv:1:1: row 1: has no column import_id, import_id_reference. The first row must name the columns",
    ),
    "duplicate ids in Outpost CSV": (
        "outpost.csv",
        "import_id,import_id_reference,name\n1,,A\n1,,B\n",
        "outpost.csv:3:1: row 3 › import_id: has the import_id '1', which row 2 has too.",
    ),
    "a continuation row of no service": (
        "outpost.csv",
        "import_id,import_id_reference,name,notes\n1,,A,\n2,5,,x\n",
        "outpost.csv:3:1: row 3 › import_id_reference: continues '5', which no row above starts.",
    ),
    "a row with too many cells": (
        "outpost.csv",
        "import_id,import_id_reference,name\n1,,A,extra\n",
        "outpost.csv:2:1: has 4 cells but 3 columns.",
    ),
    "a file that is not text": (
        "outpost.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "outpost.csv:1:1: is not UTF-8 text: byte 0x89 cannot be read.",
    ),
    "a formula cell": (
        "outpost.csv",
        'import_id,import_id_reference,name,url\n1,,Cafe,"=HYPERLINK(""https://x.org"",""x"")"\n',
        "outpost.csv:2:1: row 2 › url: holds the formula '=HYPERLINK(\"https://x.org\",\"x\")'.",
    ),
    "a cut-off CSV": (
        "outpost.csv",
        'import_id,import_id_reference,name,description\n1,,Cafe,"A place to mee',
        "outpost.csv:2:1: ends inside a quoted cell (one that starts with \"), so the file looks cut off.",
    ),
    "a semicolon CSV without the columns": (
        "outpost.csv",
        "id;name\n1;Cafe\n",
        "outpost.csv:1:1: row 1: has no column import_id, import_id_reference.",
    ),
    "a truncated JSON dump": (
        "dump.json",
        '{"contents": [{"id": "1", "name": "A", "email": "a@example.org"}, {"id": "2", "na',
        "dump.json:1:79: is not valid JSON: Unterminated string starting at.",
    ),
    "a JSON dump of the wrong type": (
        "dump.json",
        "42",
        "dump.json:1:1: (top): is not a service: it has no id or no name.",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_says_where_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    root = _project(tmp_path)
    name, content, expected = BAD[case]
    source = tmp_path / name
    source.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, out, err = _import(root, capsys, str(source))
    assert code == 1 and _records(root) == {}
    assert err.splitlines()[0].startswith(expected), err
    assert err.splitlines()[-1] == "Nothing was imported." and "Traceback" not in out + err


def test_a_tabular_package_with_a_table_missing_its_columns_or_repeating_an_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    package = tmp_path / "package"
    shutil.copytree(SOURCES["oruk-csv"], package)
    (package / "phones.csv").write_text("id,contact_id,description\n1,2,no number column\n")
    code, _, err = _import(root, capsys, str(package))
    assert code == 1 and err.startswith("package/phones.csv:1:1: row 1: has no column number.")
    (package / "phones.csv").unlink()
    services = [line for line in (package / "services.csv").read_text().splitlines() if line]
    (package / "services.csv").write_text("\n".join([*services, services[1]]) + "\n")
    code, _, err = _import(root, capsys, str(package))
    assert code == 1 and err.startswith("package/services.csv:3:1: row 3 › id: has the id 'ac148810-")
    assert _records(root) == {}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse: nothing is written to disk)
    code, _, err = _import(root, capsys, str(big))
    assert code == 1 and _records(root) == {}
    assert err.splitlines()[0] == (
        "huge.json:1:1: is 50 MB; a file to import may be at most 25 MB."
        " Export the directory in smaller files (for example one page per file)."
    )


def test_a_failure_while_writing_leaves_the_records_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _project(tmp_path)
    real = os.replace
    moves = []

    def failing(src: os.PathLike[str] | str, dst: os.PathLike[str] | str) -> None:
        moves.append(dst)
        if len(moves) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, _, err = _import(root, capsys, str(SOURCES["outpost"]))
    assert code == 1 and "No space left on device" in err
    assert _records(root) == {} and not list((root / "services").glob(".local-offer-import*"))


CARRIED = {
    *("name", "organisation", "category", "summary", "description", "age_range", "needs", "phases", "eligibility"),
    *("how_to_access", "referral", "cost", "contact", "locations", "opening_hours", "opening_times", "languages"),
    *("area", "status", "status_reason", "reopens", "last_reviewed"),
}


def _comparable(record: dict[str, object]) -> dict[str, object]:
    """A record's carried fields as the feed has them: Markdown as its plain text (the feed holds plain text)."""
    kept = {k: v for k, v in record.items() if k in CARRIED}
    markdown = {"description", "eligibility", "how_to_access"}
    return {k: (plain_text(v) if k in markdown else v.strip()) if isinstance(v, str) else v for k, v in kept.items()}


def test_every_field_the_feed_carries_comes_back_from_a_built_feed(
    fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our own fixture records (summaries apart from descriptions, areas, languages, a closure with a reopening
    date, Markdown lists) through the feed and back: everything but keywords and the record's id."""
    import yaml

    root = _project(tmp_path)
    code, out, err = _import(root, capsys, str(fixture_site / "openreferral"))
    assert code == 0, out + err
    fixtures = Path(__file__).parent / "fixtures" / "services"
    originals = {
        data["name"]: data
        for path in fixtures.rglob("*.yaml")
        if (data := yaml.safe_load(path.read_text())) and data.get("status") != "closed"
    }
    back = {data["name"]: data for data in map(yaml.safe_load, _records(root).values())}
    assert set(back) == set(originals)
    for name, original in originals.items():
        expected = _comparable({**original, "last_reviewed": str(original["last_reviewed"])})
        assert _comparable({**back[name], "last_reviewed": str(back[name]["last_reviewed"])}) == expected, name


def test_schools_and_settings_in_a_feed_of_ours_are_reported_not_imported_as_services(
    fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each school or setting is in our feed as a service ("Places at …") filed under the setting types taxonomy;
    it is a file of its own in schools/, so the import names it for the coordinator to add by hand and writes no
    service record for it."""
    root = _project(tmp_path)
    code, out, err = _import(root, capsys, str(fixture_site / "openreferral"))
    assert code == 0, out + err
    assert not [text for text in _records(root).values() if "Places at" in text]
    reported = [line for line in out.splitlines() if "is a school or setting" in line]
    assert len(reported) == len(list((Path(__file__).parent / "fixtures" / "schools").glob("*.yaml"))) == 6
    assert any(
        line.endswith(
            "not imported: Places at Riverside School is a school or setting (Special school): add it by"
            " hand in schools/"
        )
        for line in reported
    ), reported


def test_a_feed_of_only_schools_and_settings_says_so_and_writes_nothing(
    fixture_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    dump = tmp_path / "schools.json"
    services = [json.loads(p.read_text()) for p in (fixture_site / "openreferral" / "services").iterdir()]
    dump.write_text(json.dumps({"contents": [s for s in services if s["name"].startswith("Places at ")]}))
    code, out, err = _import(root, capsys, str(dump))
    assert code == 1 and _records(root) == {}
    assert err.splitlines()[0] == (
        "schools.json:1:1: holds only schools and settings, which are not imported as services. Add each by hand as"
        " a file in schools/ (CONTRIBUTING.md says how)."
    )


def test_the_import_reads_each_field_from_where_the_feed_writes_it() -> None:
    """Where a record field goes to an Open Referral field of its own, the export and the import share one table
    (SAME_FIELD, made from the feed's COLUMNS): renaming a feed field there moves both."""
    from datetime import date

    from generator.importing.mapping import Context, to_record
    from generator.importing.sources import Incoming
    from generator.inputs.settings import Council
    from generator.opendata.files import SAME_FIELD

    council = Council("Test", "Test Local Offer", "https://example.org/", "team@example.org")
    values = {
        "name": ("Riverside Family Support", ("name",)),
        "age_min": (3, ("age_range", "min")),
        "age_max": (17, ("age_range", "max")),
        "eligibility": ("Families living in the borough.", ("eligibility",)),
        "how_to_access": ("Phone the team and ask for a visit.", ("how_to_access",)),
        "email": ("family.support@example.org", ("contact", "email")),
        "url": ("https://family-support.example.org/", ("contact", "website")),
        "last_reviewed": ("2026-10-01", ("last_reviewed",)),
    }
    assert set(values) == set(SAME_FIELD)  # a column added to the table is added here too
    data = {SAME_FIELD[column]: value for column, (value, _) in values.items()}
    mapped = to_record(Incoming("s-1", "service 1", data), "riverside", Context(council, date(2026, 11, 22)))
    for column, (value, path) in values.items():
        found: object = mapped.record
        for part in path:
            assert isinstance(found, dict), (column, path)
            found = found.get(part)
        assert found == value, (column, SAME_FIELD[column], found)


# ---------------------------------------------------------------------------------------------------------------
# Imports are transactions: an import killed at any point leaves every record or none once the next command has run,
# and until then validate and build both refuse (no record is ever hidden from validate but left out of the site).

THREE = {
    "contents": [
        V1_PAGE["content"][0],
        V1_PAGE["content"][1],
        {**V1_PAGE["content"][1], "id": "103", "name": "Sign Language Club", "email": "signs@testshire.gov.uk"},
    ]
}
RENAMES = 1 + len(THREE["contents"])  # the journal, then each record


def _no_editorial(root: Path) -> Path:
    """A project whose guides and feedback name no service, so it validates with none or with the imported ones."""
    for folder in ("transitions", "you-said-we-did"):
        for path in (root / "content" / folder).glob("*.yaml"):
            path.unlink()
    return root


def _killed_import(root: Path, source: Path, after: int, *options: str) -> None:
    """`local-offer import` in a process of its own that kills itself (SIGKILL) after `after` renames."""
    import subprocess
    import sys

    from conftest import checkout_env

    env = checkout_env(LOCAL_OFFER_IMPORT_KILL_AFTER=str(after))
    command = [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "import", str(source)]
    done = subprocess.run([*command, *options], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stdout + done.stderr  # it was killed, not finished


def _published(root: Path) -> set[str]:
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    return {service.id for service in result.generated.site.services}


@pytest.mark.parametrize("update", [False, True], ids=["import", "import --update"])
def test_an_import_killed_after_any_rename_leaves_every_record_or_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], update: bool
) -> None:
    from generator.pipeline import check

    source = tmp_path / "three.json"
    source.write_text(json.dumps(THREE))
    changed = json.loads(json.dumps(THREE))
    for service in changed["contents"]:
        service["description"] = service["description"].replace("Drop in", "Come along")
        service["name"] = service["name"]  # the same ids: --update replaces each record
    changed["contents"][0]["description"] = "Visits at home for families of young children with additional needs."
    changed_source = tmp_path / "changed.json"
    changed_source.write_text(json.dumps(changed))
    for after in range(RENAMES + 1):
        root = _no_editorial(make_project(tmp_path / f"{update}-{after}", services=None))
        if update:
            assert _import(root, capsys, str(source))[0] == 0
        before = _records(root)
        _killed_import(root, changed_source if update else source, after, *(["--update"] if update else []))
        settings = load_settings(root / "mkdocs.yml")
        partial = check(settings, today()).problems
        assert any(p.file == "services/.local-offer-import" for p in partial), after  # validate sees it
        assert not build(root).built  # and build, which checks the same way, refuses
        code, out, err = _import_free_command(root, capsys)
        assert code == 0, out + err
        after_records = _records(root)
        expected = _records_of(tmp_path, changed_source if update else source, f"expected-{update}")
        assert after_records == (before if after == 0 else expected), after
        assert not (root / "services" / ".local-offer-import").exists()
        assert ("nothing of it was kept" if after == 0 else "it is now finished") in err, err
        published = _published(root)
        assert published == {Path(rel).stem for rel in after_records}, after


def _import_free_command(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The next command: `validate`, which first finishes (or undoes) the stopped import."""
    code = main(["--config", str(root / "mkdocs.yml"), "validate"])
    out = capsys.readouterr()
    return code, out.out, out.err


def _records_of(tmp_path: Path, source: Path, name: str) -> dict[str, str]:
    """The records an import of `source` that is not stopped writes into an empty project."""
    root = tmp_path / name
    if not root.exists():
        _no_editorial(make_project(root, services=None))
        assert main(["--config", str(root / "mkdocs.yml"), "import", str(source)]) == 0
    return _records(root)


# ---------------------------------------------------------------------------------------------------------------
# Every value's type is checked before it is converted: a note naming the field, never "the generator failed".

TYPED = {
    "NaN age": ('"minimum_age": NaN', "not imported: minimum_age: NaN, not a number"),
    "5,000-digit age": ('"maximum_age": ' + "9" * 5000, "not imported: maximum_age: '99999"),
    "phones as text": ('"phones": "020 7926 1000"', "not imported: phones: '020 7926 1000' (text), not a list"),
    "addresses as an object": (
        '"service_at_locations": [{"location": {"name": "Hub", "addresses": {"postal_code": "SW2 1EG"}}}]',
        "not imported: service_at_locations › item 1 › location › addresses: an object (1 item), not a list",
    ),
    "cost amount as words": ('"cost_options": [{"amount": "£5"}]', None),
    "description as a list": ('"description": ["a", "b"]', "not imported: description: a list (2 items), not text"),
    "attributes as true": ('"attributes": true', "not imported: attributes: true (yes/no), not a list"),
    "languages as a number": ('"languages": 7', "not imported: languages: 7 (a number), not a list"),
}


@pytest.mark.parametrize("case", sorted(TYPED))
def test_a_value_of_the_wrong_type_is_a_located_note_never_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    root = _project(tmp_path)
    field, note = TYPED[case]
    dump = tmp_path / "typed.json"
    dump.write_text('{"id": "t1", "name": "Typed Service", "email": "typed@example.org", ' + field + "}")
    code, out, err = _import(root, capsys, str(dump))
    assert "the generator failed" not in out + err and "Traceback" not in out + err
    assert code == 0, out + err
    record = (root / "services" / "send" / "typed-service.yaml").read_text()
    if note is None:
        assert "cost: £5" in record
    else:
        assert any(line.strip().startswith(note) for line in out.splitlines()), out


def test_random_types_in_every_field_of_a_service_give_notes_never_a_crash(tmp_path: Path) -> None:
    """Any JSON value in any field the import reads (and beside it): the service is read, mapped and written as
    YAML; every value taken out is named by its field."""
    from datetime import date

    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings
    from hypothesis import strategies as st

    from generator.importing.mapping import Context, to_record
    from generator.importing.read import ImportFailed
    from generator.importing.shapes import SERVICE
    from generator.importing.sources import read_source
    from generator.importing.write import record_yaml
    from generator.inputs.settings import Council

    council = Council("Test", "Test Local Offer", "https://example.org/", "team@example.org")
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.integers(min_value=10**90, max_value=10**99),
        st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20), st.just("£5"), st.just("020 7926 1000"),
    )
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["number", "name", "location", "addresses", "amount", "taxonomy_term", "postal_code", "x"]),
        inner, max_size=3), max_leaves=8)

    def paths(shape: object, at: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        found = [at] if at else []
        if isinstance(shape, list):
            return found + paths(shape[0], at)
        if isinstance(shape, dict):
            for key, inner in shape.items():
                found += paths(inner, (*at, key))
        return found

    fields = paths(SERVICE)
    dump = tmp_path / "fuzz.json"

    @given(st.lists(st.tuples(st.sampled_from(fields), values), min_size=1, max_size=6))
    @hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    def run(chosen: list[tuple[tuple[str, ...], object]]) -> None:
        service: dict[str, object] = {"id": "f1", "name": "Fuzzed"}
        for path, value in chosen:
            at: dict[str, object] = service
            for part in path[:-1]:
                inner = at.get(part)
                if isinstance(inner, list):
                    inner = inner[0] if inner and isinstance(inner[0], dict) else None
                if not isinstance(inner, dict):
                    inner = {}
                    at[part] = [inner] if isinstance(SERVICE.get(part), list) or part in ("addresses",) else inner
                at = inner
            at[path[-1]] = value
        dump.write_text(json.dumps(service))
        try:
            incoming = list(read_source(dump))
        except ImportFailed as failed:  # a service with no name: refused, with where
            assert all(p.file == "fuzz.json" and p.field and p.message for p in failed.problems)
            return
        for item in incoming:
            mapped = to_record(item, "fuzzed", Context(council, date(2026, 11, 22)))
            record_yaml(mapped.record)
            assert all(note.field and note.text for note in mapped.notes)

    run()


@pytest.mark.parametrize("where", ["absolute", "parent", "link"])
def test_a_package_naming_a_file_outside_its_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    root = _project(tmp_path)
    package = tmp_path / "package"
    shutil.copytree(SOURCES["oruk-csv"], package)
    secret = tmp_path / "secret.csv"
    shutil.copy(package / "services.csv", secret)
    (package / "services.csv").unlink()
    if where == "link":
        (package / "services.csv").symlink_to(secret)
        expected = "package/services.csv:1:1: is a link to a file outside the package's folder."
    else:
        path = str(secret) if where == "absolute" else "../secret.csv"
        resources = [{"name": "services", "path": path}]
        (package / "datapackage.json").write_text(json.dumps({"resources": resources}))
        expected = f"package/datapackage.json:1:1: resources › item 1 › path: names '{path}', which is not a file"
    code, out, err = _import(root, capsys, str(package))
    assert code == 1 and _records(root) == {}
    assert err.splitlines()[0].startswith(expected), err
