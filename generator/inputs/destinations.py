"""Every write has a safe destination. A folder a build replaces whole (the site, the API folder) may not be, hold or
sit inside an input (the hand-written pages, a folder of records, the schemas), may not be or hold the project
folder, and may not be in `.git`; a file a command writes (report --csv, audit --report…) may not be an input, a
settings file (mkdocs.yml and any file it INHERITs) or in `.git`. Paths are compared as they are on the disk they
lead to (links followed, `..` resolved) and as Windows and macOS compare names (capitals and accents folded), so no
spelling of a protected folder gets through."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.inputs.names import fold

_INHERIT = re.compile(r"^INHERIT:\s*['\"]?(?P<file>[^'\"#\n]+?)['\"]?\s*(#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Protected:
    """What no command may replace or overwrite."""

    root: Path  # the project folder (mkdocs.yml's)
    inputs: tuple[tuple[str, Path], ...]  # (what it is, folder): read by every build
    settings_files: tuple[Path, ...]  # mkdocs.yml and what it INHERITs

    @classmethod
    def of(cls, config_file: Path, docs: Path, record_folders: list[Path]) -> Protected:
        root = config_file.resolve().parent
        inputs = [("the hand-written pages", docs), *(("a folder of records", f) for f in record_folders)]
        inputs.append(("the schemas", root / "schema"))
        return cls(root, tuple((what, Path(f)) for what, f in inputs), tuple(settings_files(config_file)))


def settings_files(config_file: Path) -> list[Path]:
    """mkdocs.yml and every file it INHERITs (MkDocs' chain of parent settings)."""
    found: list[Path] = []
    current: Path | None = config_file.resolve()
    while current is not None and current not in found and len(found) < 20:
        found.append(current)
        try:
            text = current.read_text(encoding="utf-8", errors="replace")
        except OSError:
            break
        parent = _INHERIT.search(text)
        current = (current.parent / parent["file"].strip()).resolve() if parent else None
    return found


def _key(path: Path) -> tuple[str, ...]:
    return tuple(fold(part) for part in path.resolve().parts)


def _within(inner: Path, outer: Path) -> bool:
    """`inner` is `outer` or inside it, compared as a case-insensitive disk would."""
    a, b = _key(inner), _key(outer)
    return a[: len(b)] == b


def _in_git(path: Path) -> bool:
    return ".git" in _key(path)


def _shown(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else resolved.as_posix()


def folder_problem(folder: Path, protected: Protected) -> str | None:
    """Why a build may not replace `folder` whole (the site, the API folder), or None."""
    root = protected.root
    if _within(root, folder):
        return f"'{folder}' is or holds the whole project folder ({root}): a build replaces this folder."
    if _in_git(folder):
        return f"'{folder}' is inside .git, git's own record of every version: a build replaces this folder."
    for what, other in protected.inputs:
        if _within(folder, other) or _within(other, folder):
            return (
                f"'{folder}' is, holds or sits inside {what} ({_shown(other, root)}), which every build reads: "
                "a build replaces this folder."
            )
    for settings in protected.settings_files:
        if _within(settings, folder):
            return f"'{folder}' holds the settings file {_shown(settings, root)}: a build replaces this folder."
    return None


def file_problem(file: Path, protected: Protected) -> str | None:
    """Why a command may not write the file `file` (a report, a CSV), or None."""
    if file.resolve().is_dir():
        return f"'{file}' is a folder: give the name of a file to write."
    return inside_problem(file, protected)


def inside_problem(path: Path, protected: Protected) -> str | None:
    """Why nothing may be written at `path` (a file, or a folder to write files into), or None."""
    root, file = protected.root, path
    if _in_git(file):
        return f"'{file}' is inside .git, git's own record of every version: writing there could damage it."
    for settings in protected.settings_files:
        if _within(file, settings):
            return f"'{file}' is the settings file {_shown(settings, root)}: writing it would replace the settings."
    for what, other in protected.inputs:
        if _within(file, other):
            return (
                f"'{file}' is inside {what} ({_shown(other, root)}): a file written there would be read as an input "
                "or replace one."
            )
    return None
