"""`report`: records due for review, as a table or a CSV to send to providers; and the records hardest to read."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

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


MARKDOWN_NONE = "No records are due for review."
MARKER = "<!-- local-offer: records due for review -->"  # how the weekly workflow finds its own issue again


def _cell(text: str) -> str:
    """A value as text in one cell of a GitHub Markdown table: no Markdown, HTML, line break or @mention in it."""
    text = " ".join(text.split())
    text = re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("@", "&#64;")  # a provider's email address must not ping a GitHub user of that name


def as_markdown(rows: list[ReviewDue], council: Council, today: date) -> str:
    """The body of the weekly issue: who to email about which record, the most overdue first. With nothing due, its
    first line is MARKDOWN_NONE (the workflow then closes the issue)."""
    if not rows:
        return f"{MARKDOWN_NONE}\n\n{MARKER}\n"
    withheld = sum(r.withheld for r in rows)
    lines = [
        f"{len(rows)} records are due for review on {today.isoformat()} "
        f"(reviewed more than {council.review_warning_months} months ago).",
        "",
        f"Records not reviewed for {council.review_limit_months} months are **not published** until someone reviews "
        f"them: {withheld} now."
        if withheld
        else f"None is past the {council.review_limit_months}-month limit yet.",
        "",
        "Email the provider, check every fact with them, correct the record and set `last_reviewed` to the day they "
        "confirmed it. This list is remade every week.",
        "",
        "| Record | Organisation | Email | Last reviewed | Days overdue | Published |",
        "| --- | --- | --- | --- | ---: | --- |",
    ]
    for row in rows:
        s = row.service
        name = _cell(s.name)
        record = f"[{name}]({council.edit_url}{quote(s.file)})" if council.edit_url else f"{name} ({_cell(s.file)})"
        email = s.contact.email or ""
        mail = f"[{_cell(email)}](mailto:{quote(email, safe='@.+')})" if email else "no email in the record"
        lines.append(
            f"| {record} | {_cell(s.organisation or '')} | {mail} | {s.last_reviewed.isoformat()} | "
            f"{row.days_overdue} | {'**no: withheld**' if row.withheld else 'yes'} |"
        )
    return "\n".join([*lines, "", MARKER]) + "\n"


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
