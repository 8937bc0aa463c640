"""Placeholders: `[[TODO: what to write]]`, left by `local-offer init` wherever only the council knows the facts (a
phone number, the parent carer forum's name). Each one is reported as a warning on its file, line and column, with
what to write, until the council replaces it. Warnings, not errors: a new council's site builds and can be looked at
while they are filled in, and nothing the council has written is held back by one."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from generator.inputs.problems import Problem

MARKER_START = "[[TODO:"
_PLACEHOLDER = re.compile(r"\[\[TODO:\s*(?P<what>[^\]\n]*?)\s*(?:\]\]|$)", re.MULTILINE)
_HINT = "Write the council's own words in its place, and delete the [[TODO: …]] around them."


def placeholder_warnings(text: str, display: str) -> list[Problem]:
    """One warning for each placeholder in a file's text (Markdown or YAML, comments included)."""
    if MARKER_START not in text:  # the usual case: one scan of the text, nothing else
        return []
    problems = []
    for found in _PLACEHOLDER.finditer(text):
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        what = found["what"].rstrip(".") or "something only the council knows"
        message = f"placeholder still to fill in: {what}."
        problems.append(Problem(display, line, col, "", message, _HINT, severity="warning"))
    return problems


def without_placeholders(text: str) -> str:
    """The text with each placeholder blanked out (same length, same lines), for checks of the council's own words:
    a placeholder's own wording is never reported as hard to read or as an unexplained abbreviation."""
    if MARKER_START not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)


def file_placeholders(path: Path, display: str) -> list[Problem]:
    """The placeholders of a file read on its own (the settings, glossary, search words, statement facts)."""
    if not path.is_file():
        return []
    return placeholder_warnings(path.read_text(encoding="utf-8", errors="replace"), display)


def as_errors(problems: list[Problem]) -> list[Problem]:
    """The problems, with every placeholder an error: for the check before publishing (`validate --ready`), so that a
    `[[TODO: …]]` never reaches the public site."""
    return [replace(p, severity="error", hint=_HINT + _NOT_PUBLISHED) if p.hint == _HINT else p for p in problems]


_NOT_PUBLISHED = " The site is not published while one is left."
