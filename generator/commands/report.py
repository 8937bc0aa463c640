"""`report`: records due for review, as a table or a CSV to send to providers; and the records hardest to read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.inputs.freshness import add_months, months_since
from generator.inputs.readability import prose, reading_ease, sentences, words
from generator.inputs.settings import Council
from generator.opendata.spreadsheet import csv_text
from generator.records.model import Record, Service, Setting


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


@dataclass(frozen=True)
class HardToRead:
    file: str
    name: str
    ease: float
    longest_sentence: int


def hardest_to_read(records: Iterable[Record], limit: int = 20) -> list[HardToRead]:
    """The records whose text is hardest to read (lowest Flesch reading ease of their prose), hardest first."""
    rows = []
    for record in records:
        text = "\n\n".join(value for _, value in prose(record.as_dict()))
        longest = max((len(words(s)) for s in sentences(text)), default=0)
        name = getattr(record, "name", None) or getattr(record, "title", None) or record.id
        rows.append(HardToRead(record.file, str(name), reading_ease(text), longest))
    return sorted(rows, key=lambda r: (r.ease, r.file))[:limit]


def hard_table(rows: list[HardToRead]) -> str:
    lines = [f"{'reading ease':>12}  {'longest sentence':>16}  file"]
    lines += [f"{r.ease:>12.0f}  {r.longest_sentence:>10} words  {r.file}" for r in rows]
    note = "Hardest to read first (Flesch reading ease of all the record's text: 60 or more is plain English)."
    return f"\n{len(rows)} hardest-to-read records. {note}\n" + "\n".join(lines)
