"""Record values in the words pages and open data show: dates as people write them, languages each named once."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date


def long_date(day: date) -> str:
    """15 January 2027."""
    return f"{day.day} {day:%B %Y}"


def long_date_in(day: date, lang: str) -> str:
    """The date as the language writes it (CLDR through Babel); the ISO date where Babel has no such language."""
    try:
        return format_date(day, format="long", locale=Locale.parse(lang))
    except (UnknownLocaleError, ValueError):
        return day.isoformat()


def spoken_languages(s: Any) -> list[str]:
    """A service's languages, each once (English only when the record names it)."""
    seen: dict[str, str] = {}
    for name in s.languages:
        seen.setdefault(name.strip().casefold(), name.strip())
    return list(seen.values())
