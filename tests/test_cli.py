"""The coordinator's commands: validate (text and GitHub annotations, one file or all) and new."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, make_project

from generator.commands.cli import main

CORPUS = Path(__file__).parent / "bad_records"


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


def test_validate_passes_on_good_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert _run(root, "validate") == 0
    assert "No problems found." in capsys.readouterr().out


def test_validate_github_format_prints_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "services" / "send" / "bad-email.yaml").write_text((CORPUS / "bad-email.yaml").read_text())
    assert _run(root, "validate", "--format", "github") == 1
    out = capsys.readouterr().out
    assert "::error file=services/send/bad-email.yaml,line=18,col=10::contact › email: " in out


def test_validate_one_file_still_catches_duplicate_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    copy = root / "services" / "careers" / "autism-advice.yaml"
    copy.write_text(
        (FIXTURES / "services/send/autism-advice.yaml").read_text().replace("category: send", "category: careers")
    )
    assert _run(root, "validate", str(copy)) == 1
    err = capsys.readouterr().err
    assert "services/careers/autism-advice.yaml:2:5: id: 'autism-advice' is used by another record too" in err
    assert "services/send/autism-advice.yaml" in err


def test_validate_one_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert _run(root, "validate", str(root / "services/send/hearing-support.yaml")) == 0


def test_new_scaffolds_a_record_that_validation_then_guides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert (
        _run(
            root,
            "new",
            "--name",
            "Portage Home Visiting",
            "--category",
            "early-years",
            "--organisation",
            "Fixture Borough Council",
        )
        == 0
    )
    path = root / "services" / "early-years" / "portage-home-visiting.yaml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/service.schema.json\n")
    capsys.readouterr()
    assert _run(root, "validate", str(path)) == 1
    err = capsys.readouterr().err
    assert "summary: is too short" in err or "summary: is empty" in err
    assert "description: is empty." in err
    # filling in the blanks makes it valid
    text = text.replace("summary: ''", "summary: Home visits that help parents support their young child's learning.")
    for field in ("description", "eligibility", "how_to_access"):
        text = text.replace(f"{field}: ''", f"{field}: Plain words about {field}.")
    text = text.replace("email: ''", "email: portage@example.gov.uk")
    path.write_text(text)
    assert _run(root, "validate", str(path)) == 0, capsys.readouterr().err


def test_new_refuses_an_existing_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert _run(root, "new", "--name", "Anything", "--id", "autism-advice", "--category", "send") == 2
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize(
    "line, expected",
    [
        ("<script>alert(1)</script>", "contains a <script> tag"),
        ("[Click](javascript:alert(1))", "contains a 'javascript:' link"),
        ('<img src="https://tracker.example/p.gif">', "loads or links something from another site"),
        ('<a href="#" onclick="steal()">x</a>', "contains an event handler attribute ('onclick')"),
    ],
)
def test_unsafe_hand_written_pages_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, expected: str
) -> None:
    root = make_project(tmp_path / "p")
    about = root / "content" / "about.md"
    about.write_text(about.read_text() + "\n" + line + "\n")
    number = len(about.read_text().splitlines())
    assert _run(root, "build") == 1
    err = capsys.readouterr().err
    assert f"content/about.md:{number}:" in err and expected in err
    assert not (root / "site").exists()


@pytest.mark.parametrize("place", ["services/send/hearing-copy.yml", "content/transitions/primary-to-secondary.yml"])
def test_files_must_end_in_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str], place: str) -> None:
    root = make_project(tmp_path / "p")
    source = FIXTURES / "services/send/hearing-support.yaml" if place.startswith("services") else None
    text = (
        source.read_text().replace("id: hearing-support", "id: hearing-copy")
        if source
        else (root / "content/transitions/primary-to-secondary.yaml").read_text()
    )
    (root / place).write_text(text)
    assert _run(root, "validate") == 1
    stem = Path(place).stem
    assert (
        f"{place}:1:1: is not a record file: records end in .yaml. Rename it to {stem}.yaml" in capsys.readouterr().err
    )


def test_subprocesses_run_this_checkouts_code(tmp_path: Path) -> None:
    """Tests that run `python -m generator` in a project folder get the code under test, not an installed copy."""
    import subprocess
    import sys

    from conftest import REPO, checkout_env

    done = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path, env=checkout_env(), capture_output=True, text=True, check=True,
    )
    assert Path(done.stdout.strip()).resolve() == REPO / "generator" / "__init__.py"
