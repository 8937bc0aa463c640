"""Smaller pages: the theme indents its HTML deeply (a fifth of a service page was indentation). Every run of
whitespace that holds a line break becomes one line break, which a browser shows exactly as it showed the run;
the contents of pre, textarea, script and style, where whitespace can matter, are left exactly as written."""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_BREAK_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact_html(html: str) -> str:
    pieces: list[str] = []
    pos = 0
    for kept in _KEPT.finditer(html):
        pieces += [_BREAK_RUN.sub("\n", html[pos : kept.start()]), kept.group(0)]
        pos = kept.end()
    pieces.append(_BREAK_RUN.sub("\n", html[pos:]))
    return "".join(pieces)
