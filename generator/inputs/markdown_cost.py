"""Markdown that would take Python-Markdown minutes to convert is refused before anyone converts it.

Its inline patterns are quadratic in the number of brackets in one paragraph: 10,000 `[` in a paragraph took 18 s,
20,000 over a minute. Real prose has a handful per paragraph, so a generous cap costs writers nothing."""

from __future__ import annotations

import re

MAX_PARAGRAPH = 10_000
MAX_MARKS = {"[": 60, "<": 60, "`": 200, "*": 400, "_": 400}  # in one paragraph
# in the whole text (raw HTML is parsed across paragraphs)
MAX_PAGE_MARKS = {"[": 1_000, "<": 200, "*": 2_000, "_": 2_000, "`": 2_000}
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def costly_paragraph(text: str) -> tuple[int, str] | None:
    """(line within `text`, what is wrong) for the first paragraph too long or too full of marks, or None."""
    for mark, most in MAX_PAGE_MARKS.items():
        count = text.count(mark)
        if count > most:
            return 1, f"has {count:,} '{mark}' (at most {most:,} in one text)"
    start = 0
    for match in [*_BLANK_LINES.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[start:end]
        line = text.count("\n", 0, start) + 1
        if len(block) > MAX_PARAGRAPH:
            return line, f"has a paragraph of {len(block):,} characters (at most {MAX_PARAGRAPH:,})"
        for mark, most in MAX_MARKS.items():
            count = block.count(mark)
            if count > most:
                return line, f"has {count:,} '{mark}' in one paragraph (at most {most})"
        start = match.end() if match else end
    return None
