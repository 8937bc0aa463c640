"""Every kind of bad record fails the build with file:line:col, the field and a useful message, and writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_project

from generator.commands.cli import main

CORPUS = Path(__file__).parent / "bad_records"
_HEADER = re.compile(
    r"^# place: (?P<place>\S+)\n# expect: (?P<line>\d+):(?P<col>\d+) (?:(?P<field>.*?) )?\| (?P<text>.+)$", re.MULTILINE
)


def _cases() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def _expect_failure(
    root: Path, display: str, line: int, col: int, field: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    site = root / "site"
    code = main(["--config", str(root / "mkdocs.yml"), "build"])
    err = capsys.readouterr().err
    assert code == 1, err
    prefix = f"{display}:{line}:{col}:" + (f" {field}:" if field else "")
    matching = [row for row in err.splitlines() if row.startswith(prefix)]
    assert matching, f"no line starts with {prefix!r}:\n{err}"
    assert any(text in row for row in matching), f"{text!r} not in {matching}"
    assert err.rstrip().endswith("No pages were built.")
    assert not site.exists()
    assert not (root / "build").exists(), "nothing may be generated from invalid records"


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.stem)
def test_bad_record_is_refused(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = case.read_text(encoding="utf-8")
    header = _HEADER.search(text)
    assert header, f"{case.name} needs '# place:' and '# expect:' lines"
    root = make_project(tmp_path / "project")
    target = root / "services" / header["place"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    _expect_failure(
        root,
        f"services/{header['place']}",
        int(header["line"]),
        int(header["col"]),
        (header["field"] or "").strip(),
        header["text"],
        capsys,
    )


def test_huge_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    path = root / "services" / "send" / "huge.yaml"
    path.write_text("id: huge\ndescription: |\n" + "  words words words words\n" * 20000, encoding="utf-8")
    _expect_failure(root, "services/send/huge.yaml", 1, 1, "", "a record may be at most 256 KB", capsys)


def test_binary_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    (root / "services" / "send" / "binary.yaml").write_bytes(b"id: binary\nname: \xff\xfe\x00\n")
    _expect_failure(root, "services/send/binary.yaml", 2, 7, "", "is not UTF-8 text", capsys)


def test_empty_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    (root / "services" / "send" / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    _expect_failure(root, "services/send/empty.yaml", 1, 1, "", "is empty", capsys)


def test_every_problem_is_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    for case in ("bad-email", "future-date", "html-in-name"):
        text = (CORPUS / f"{case}.yaml").read_text(encoding="utf-8")
        (root / "services" / "send" / f"{case}.yaml").write_text(text, encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "validate"]) == 1
    err = capsys.readouterr().err
    for case in ("bad-email", "future-date", "html-in-name"):
        assert f"services/send/{case}.yaml:" in err
    assert err.rstrip().endswith("3 problems in 3 files.")
