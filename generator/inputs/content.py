"""Hand-written pages from content/, checked for the same unsafe things as records."""

from __future__ import annotations

import re
from pathlib import Path

from generator.inputs.problems import Problem

DATA_SUFFIXES = {".yaml", ".yml"}
_UNSAFE = [
    (
        re.compile(r"<\s*(script|iframe|object|embed|form|style)\b", re.IGNORECASE),
        "contains a <{0}> tag, which is not allowed.",
        "Remove it; pages may not run scripts or embed other sites.",
    ),
    (
        re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.IGNORECASE),
        "contains an event handler attribute ('{0}').",
        "Remove it; pages may not run scripts.",
    ),
    (
        re.compile(r"(?:\]\(\s*<?|\]:\s*|href\s*=\s*[\"']?\s*)((?:javascript|vbscript|data)\s*:)", re.IGNORECASE),
        "contains a '{0}' link, which is not allowed.",
        "Use links that start with https://, mailto: or tel:.",
    ),
    (
        re.compile(r"\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE),
        "loads or links something from another site in HTML ('{0}').",
        "Use a Markdown link [text](https://...) instead; the site must not load files from other sites.",
    ),
]


def collect_content(content_dir: Path, root: Path) -> tuple[dict[str, bytes], list[Problem]]:
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return files, problems
    for path in sorted(content_dir.rglob("*")):
        if not path.is_file() or path.suffix in DATA_SUFFIXES or path.name.startswith("."):
            continue
        data = path.read_bytes()
        files[path.relative_to(content_dir).as_posix()] = data
        if path.suffix == ".md":
            problems += unsafe_markup(data.decode("utf-8", errors="replace"), path.relative_to(root).as_posix())
    return files, problems


def unsafe_markup(text: str, display: str) -> list[Problem]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, message, hint in _UNSAFE:
            match = pattern.search(line)
            if match:
                shown = match.group(1) if match.groups() else match.group(0)
                found.append(Problem(display, number, match.start() + 1, "", message.format(shown.strip()), hint))
    return found
