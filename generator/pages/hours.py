"""Opening hours in the words families read ("Monday to Friday, 9am to 5:30pm"), the days a service is open (for
the search filter), and the same hours as Open Referral schedules read them (RFC 5545 day codes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.records.taxonomy import DAYS

WEEK = tuple(DAYS)  # monday … sunday, in the schema's order
DAY_CODES = dict(zip(WEEK, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"), strict=True))


def clock(time: str) -> str:
    """ "09:00" → 9am, "17:30" → 5:30pm, "12:00" → midday, "00:00" → midnight (GOV.UK style)."""
    hour, minute = (int(part) for part in time.split(":"))
    if (hour, minute) == (12, 0):
        return "midday"
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


def day_words(days: Iterable[str]) -> str:
    """Days in week order, runs of three or more as a range: "Monday to Wednesday and Friday"."""
    chosen = [day in set(days) for day in WEEK]
    runs: list[list[str]] = []
    for day, wanted in zip(WEEK, chosen, strict=True):
        if not wanted:
            continue
        if runs and WEEK.index(runs[-1][-1]) == WEEK.index(day) - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]} to {DAYS[run[-1]]}")
        else:
            parts += [DAYS[day] for day in run]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def hours_line(hours: Any) -> str:
    """One set of opening hours: "Monday to Friday, 9am to 5pm, term time only"."""
    line = f"{day_words(hours.days)}, {clock(hours.opens)} to {clock(hours.closes)}"
    return f"{line}, {hours.note}" if hours.note else line


def opening_lines(service: Any) -> list[str]:
    """Every line about when the service is open: its weekly hours, then its opening times in words."""
    lines = [hours_line(hours) for hours in service.opening_hours]
    return [*lines, service.opening_times] if service.opening_times else lines


def open_days(service: Any) -> list[str]:
    """The days the service's weekly hours name, in week order."""
    named = {day for hours in service.opening_hours for day in hours.days}
    return [day for day in WEEK if day in named]
