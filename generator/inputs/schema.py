"""The JSON Schemas, compiled once, with the two formats they use beyond the standard ones."""

from __future__ import annotations

import os
import re
import unicodedata
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
_DASHES = "\\-\u2010-\u2015\u2212\u00b7\u2022\u30fb"
_PERSONAL = [
    # name@example.com, and its spellings that dodge a filter: name at example dot com, name[at]example.org
    ("an email address", re.compile(rf"(?<![\w.+-])[\w.+-]++{_AT}[\w-]++(?:{_DOT}[\w-]++)++", re.IGNORECASE)),
    # 0 or +44 (with an optional (0)), then 9 to 11 more digits, grouped by spaces, hyphens, dots or brackets
    # (any dash, slash or dot between the digits: a hyphen, an en dash, a non-breaking hyphen, a middle dot...)
    ("a phone number", re.compile(rf"(?<![\d+])(?:\+\s?44|\(?0)(?:[\s()./{_DASHES}]{{0,3}}\d){{9,11}}+(?!\d)")),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s{0,3}\d[A-Z]{2}\b", re.IGNORECASE)),
]


# "my son Tom", "my daughter, Amy": a capitalised word straight after a word for one's child is taken for a name
_RELATIVE = (
    r"(?i:\b(?:my|our)\s++(?:(?:step|foster\s++|grand)?(?:son|daughter|child|kid)|boy|girl|twins?|brother|sister"
    r"|nephew|niece|husband|wife|partner|name))"
)
_NOT_A_NAME = {"And", "But", "Or", "So", "The", "When", "Who", "Is", "Was", "Has", "Had", "In", "At", "On", "With"} | {
    "Year", "Reception", "Nursery", "School", "College", "Has", "Needs", "Goes", "Went", "Started", "Now", "Then"
}
_NAMED = re.compile(rf"{_RELATIVE}[\s,(]{{1,3}}+(?:(?i:is|was|called|named)\s++)?([A-Z][a-z]++)\b")


def plain_digits(text: str) -> str:
    """`text` with every digit of every script written 0-9 (full-width ０, Arabic-Indic ٠, Devanagari ०...) and
    full-width letters as plain ones, one character for one, so a pattern's span is the span in `text` too."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        digit = unicodedata.digit(ch, None)
        if digit is not None:
            out.append(str(digit))
            continue
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def personal_detail(value: str) -> str | None:
    """What in `value` could identify someone (an email address, a phone number, a postcode, a child's name), said
    for a message, or None. Digits of every script count as digits."""
    plain = plain_digits(value)
    for what, pattern in _PERSONAL:
        found = pattern.search(plain)
        if found:
            return f"{what} ('{value[found.start() : found.end()].strip()}')"
    for found in _NAMED.finditer(plain):
        if found.group(1) not in _NOT_A_NAME:
            return f"a name ('{value[found.start() : found.end()].strip()}')"
    return None


@format_checker.checks("anonymous-markdown", raises=ValueError)
def check_anonymous_markdown(value: object) -> bool:
    """Safe Markdown that names no one: no email addresses, phone numbers, postcodes or children's names (regulation
    56)."""
    check_safe_markdown(value)
    return check_anonymous_text(value)


@format_checker.checks("anonymous-text", raises=ValueError)
def check_anonymous_text(value: object) -> bool:
    """Any text of a 'you said, we did' item (its source, its link): nothing that could identify someone."""
    if isinstance(value, str):
        found = personal_detail(value)
        if found:
            raise ValueError(f"contains {found}, which could identify someone")
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


