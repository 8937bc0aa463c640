"""Load one YAML file safely, keeping the line and column of every value.

Refuses what a record never needs and an attacker might use: anchors and aliases (alias bombs),
explicit tags, several documents in one file, duplicate keys, and files over a size cap.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.inputs.problems import PathPart, Problem, field_label

MAX_FILE_BYTES = 256 * 1024
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathParts = tuple[PathPart, ...]


@dataclass
class Loaded:
    """A parsed file: its data (None if it could not be read) and where each value sits."""

    file: str
    data: Any = None
    positions: dict[PathParts, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathParts, tuple[int, int]] = field(default_factory=dict)
    unquoted: dict[PathParts, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""  # the file as read, for placing a problem inside a long value

    def where(self, path: PathParts) -> tuple[int, int]:
        """Line and column (1-based) of the value at path, or of its nearest parent."""
        for i in range(len(path), -1, -1):
            pos = self.positions.get(tuple(path[:i]))
            if pos:
                return pos
        return (1, 1)

    def key_where(self, path: PathParts) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.where(path)


def load_file(path: Path, display: str, *, trusted_tags: bool = False) -> Loaded:
    result = Loaded(display)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        result.problems.append(Problem(display, 1, 1, "", f"cannot be read ({exc.strerror}).", ""))
        return result
    if len(raw) > MAX_FILE_BYTES:
        result.problems.append(
            Problem(
                display,
                1,
                1,
                "",
                f"is {len(raw) // 1024} KB; a record may be at most {MAX_FILE_BYTES // 1024} KB.",
                "Shorten the descriptions or split the service in two.",
            )
        )
        return result
    text, problem = decode_utf8(raw, display)
    if problem:
        result.problems.append(problem)
        return result
    return load_text(text, display, trusted_tags=trusted_tags)


def position(text: str | bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based) of an offset into a file's text or bytes."""
    newline = "\n" if isinstance(text, str) else b"\n"
    return text.count(newline, 0, offset) + 1, offset - (text.rfind(newline, 0, offset) + 1) + 1  # type: ignore[arg-type]


