"""The JSON Schemas, compiled once, with the two formats they use beyond the standard ones."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, TypeChecker, validators

from generator.inputs.links import link_problem, markdown_links, web_address_problem
from generator.inputs.markdown_cost import costly_paragraph
from generator.inputs.settings import today
from generator.records.schemas import inlined_schema


def schema_header(schema_file: str, record_dir: Path, root: Path) -> str:
    """The first line of a record the generator writes (`new`, `import`): editors that read it offer the schema's help
    while the record is edited. It points at the project's schema/ folder (a checkout's own, or the copy `init` writes
    into a council's folder) relative to the record's folder, so it resolves wherever the records are kept."""
    target = root.resolve() / "schema" / schema_file
    try:
        shown = Path(os.path.relpath(target, record_dir.resolve())).as_posix()
    except ValueError:  # another drive (Windows): no relative path
        shown = target.as_posix()
    return f"# yaml-language-server: $schema={shown}\n"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Every pattern checked against record text runs in linear time on any input: a match may start only where no
# earlier start could already have covered the same text (an image scan stops at the next '![', a reference label
# at the next '['), and possessive quantifiers (*+, ++) never give back what they took.
_HTML = re.compile(r"<\s*+(?:/\s*+)?[A-Za-z!?]")
_IMAGE = re.compile(r"!\[(?:[^\]!]|!(?!\[))*+\]\s*+[(\[]")
_INLINE_LINK = re.compile(r"\]\(\s*+<?([^)\s>]*+)")
_REFERENCE_LINK = re.compile(r"^[ ]{0,3}\[[^\[\]]++\]:\s*+<?(\S*?)>?(?:\s|$)", re.MULTILINE)
SAFE_SCHEMES = ("https://", "mailto:", "tel:")
# One plain address: nothing a mailto: link could read as a second recipient, header or fragment (?, &, %, #, a
# second @, spaces, quotes, < >). The schemas' email patterns are this same text (a test checks).
PLAIN_EMAIL = re.compile(
    r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)

format_checker = FormatChecker()


@format_checker.checks("past-date", raises=ValueError)
def check_past_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _ISO_DATE.match(value):
        raise ValueError(f"'{value}' is not a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"'{value}' is not a real date ({exc})") from None
    if day > today():
        raise ValueError(f"{value} is in the future; it must be the date the information was last checked")
    return True


@format_checker.checks("web-address", raises=ValueError)
def check_web_address(value: object) -> bool:
    """A web address a family is sent to: the one link policy's rule (inputs/links.py), beside the field's pattern."""
    if isinstance(value, str) and value.lower().startswith("https://"):
        problem = web_address_problem(value)
        if problem:
            raise ValueError(problem)
    return True


@format_checker.checks("safe-markdown", raises=ValueError)
def check_safe_markdown(value: object) -> bool:
    """Markdown we can publish: no HTML, no images (they load from other sites), only safe link kinds."""
    if not isinstance(value, str):
        return True
    costly = costly_paragraph(value)
    if costly:
        raise ValueError(f"{costly[1]} on its line {costly[0]}; split it into shorter paragraphs")
    html = _HTML.search(value)
    if html:
        raise ValueError(f"contains HTML ('{_snippet(value, html.start())}'); HTML is not allowed")
    if _IMAGE.search(value):
        raise ValueError("contains an image (![...](...)); images are not allowed, link to the page instead")
    for match in [*_INLINE_LINK.finditer(value), *_REFERENCE_LINK.finditer(value)]:
        target = match.group(1)
        if not target.lower().startswith(SAFE_SCHEMES):
            raise ValueError(f"has a link to '{target[:60]}', which is not allowed")
        if target.lower().startswith("mailto:") and not PLAIN_EMAIL.match(target[len("mailto:") :]):
            raise ValueError(
                f"has a link to '{target[:60]}'; a mailto: link must be one plain email address"
                " (no ?, &, #, %, spaces or second @)"
            )
    for link in markdown_links(value):  # the one link policy (inputs/links.py), on the links as the site reads them
        problem = link_problem(link)
        if problem:
            raise ValueError(problem)
    return True


# Written for linear time: each run of word characters is tried once (the look-behind), and nothing is given back
# (possessive quantifiers), so a long adversarial text costs no more than a long ordinary one.
_AT = r"(?:\s*+@\s*+|\s*+[\[({]\s*+at\s*+[\])}]\s*+|\s++at\s++)"
_DOT = r"(?:\.|\s*+[\[({]\s*+dot\s*+[\])}]\s*+|\s++dot\s++)"
_PERSONAL = [
    # name@example.com, and its spellings that dodge a filter: name at example dot com, name[at]example.org
    ("an email address", re.compile(rf"(?<![\w.+-])[\w.+-]++{_AT}[\w-]++(?:{_DOT}[\w-]++)++", re.IGNORECASE)),
    # 0 or +44 (with an optional (0)), then 9 to 11 more digits, grouped by spaces, hyphens, dots or brackets
    ("a phone number", re.compile(r"(?<![\d+])(?:\+\s?44|\(?0)(?:[\s().-]{0,3}\d){9,11}+(?!\d)")),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s{0,3}\d[A-Z]{2}\b", re.IGNORECASE)),
]


@format_checker.checks("anonymous-markdown", raises=ValueError)
def check_anonymous_markdown(value: object) -> bool:
    """Safe Markdown that names no one: no email addresses, phone numbers or postcodes (regulation 56)."""
    check_safe_markdown(value)
    if isinstance(value, str):
        for what, pattern in _PERSONAL:
            found = pattern.search(value)
            if found:
                raise ValueError(f"contains {what} ('{found.group(0).strip()}'), which could identify someone")
    return True


def _snippet(text: str, start: int) -> str:
    return text[start : start + 20].split("\n")[0]


def _whole_number(_: TypeChecker, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


# JSON Schema counts 5.0 as an integer; a record that writes 5.0 for an age has not written a whole number.
_extend: Callable[..., type[Draft202012Validator]] = validators.extend  # untyped in jsonschema's stubs
_Validator = _extend(
    Draft202012Validator, type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _whole_number)
)


@cache
def validator(name: str) -> Draft202012Validator:
    """One compiled validator per schema, reused for every record."""
    return _Validator(inlined_schema(name), format_checker=format_checker)


