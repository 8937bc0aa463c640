"""Names that work on every disk: record, page, guide and feedback file names that collide by capitals or Unicode
normalisation, use lookalike letters of another alphabet, are Windows device names, hold characters some file
system refuses, or are empty, are refused with their file and what to do; a linked folder is named, never skipped
in silence; `new` makes a readable id from any name or asks for one; the files Windows makes itself are ignored."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

from generator.commands.cli import main
from generator.inputs.names import name_problem

RECORD = FIXTURES / "services" / "send" / "autism-advice.yaml"
PAGE = "---\ntitle: About us\n---\n# About us\n\nWho we are.\n"


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _record(root: Path, rel: str) -> Path:
    """A copy of a valid record at `rel` (its id made to match its file name, as far as an id can)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    stem = path.name.split(".")[0]
    path.write_text(RECORD.read_text(encoding="utf-8").replace("id: autism-advice", f"id: '{stem}'"), "utf-8")
    return path


# (file, which words the refusal must use): records of every kind, and hand-written pages
UNPORTABLE = [
    ("services/send/con.yaml", "Windows keeps for a device"),
    ("services/send/aux.yaml", "Windows keeps for a device"),
    ("schools/nul.yaml", "Windows keeps for a device"),
    ("schools/COM1.yaml", "Windows keeps for a device"),
    ("content/transitions/lpt9.yaml", "Windows keeps for a device"),
    ("content/you-said-we-did/prn.yaml", "Windows keeps for a device"),
    ("services/send/.yaml", "has no name"),
    ("schools/.yml", "has no name"),
    ("content/.md", "has no name"),
    ("content/aux.md", "Windows keeps for a device"),
    ("content/con.tar.md", "Windows keeps for a device"),
    ("content/help/Nul.md", "Windows keeps for a device"),
    ("content/what?.md", "Windows cannot store"),
    ("content/a:b.md", "Windows cannot store"),
    ('content/say "hi".md', "Windows cannot store"),
    ("content/tab\there.md", "Windows cannot store"),
    ("content/pipe|page.md", "Windows cannot store"),
    ("content/trailing.md.", "Windows removes"),
    ("content/space .md", None),  # allowed: a space inside a name is fine
    ("content/trailing-folder /page.md", "Windows removes"),
    ("content/\u0430bout.md", "another alphabet"),  # Cyrillic а
    ("content/\u0455ervices.md", "another alphabet"),  # Cyrillic ѕ
    ("content/\u0455\u0435\u0440\u0441.md", "another alphabet"),  # wholly Cyrillic lookalikes
    ("content/p\u03bflicy.md", "another alphabet"),  # Greek ο
    ("content/hidden\u200bjoin.md", "cannot be seen"),  # a zero-width space
]


