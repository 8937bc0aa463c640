"""Every write has a safe destination: no setting or option of any command can replace or overwrite an input (the
hand-written pages, a folder of records, the schemas), a settings file, the project folder or .git. Each is refused
with a located message (mkdocs.yml's line for a setting, the option's name for an option) before anything is
touched: the project folder is byte for byte as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import make_project

from generator.commands.cli import main
from generator.inputs.settings import load_settings, today
from generator.publish.build import build_site
from generator.publish.lock import PublishError

# Folders a build would replace whole: each is, holds or sits inside something no build may replace. Written as a
# coordinator might: plainly, in other capitals, through `..`, or through a link ("linked" points at schools/).
UNSAFE_FOLDERS = [
    "schools",
    "services",
    "services/send",
    "Schools",
    "SERVICES/send",
    "content/transitions",
    "schema",
    ".",
    "..",
    "site/../schools",
    ".git",
    ".git/site",
    "linked",
    "linked/inner",
]

# Files a command would write: the settings (and what they INHERIT), inputs, .git, a folder.
UNSAFE_FILES = [
    "mkdocs.yml",
    "MkDocs.YML",
    "base.yml",
    "site/../mkdocs.yml",
    "settings-link.yml",
    "services/send/review.csv",
    "Schools/review.csv",
    "content/review.md",
    "content/transitions/review.yaml",
    "schema/review.json",
    ".git/config",
    "linked/review.csv",
    "services",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    (root / "schema").mkdir()
    (root / "schema" / "service.schema.json").write_text("{}", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / "linked").symlink_to(root / "schools", target_is_directory=True)
    (root / "settings-link.yml").symlink_to(root / "mkdocs.yml")
    # mkdocs.yml takes its council from a parent file (MkDocs' INHERIT): that file is settings too
    (root / "base.yml").write_text("site_author: The Local Offer team\n", encoding="utf-8")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\n" + text, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and link of the project (a link by where it points), to show nothing was touched."""
    found: dict[str, bytes] = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = os.readlink(path).encode()
            elif path.is_file():
                found[rel] = path.read_bytes()
            else:
                found[rel] = b"<folder>"
    return found


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


@pytest.mark.parametrize("folder", UNSAFE_FOLDERS)
def test_an_unsafe_site_dir_setting_is_refused_on_its_line_and_nothing_is_touched(
    project: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site\n", f"site_dir: '{folder}'\n")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("site_dir:"))
    before = snapshot(project)
    assert _run(project, "validate") == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{line}:" in err and "site_dir" in err and "Traceback" not in err, err
    assert _run(project, "build") == 1
    err = capsys.readouterr().err
    assert f"mkdocs.yml:{line}:" in err and "No pages were built" in err, err
    assert snapshot(project) == before


@pytest.mark.parametrize("option", ["--site-dir", "--api-dir"])
@pytest.mark.parametrize("folder", UNSAFE_FOLDERS)
def test_an_unsafe_build_folder_option_is_refused_by_name_and_nothing_is_touched(
    project: Path, folder: str, option: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)  # options are relative to where the command runs, as in a terminal
    before = snapshot(project)
    assert _run(project, "build", option, folder) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {option}: ") and "Traceback" not in err, err
    assert snapshot(project) == before


def test_the_build_itself_refuses_an_unsafe_folder_before_touching_anything(project: Path) -> None:
    """The same rule for code that builds without the command line (the live preview, tests, a council's script)."""
    before = snapshot(project)
    settings = load_settings(project / "mkdocs.yml")
    for folder in (project / "schools", project, project / "Services"):
        with pytest.raises(PublishError, match="a build replaces this folder"):
            build_site(settings, today(), site_dir=folder)
        with pytest.raises(PublishError, match="a build replaces this folder"):
            build_site(settings, today(), api_dir=folder)
    assert snapshot(project) == before


@pytest.mark.parametrize("option", ["report --csv", "report --markdown", "audit --report"])
@pytest.mark.parametrize("file", UNSAFE_FILES)
def test_an_output_file_never_overwrites_an_input_or_the_settings(
    project: Path, file: str, option: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    command, flag = option.split()
    before = snapshot(project)
    assert _run(project, command, flag, file) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {flag}: ") and "Nothing was written" in err and "Traceback" not in err, err
    assert snapshot(project) == before


def test_report_still_writes_its_files_beside_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv, markdown = project / "review.csv", project.parent / "review.md"
    assert _run(project, "report", "--csv", str(csv), "--markdown", str(markdown)) == 0
    assert csv.is_file() and markdown.is_file()
    assert _run(project, "report", "--csv", str(csv)) == 0  # its own last report is replaced, as every week
    assert _run(project, "report", "--csv", str(csv), "--markdown", str(csv)) == 2
    assert "name the same file" in capsys.readouterr().err


def test_a_safe_site_dir_setting_is_not_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The usual folders are not refused: site/ in the project, or a folder beside it."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for folder in ("site", "public/site", "../published"):
        (project / "mkdocs.yml").write_text(text.replace("site_dir: site\n", f"site_dir: {folder}\n"), encoding="utf-8")
        assert _run(project, "validate") == 0, capsys.readouterr().err


@pytest.mark.parametrize("folder", ["services/new-council", "content/new-council", ".git/new-council", "Schools/x"])
def test_init_never_makes_a_council_folder_inside_an_input(
    project: Path, folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(project)
    assert main(["init", str(project / folder), "--council", "Northshire"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Nothing was written" in err and "Traceback" not in err, err
    assert snapshot(project) == before
