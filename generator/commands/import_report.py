"""The import's report for the coordinator: per field, how many records kept the source's value as it was, had it
changed or filled in, and how many source values were not imported; then every record's notes and every problem.
Written with `import --report FILE` as plain text that opens in Notepad."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from generator.importing.write import Planned
from generator.inputs.problems import Problem, errors, summary

KINDS = ("kept", "changed", "filled in", "not imported")


def _head(field: str) -> str:
    return field.split(" › ", 1)[0].strip()


def field_counts(items: Sequence[Planned]) -> dict[str, Counter[str]]:
    """field → {kind: records}: `kept` when the record has the field and no note changed or filled it in."""
    counts: dict[str, Counter[str]] = {}
    for item in items:
        noted: dict[str, set[str]] = {}
        for note in item.mapped.notes:
            noted.setdefault(_head(note.field), set()).add(note.kind)
        for field in item.mapped.record:
            if field in ("id", "source_id", "not_yet_reviewed"):
                continue
            kinds = noted.get(field, set()) & {"changed", "filled in"}
            counts.setdefault(field, Counter()).update(kinds or {"kept"})
        for field, kinds in noted.items():
            if field not in item.mapped.record or "not imported" in kinds:
                counts.setdefault(field, Counter()).update(
                    kinds - ({"changed", "filled in"} if field in item.mapped.record else set())
                )
    return counts


def field_table(items: Sequence[Planned]) -> list[str]:
    """The per-field counts as a table of plain text (records counted once per field and kind)."""
    counts = field_counts(items)
    if not counts:
        return []
    width = max(len(field) for field in counts) + 2
    lines = [
        f"Per field, in {len(items)} record{'s' * (len(items) != 1)}:",
        "  " + "field".ljust(width) + "".join(kind.rjust(14) for kind in KINDS),
    ]
    ordered = sorted(counts, key=lambda f: (counts[f]["kept"] == 0, f))
    for field in ordered:
        lines.append("  " + field.ljust(width) + "".join(str(counts[field][kind] or "-").rjust(14) for kind in KINDS))
    totals = Counter[str]()
    for found in counts.values():
        totals.update(found)
    lines.append("  " + "all fields".ljust(width) + "".join(str(totals[kind]).rjust(14) for kind in KINDS))
    return lines


def report_text(
    source: str,
    planned: Sequence[Planned],
    drafts: Sequence[Planned],
    refused: Sequence[Planned],
    problems: Sequence[Problem],
    lines: Sequence[str],
    table: Sequence[str],
    dry_run: bool,
) -> str:
    """The whole report, for a file."""
    written = len(planned) - len(refused) if not refused else 0
    head = [
        f"Import of {source}" + (" (a dry run: nothing was written)" if dry_run else ""),
        "",
        f"Services read: {len(planned) + len(drafts)}",
        f"{'Would be written' if dry_run else 'Written'} into the records folder, passing validate: {written}",
        f"{'Would go' if dry_run else 'Sent'} to the drafts folder: {len(drafts)}",
        f"Would not pass validate (so nothing was written): {len(refused)}" if refused else "",
        "",
        "What the words mean: kept (the source's value, as it was), changed (the source's value, changed to fit;"
        " the note says how), filled in (the source gave none: check what was written), not imported (a value the"
        " source has that no record keeps: the note says why).",
        "",
    ]
    body = [*table, "", "Each record:", *lines]
    if problems:
        body += ["", "Problems:", *(p.text() for p in problems), summary(list(problems))]
    elif not errors(problems):
        body += ["", "No problems found."]
    return "\n".join([line for line in head if line is not None] + body) + "\n"
