"""`report`: records due for review, as a table or a CSV to send to providers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.inputs.freshness import add_months, months_since
from generator.inputs.settings import Council
from generator.pages.model import Service, Setting
from generator.publish.spreadsheet import csv_text


@dataclass(frozen=True)
class ReviewDue:
    service: Service | Setting  # a service, or a school or other setting
    due: date
    days_overdue: int
    withheld: bool = False  # past the hard limit: not published until it is reviewed


def review_due(records: list[Service | Setting], council: Council, today: date) -> list[ReviewDue]:
    rows = []
    for s in records:
        if isinstance(s, Service) and s.status == "closed":
            continue
        due = add_months(s.last_reviewed, council.review_warning_months)
        if due <= today:
            withheld = months_since(s.last_reviewed, today) >= council.review_limit_months
            rows.append(ReviewDue(s, due, (today - due).days, withheld))
    return sorted(rows, key=lambda r: (-r.days_overdue, r.service.sort_key))


COLUMNS = ("id", "name", "organisation", "email", "last_reviewed", "days_overdue")


def _values(row: ReviewDue) -> tuple[str, ...]:
    s = row.service
    organisation = s.organisation or ""
    return (s.id, s.name, organisation, s.contact.email or "", s.last_reviewed.isoformat(), str(row.days_overdue))


def as_csv(rows: list[ReviewDue]) -> str:
    return csv_text(COLUMNS, (_values(r) for r in rows))


def as_table(rows: list[ReviewDue]) -> str:
    if not rows:
        return "No records are due for review."
    table = [COLUMNS, *(_values(r) for r in rows)]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    withheld = [r.service.id for r in rows if r.withheld]
    note = f"\nNot published until reviewed (past the hard limit): {', '.join(withheld)}." if withheld else ""
    return "\n".join(lines) + f"\n{len(rows)} records due for review." + note
