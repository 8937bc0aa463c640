"""Rules between records that compare what values mean, not how they are written: keys no two records may share
(a UUID in any case or form, a URN), and rules that read the records one names (a resource base's host is a school).
Each problem is placed on the line of the record that holds it, so `validate` names every file a build would refuse."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from generator.inputs.kinds import Context, Kind, Known
from generator.inputs.load import load_file
from generator.inputs.messages import describe
from generator.inputs.problems import Problem, field_label
from generator.records.model import Record


def shared_keys(kind: Kind, records: Iterable[Record], root: Path, context: Context) -> list[Problem]:
    """Each of the kind's unique keys belongs to one record: every record that shares one is told, on its line,
    with the others' files (and how they write it when that differs)."""
    found: dict[tuple[str, str], Problem] = {}
    records = list(records)
    for unique in kind.unique:
        holders: dict[str, list[Record]] = defaultdict(list)
        for record in records:
            key = unique.key(record.as_dict(), context)
            if key is not None:
                holders[key].append(record)
        for same in holders.values():
            for record in same if len(same) > 1 else ():
                data = record.as_dict()
                name = unique.field if unique.field in data else "id"
                if (record.file, name) in found:  # one problem a line: the first key that clashes
                    continue
                written = str(data[name])
                others = []
                for other in same:
                    if other is not record:
                        theirs = str(other.as_dict().get(name, other.id))
                        others.append(other.file + ("" if theirs == written else f" ({describe(theirs)})"))
                line, col = load_file(root / record.file, record.file).where((name,))  # read again only when wrong
                message = f"{describe(written)} is the {unique.what} of {', '.join(others)} too."
                found[(record.file, name)] = Problem(record.file, line, col, name, message, unique.hint)
    return list(found.values())


def between_problems(record: Record, kind: Kind, known: Known, root: Path, context: Context) -> list[Problem]:
    """The kind's rules that read other records, each finding placed on its line."""
    findings = [finding for rule in kind.between for finding in rule(record, known, context)]
    if not findings:
        return []
    loaded = load_file(root / record.file, record.file)
    found = []
    for finding in findings:
        line, col = loaded.where(finding.path)
        found.append(Problem(record.file, line, col, field_label(finding.path), finding.message, finding.hint))
    return found
