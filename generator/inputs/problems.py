"""Problems found in the records, and the two ways of reporting them (plain text and GitHub annotations)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
PathPart = str | int


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, located as precisely as we can."""

    file: str
    line: int
    col: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"
    withholds: bool = False  # a warning that keeps this (otherwise valid) record off the site; the rest publishes

    def __post_init__(self) -> None:
        """No message ever prints a control or invisible character a record held: each shows as a \\uXXXX escape."""
        from generator.inputs.characters import visible  # characters.py builds Problems itself

        for name in ("field", "message", "hint"):
            object.__setattr__(self, name, visible(getattr(self, name)))

    def text(self) -> str:
        """One line, always: `file:line:col: field: message hint`."""
        where = f"{self.file}:{self.line}:{self.col}"
        field = f" {self.field}:" if self.field else ""
        hint = f" {self.hint}" if self.hint else ""
        label = "warning: " if self.severity == "warning" else ""
        return " ".join(f"{where}:{field} {label}{self.message}{hint}".split())

    def annotation(self) -> str:
        """A GitHub Actions workflow command that pins the message to the file and line."""
        body = f"{self.field}: {self.message}{' ' + self.hint if self.hint else ''}"
        body = body.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        file = self.file.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{self.severity} file={file},line={self.line},col={self.col}::{body}"


def field_label(path: Sequence[PathPart]) -> str:
    """Field path in the words a coordinator sees in the file: `locations › item 2 › postcode`."""
    parts = [f"item {p + 1}" if isinstance(p, int) else p for p in path]
    return " › ".join(parts)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def summary(problems: Sequence[Problem], built: bool | None = None) -> str:
    """The closing line: 'N problems in M files. No pages were built.'"""
    errs = errors(problems)
    warnings = len(problems) - len(errs)
    files = len({p.file for p in errs})
    line = f"{_plural(len(errs), 'problem')} in {_plural(files, 'file')}." if errs else "No problems found."
    if warnings:
        line += f" {_plural(warnings, 'warning')}."
    withheld = sorted({p.file for p in problems if p.withholds})
    if withheld:
        line += f" Not published until reviewed: {', '.join(withheld)}."
    if built is False:
        line += " No pages were built."
    return line


def report(problems: Sequence[Problem], style: Literal["text", "github"] = "text") -> str:
    """Every problem in file and line order; a file's '… and N more problems' line comes after its others."""
    ordered = sorted(problems, key=lambda p: (p.file, p.message.startswith("… and "), p))
    lines = [p.annotation() if style == "github" else p.text() for p in ordered]
    return "\n".join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
