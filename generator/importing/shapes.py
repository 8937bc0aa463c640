"""The type of every value the mapping reads, checked before anything is converted: a service from another
directory is JSON (or CSV made into JSON), so any field may hold any type (`"minimum_age": NaN`, a 5,000-digit number,
`"phones": "020…"`, `addresses` as an object). A value of the wrong type is taken out, with a note naming the field
(`not imported: phones: "020 7926 1000" is text, not a list`), never a crash.

SERVICE is the shape of an Open Referral UK 3.0 service as far as generator/importing/mapping.py reads it: TEXT (a
string, or a whole number, which becomes its digits), NUMBER (a finite number of sensible size, or text that is
one: "5", "£5.50"), AMOUNT (a NUMBER, or else kept as text), a list of objects of a shape, or an object of a shape.
Fields not named here are not read, only reported as not imported (`safe_text` makes any of them printable)."""

from __future__ import annotations

import math
import re
from typing import Any

TEXT, NUMBER, AMOUNT = "text", "number", "amount"
Shape = str | dict[str, Any] | list[Any]  # a kind, an object's fields, or [the shape of each item]

_PHONES: Shape = [{"number": TEXT}]
_ADDRESS = {key: TEXT for key in ("address_1", "address_2", "address_3", "address_4", "city", "postal_code")}
_TERM = {key: TEXT for key in ("code", "term", "name", "taxonomy", "term_uri")}
SERVICE: dict[str, Shape] = {
    **{key: TEXT for key in ("name", "description", "url", "email", "status", "alert", "fees", "fees_description")},
    **{key: TEXT for key in ("eligibility_description", "application_process", "attending_access", "x_referral")},
    **{key: TEXT for key in ("assured_date", "last_modified", "x_local_offer_id")},
    "x_keywords": [TEXT],
    "x_works_in": [TEXT],
    "minimum_age": NUMBER,
    "maximum_age": NUMBER,
    "organization": {"name": TEXT, "email": TEXT, "phones": _PHONES},
    "phones": _PHONES,
    "contacts": [{"email": TEXT, "phones": _PHONES, "name": TEXT, "title": TEXT}],
    "service_at_locations": [
        {
            "location": {
                "name": TEXT,
                "location_type": TEXT,
                "addresses": [_ADDRESS],
                "accessibility": [{"description": TEXT, "accessibility": TEXT}],
            }
        }
    ],
    "schedules": [
        {
            key: TEXT
            for key in ("byday", "opens_at", "closes_at", "freq", "description", "notes", "bymonthday", "byweekno")
            + ("byyearday", "valid_from", "valid_to", "until", "count")
        }
    ],
    "languages": [{"name": TEXT, "code": TEXT}],
    "service_areas": [{"name": TEXT, "service_area": TEXT}],
    "cost_options": [{"amount": AMOUNT, "amount_description": TEXT, "option": TEXT}],
    "attributes": [{"taxonomy_term": _TERM}],
}
LARGEST = 10**9  # no age, price or count we read is larger
LARGEST_TEXT = 10**15  # a whole number read as text (an id, a phone number) has at most 15 digits
_MONEY = re.compile(r"^\s*£?\s*(\d{1,9}(?:,\d{3})*(?:\.\d+)?)\s*$")


def safe_text(value: Any) -> str:
    """Any JSON value in words, whatever its size (a 5,000-digit number is not turned into its digits)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= LARGEST:
        return f"a number of {len(str(abs(value))) if abs(value) < 10**4000 else 'thousands of'} digits"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, dict | list):
        return f"{'an object' if isinstance(value, dict) else 'a list'} ({len(value)} item{'s' * (len(value) != 1)})"
    return str(value)


def _what(value: Any) -> str:
    """A value and its type in words: `'020 7926 1000' (text)`, `true (yes/no)`, `a list (2 items)`, `NaN`."""
    if isinstance(value, bool):
        return f"{safe_text(value)} (yes/no)"
    if isinstance(value, str):
        return f"'{value[:60]}' (text)"
    if isinstance(value, int | float) and safe_text(value) == str(value):
        return f"{value} (a number)"
    return safe_text(value)


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        found = _MONEY.match(value)
        if not found:
            return None
        value = float(found[1].replace(",", ""))
    if isinstance(value, int):
        return value if abs(value) < LARGEST else None
    if isinstance(value, float) and math.isfinite(value) and abs(value) < LARGEST:
        return int(value) if value.is_integer() else value
    return None


def _label(path: tuple[str | int, ...]) -> str:
    return " › ".join(f"item {p + 1}" if isinstance(p, int) else p for p in path)


def typed(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """`data` with every value of the wrong type taken out, and (field, what was wrong) for each."""
    dropped: list[tuple[str, str]] = []

    def check(value: Any, shape: Shape, at: tuple[str | int, ...]) -> tuple[bool, Any]:
        if value is None:
            return True, None
        if shape == TEXT:
            if isinstance(value, str):
                return True, value
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) < LARGEST_TEXT:
                return True, str(value)  # a phone number a spreadsheet stored as a number has 10 digits
            dropped.append((_label(at), f"{_what(value)}, not text"))
            return False, None
        if shape in (NUMBER, AMOUNT):
            number = _number(value)
            if number is not None:
                return True, number
            if shape == AMOUNT and isinstance(value, str):
                return True, value  # words ("£5 a session", "varies"): the mapping shows them as they are
            dropped.append((_label(at), f"{_what(value)}, not a number (of at most 9 digits)"))
            return False, None
        if isinstance(shape, list):
            if not isinstance(value, list):
                dropped.append((_label(at), f"{_what(value)}, not a list"))
                return False, None
            kept = []
            for i, item in enumerate(value):
                ok, clean = check(item, shape[0], (*at, i))
                if ok and clean is not None:
                    kept.append(clean)
            return True, kept
        assert isinstance(shape, dict)
        if not isinstance(value, dict):
            dropped.append((_label(at), f"{_what(value)}, not an object (a group of fields)"))
            return False, None
        clean_object = {}
        for key, inner in value.items():
            if key in shape:
                ok, clean = check(inner, shape[key], (*at, key))
                if ok:
                    clean_object[key] = clean
            else:
                clean_object[key] = inner
        return True, clean_object

    _, cleaned = check(data, SERVICE, ())
    return cleaned, dropped
