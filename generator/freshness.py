"""Keeping information "up to date and accurate": review warnings, a hard limit, and the review-due list."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from .config import Council
from .model import Service
from .problems import Problem


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


def is_stale(s: Service, council: Council, today: date) -> bool:
    return months_since(s.last_reviewed, today) >= council.review_warning_months


def freshness_problem(s: Service, council: Council, today: date, line: int, col: int) -> Problem | None:
    """A warning after the review period, an error (no build) after the hard limit; closed records are exempt."""
    if s.status == "closed":
        return None
    months = months_since(s.last_reviewed, today)
    hint = "Check the details with the service, then change last_reviewed to the date you checked."
    if months >= council.review_limit_months:
        message = (
            f"was last reviewed {months} months ago ({s.last_reviewed.isoformat()}); records older than "
            f"{council.review_limit_months} months are not published."
        )
        return Problem(s.source, line, col, "last_reviewed", message, hint)
    if months >= council.review_warning_months:
        message = f"was last reviewed {months} months ago ({s.last_reviewed.isoformat()}); it is due for review."
        return Problem(s.source, line, col, "last_reviewed", message, hint, severity="warning")
    return None


@dataclass(frozen=True)
class ReviewDue:
    service: Service
    due: date
    days_overdue: int


def review_due(services: list[Service], council: Council, today: date) -> list[ReviewDue]:
    rows = []
    for s in services:
        if s.status == "closed":
            continue
        due = add_months(s.last_reviewed, council.review_warning_months)
        if due <= today:
            rows.append(ReviewDue(s, due, (today - due).days))
    return sorted(rows, key=lambda r: (-r.days_overdue, r.service.sort_key))


COLUMNS = ("id", "name", "organisation", "email", "last_reviewed", "days_overdue")


def _values(row: ReviewDue) -> tuple[str, ...]:
    s = row.service
    return (s.id, s.name, s.organisation, s.contact.email or "", s.last_reviewed.isoformat(), str(row.days_overdue))


def as_csv(rows: list[ReviewDue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_values(r) for r in rows)
    return out.getvalue()


def as_table(rows: list[ReviewDue]) -> str:
    if not rows:
        return "No records are due for review."
    table = [COLUMNS, *(_values(r) for r in rows)]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n{len(rows)} records due for review."
