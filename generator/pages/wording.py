"""Record values in the words pages and open data show: dates as people write them, languages each named once."""

from __future__ import annotations

from datetime import date
from typing import Any


def long_date(day: date) -> str:
    """15 January 2027."""
    return f"{day.day} {day:%B %Y}"


def spoken_languages(s: Any) -> list[str]:
    """A service's languages, each once (English only when the record names it)."""
    seen: dict[str, str] = {}
    for name in s.languages:
        seen.setdefault(name.strip().casefold(), name.strip())
    return list(seen.values())