@pytest.mark.parametrize(("rel", "words"), UNPORTABLE, ids=[r for r, _ in UNPORTABLE])
def test_an_unportable_name_is_refused_with_its_file(
    project: Path, rel: str, words: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    if rel.endswith((".md", ".md.")):
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    else:
        _record(project, rel)
    code = _run(project, "validate")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if words is None:
        assert code == 0, err
        return
    assert code == 1 and words in err, err
    shown = rel.split("/")
    assert any(line.startswith("/".join(shown[: i + 1])) for line in err.splitlines() for i in range(len(shown))), err


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("content/about.md", "content/About.md"),
        ("content/help/index.md", "content/HELP.md"),
        ("content/caf\u00e9.md", "content/cafe\u0301.md"),  # é as one character, and e + a combining accent
        ("content/Caf\u00e9.md", "content/CAF\u00c9/index.md"),
    ],
)
def test_pages_that_differ_only_by_capitals_or_accents_are_refused(
    project: Path, first: str, second: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for rel in (first, second):
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    assert _run(project, "validate") == 1
    err = capsys.readouterr().err
    assert "same address" in err and "Traceback" not in err, err


def test_a_page_at_a_generated_address_in_other_capitals_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """content/Services.md would be served where the generated A to Z of services is, on a host that ignores case."""
    (project / "content" / "Services.md").write_text(PAGE, encoding="utf-8")
    assert _run(project, "build", "--site-dir", str(project.parent / "out")) == 1
    err = capsys.readouterr().err
    assert "content/Services.md" in err and "same address as the generated services" in err, err
    assert not (project.parent / "out").exists()


@pytest.mark.parametrize("where", ["services/send", "services", "content/transitions"])
def test_a_linked_folder_is_followed_with_a_note_or_refused_by_name(
    project: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A linked records folder (or one inside it) is read, with a note naming the link; a link among the pages is
    refused by name. Never skipped in silence (which broke every reference to its records)."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / where, elsewhere)
    (project / where).symlink_to(elsewhere, target_is_directory=True)
    code = _run(project, "validate")
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "is not the id of" not in err, err  # the one cause, not what it breaks
    if where.startswith("content/"):
        assert code == 1 and f"{where}:1:1: is a symbolic link" in err, err
    else:
        assert code == 0 and f"{where}:1:1: warning: is a link to the folder {elsewhere}" in out + err, out + err


def test_a_linked_record_file_is_read_with_a_note(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _record(tmp_path, "outside/extra-record.yaml")
    (project / "services" / "send" / "extra-record.yaml").symlink_to(outside)
    assert _run(project, "validate") == 0
    out, err = capsys.readouterr()
    assert "services/send/extra-record.yaml:1:1: warning: is a link to the file" in out + err, out + err


@pytest.mark.parametrize("name", ["desktop.ini", "Thumbs.db", "ehthumbs.db", "Desktop.ini"])
def test_files_windows_makes_itself_are_ignored(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("content", "content/transitions", "services/send", "schools"):
        (project / folder / name).write_bytes(b"\x00[.ShellClassInfo]\r\n")
    assert _run(project, "validate") == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("Café Rendezvous", "cafe-rendezvous"),
        ("Ærøskøbing Ünïcödé Straße Łódź Group", "aeroskobing-unicode-strasse-lodz-group"),
        ("St Mary's SEN & Disability Hub", "st-mary-s-sen-disability-hub"),
        ("Con", "con-service"),
        ("AUX", "aux-service"),
    ],
)
def test_new_makes_a_readable_portable_id_from_any_name(
    project: Path, name: str, made: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(project, "new", "--name", name, "--category", "send") == 0, capsys.readouterr().err
    assert (project / "services" / "send" / f"{made}.yaml").is_file()
    assert name_problem(f"{made}.yaml") is None


@pytest.mark.parametrize("name", ["自闭症家长支持", "دعم التوحد", "!!!", "   "])
def test_new_asks_for_an_id_when_the_name_has_no_latin_letters(
    project: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p.relative_to(project) for p in (project / "services").rglob("*"))
    code = _run(project, "new", "--name", name, "--category", "send")
    err = capsys.readouterr().err
    if not name.strip():
        assert code == 2 and "Traceback" not in err
    else:
        assert code == 2 and "--id" in err and "Traceback" not in err, err
    assert sorted(p.relative_to(project) for p in (project / "services").rglob("*")) == before
    assert _run(project, "new", "--name", name, "--id", "autism-parents-support", "--category", "send") == 0
    assert (project / "services" / "send" / "autism-parents-support.yaml").is_file()


@pytest.mark.parametrize("record_id", ["con", "lpt1"])
def test_new_refuses_a_windows_device_name_given_as_the_id(
    project: Path, record_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(project, "new", "--name", "Console club", "--id", record_id, "--category", "send") == 2
    assert "Windows keeps for a device" in capsys.readouterr().err
    assert not (project / "services" / "send" / f"{record_id}.yaml").exists()


def test_plain_names_are_portable() -> None:
    for name in ("about.md", "ehc-needs-assessment.md", "café.md", "自闭症.md", "Ελληνικά.md", "report 2026.md"):
        assert name_problem(name) is None, name
    assert name_problem(unicodedata.normalize("NFD", "café.md")) is None