def decode_utf8(raw: bytes, display: str) -> tuple[str, Problem | None]:
    """The text of a file, or a problem on the line and column of the first byte that is not UTF-8 (or a NUL)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position(raw, exc.start)
        message = f"is not UTF-8 text: byte 0x{raw[exc.start]:02X} cannot be read."
        hint = "Save the file as UTF-8 in your editor (often 'Save with encoding: UTF-8'), then check this character."
        return "", Problem(display, line, col, "", message, hint)
    nul = text.find("\0")
    if nul >= 0:
        line, col = position(text, nul)
        hint = "Delete it; it is invisible in most editors."
        return "", Problem(display, line, col, "", "contains a NUL character.", hint)
    return text, None


# Anchors (&a), aliases (*a), tags (!x) and extra documents (---) all show up as one of these; only files that
# might hold one pay for the event-by-event scan that says exactly where.
_MIGHT_NEED_SCAN = re.compile(r"(?:^|[\s\[{,:-])[&*!][^\s*]|^(?:---|\.\.\.)\s*$", re.MULTILINE)


def load_text(text: str, display: str, *, trusted_tags: bool = False) -> Loaded:
    """Parse one YAML document. `trusted_tags` is only for mkdocs.yml, whose tags (!ENV) MkDocs itself reads:
    then the positions are all that is wanted and tags, anchors and aliases are let through."""
    result = Loaded(display, text=text)
    try:
        if not trusted_tags and _MIGHT_NEED_SCAN.search(text):
            _check_events(text, result)
        if result.problems:
            return result
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        result.problems.append(_syntax_problem(text, display, line, col, exc.problem or "is not valid YAML"))
        return result
    except yaml.reader.ReaderError as exc:  # a character YAML refuses: place it (its position may count bytes)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        line, col = position(text, max(text.find(chr(code)), 0))
        message = f"contains the control character U+{code:04X}, which YAML cannot read."
        result.problems.append(Problem(display, line, col, "", message, "Delete it; it is invisible in most editors."))
        return result
    except yaml.YAMLError as exc:
        result.problems.append(Problem(display, 1, 1, "", f"YAML error: {' '.join(str(exc).split())}.", ""))
        return result
    except RecursionError:
        result.problems.append(Problem(display, 1, 1, "", "is nested too deeply to read.", _FLAT_HINT))
        return result
    if node is None:
        result.problems.append(Problem(display, 1, 1, "", "is empty.", "Copy an existing record as a start."))
        return result
    try:
        result.data = _build(node, (), result)
    except RecursionError:
        result.data = None
        result.problems.append(Problem(display, 1, 1, "", "is nested too deeply to read.", _FLAT_HINT))
    return result


_FLAT_HINT = "Records are at most a few levels deep: check for stray brackets [ ] or { }."


def _syntax_problem(text: str, display: str, line: int, col: int, what: str) -> Problem:
    """A YAML syntax error in plain words; a tab used for indentation is named as such."""
    lines = text.splitlines()
    tabbed = next((n for n, row in enumerate(lines, start=1) if row[: len(row) - len(row.lstrip())].count("\t")), 0)
    if tabbed:
        return Problem(display, tabbed, 1, "", "uses a tab to indent this line.", "Indent with spaces, never tabs.")
    hint = "Check the indentation and that text containing ': ' or '#' is in quotes."
    return Problem(display, line, col, "", f"YAML syntax error: {what}.", hint)


def _event_problem(event: yaml.Event) -> tuple[str, str] | None:
    """(message, hint) if this parser event is something a record must not use."""
    if isinstance(event, yaml.AliasEvent):
        return (
            f"uses the YAML alias '*{event.anchor}'.",
            "Write the value out in full; anchors and aliases are not allowed.",
        )
    if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
        return f"uses the YAML anchor '&{event.anchor}'.", "Remove the '&' anchor; anchors and aliases are not allowed."
    if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and (tag := _explicit_tag(event)) is not None:
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"uses the YAML tag '{tag}'.", "Remove the tag (the word starting with '!'); put text in quotes."
    return None


def _check_events(text: str, result: Loaded) -> None:
    """Refuse several documents, anchors, aliases and tags, at the first place they appear."""
    documents = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
        found = _event_problem(event)
        if documents > 1:
            found = "holds more than one YAML document (a second '---').", "Keep one record per file."
        if found:
            mark = event.start_mark  # the parser always sets it; the stubs allow None
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            result.problems.append(Problem(result.file, line, col, "", *found))
            return


def _explicit_tag(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> str | None:
    """The tag the file wrote out on this value (`!x`, `!!str`), or None if it has none."""
    implicit = event.implicit
    if isinstance(implicit, tuple):
        implicit = implicit[0] or implicit[1]
    return event.tag if event.tag is not None and event.tag != "!" and not implicit else None


def _build(node: Node, path: PathParts, result: Loaded) -> Any:
    result.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key, str):
                result.problems.append(
                    Problem(
                        result.file,
                        line,
                        col,
                        field_label(path),
                        "has a key that is not a plain word.",
                        "Field names are words such as name or phone.",
                    )
                )
                continue
            child = (*path, key)
            if key in out:
                first = result.key_positions[child][0]
                result.problems.append(
                    Problem(
                        result.file,
                        line,
                        col,
                        field_label(child),
                        f"appears twice (first on line {first}).",
                        "Delete one of them; YAML would silently keep only the last.",
                    )
                )
                continue
            result.key_positions[child] = (line, col)
            out[key] = _build(value_node, child, result)
        return out
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), result) for i, item in enumerate(node.value)]
    assert isinstance(node, ScalarNode)  # compose() makes only mapping, sequence and scalar nodes
    return _scalar(node, path, result)


_TYPED = {f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float")}
_CONSTRUCTOR = SafeConstructor()
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?(?:0|[1-9][0-9]*)\.?")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_QUOTES_HINT = 'If it is text rather than a number, put it in quotes: "{raw}".'


def _scalar(node: ScalarNode, path: PathParts, result: Loaded) -> Any:
    """Numbers, true/false and empty values as YAML reads them; everything else (dates, '=', '<<') as text.

    A number written so that YAML would quietly read it as another (010 is octal 8, 0x10 is 16, 1:30 is 90, 1_000
    is 1000, .inf) is refused, and so is one too long to read: a problem on its line, never a traceback."""
    raw = node.value
    if not node.style and _LEADING_ZERO.fullmatch(raw):  # 010 is octal 8 to YAML 1.1, and 09 is text
        digits = raw.replace("_", "")
        meant = int(digits) if len(digits) < 4000 else 0
        _number_problem(node, path, result, f"'{raw}' starts with a zero: write {meant}, without the leading zero.")
        return meant
    if node.tag not in _TYPED:
        return raw
    try:
        value = SafeConstructor.yaml_constructors[node.tag](_CONSTRUCTOR, node)  # no per-node cache kept
    except ValueError:  # int() refuses more than 4,300 digits
        message = f"is a number {len(raw)} characters long, too long to read: write a smaller number."
        _number_problem(node, path, result, message)
        return None
    if not node.style:
        result.unquoted[path] = raw
    number = isinstance(value, int | float) and not isinstance(value, bool)
    plain = _PLAIN_INT if isinstance(value, int) else _PLAIN_FLOAT
    if number and not plain.fullmatch(raw):
        if isinstance(value, float) and not math.isfinite(value):
            _number_problem(node, path, result, f"'{raw[:40]}' is not a number a record can use: write it in digits.")
        else:
            _number_problem(
                node, path, result, f"'{raw[:40]}' is read by YAML as {value}: write {value} in plain digits."
            )
    return value


def _number_problem(node: ScalarNode, path: PathParts, result: Loaded, message: str) -> None:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    hint = _QUOTES_HINT.format(raw=node.value[:40])
    result.problems.append(Problem(result.file, line, col, field_label(path), message, hint))
