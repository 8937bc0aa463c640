"""Characters no record needs and an attacker might use: invisible controls that make text read differently from
how it looks (bidirectional overrides), that terminals and spreadsheets act on, or that XML cannot hold.

Refused in every string (and key) of every record and of the council settings: C0 controls other than tab, line
feed and carriage return, DEL and the C1 controls, the noncharacters U+FFFE and U+FFFF, lone surrogates, and the
bidirectional marks, embeddings, overrides and isolates. Messages name the character, never print it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from generator.inputs.load import Loaded, PathParts
from generator.inputs.problems import Problem, field_label

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
# What messages never print as it is: the refused characters and every other control (newlines, tabs included).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMELESS = {"Cc": "CONTROL CHARACTER", "Cs": "LONE SURROGATE", "Cn": "NONCHARACTER"}


def character_name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`; controls, which Unicode gives no name, by their kind."""
    name = unicodedata.name(char, "") or _NAMELESS.get(unicodedata.category(char), "CHARACTER")
    return f"U+{ord(char):04X} {name}"


def visible(text: str) -> str:
    """The text with every control or invisible formatting character written as a \\uXXXX escape."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _strings(data: Any, path: PathParts) -> Iterator[tuple[PathParts, str, bool]]:
    """Every string in the data: (path, text, is it a key)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*path, key), key, True
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _strings(item, (*path, i))
    elif isinstance(data, str):
        yield path, data, False


def character_problems(loaded: Loaded) -> list[Problem]:
    """One problem for each value (or field name) holding a refused character, placed on that value."""
    found = []
    for path, text, is_key in _strings(loaded.data, ()):
        first = FORBIDDEN.search(text)
        if first is None:
            continue
        more = len(FORBIDDEN.findall(text)) - 1
        what = "field name" if is_key else "value"
        message = f"contains the invisible character {character_name(first.group(0))} at column {first.start() + 1}"
        message += f" of the {what}" + (f" (and {more} more)." if more else ".")
        hint = (
            "Delete the invisible character (it can make the text read differently from how it looks, or act on"
            " the reader's screen); if unsure, retype the text around it."
        )
        line, col = loaded.key_where(path) if is_key else loaded.where(path)
        found.append(Problem(loaded.file, line, col, field_label(path), message, hint))
    return found
