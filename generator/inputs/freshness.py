"""Keeping information "up to date and accurate": a review warning, then a hard limit."""

from __future__ import annotations

from datetime import date

from generator.inputs.load import Loaded
from generator.inputs.problems import Problem
from generator.inputs.settings import Council


def months_since(day: date, today: date) -> int:
    months = (today.year - day.year) * 12 + today.month - day.month
    return months - 1 if today.day < day.day else months


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def is_stale(last_reviewed: date, council: Council, today: date) -> bool:
    return months_since(last_reviewed, today) >= council.review_warning_months


def freshness_problem(loaded: Loaded, council: Council, today: date) -> Problem | None:
    """A warning after the review period; after the hard limit a warning that withholds the record (every other
    record still publishes). Closed records are exempt."""
    if loaded.data.get("status") == "closed":
        return None
    reviewed = date.fromisoformat(loaded.data["last_reviewed"])
    line, col = loaded.where(("last_reviewed",))
    months = months_since(reviewed, today)
    hint = "Check the details with the service, then change last_reviewed to the date you checked."
    if months >= council.review_limit_months:
        message = (
            f"was last reviewed {months} months ago ({reviewed.isoformat()}); records older than "
            f"{council.review_limit_months} months are not published, so this one is left out of the site."
        )
        return Problem(loaded.file, line, col, "last_reviewed", message, hint, severity="warning", withholds=True)
    if loaded.data.get("not_yet_reviewed") is True:
        line, col = loaded.where(("not_yet_reviewed",))
        message = (
            f"nobody has checked this record with the service yet: it was imported on {loaded.data['last_reviewed']}"
            " from a directory that gave no review date."
        )
        hint = "Check every detail with the service, set last_reviewed to the day you did, then delete this line."
        return Problem(loaded.file, line, col, "not_yet_reviewed", message, hint, severity="warning")
    if months >= council.review_warning_months:
        message = f"was last reviewed {months} months ago ({reviewed.isoformat()}); it is due for review."
        return Problem(loaded.file, line, col, "last_reviewed", message, hint, severity="warning")
    return None
