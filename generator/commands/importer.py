"""`import SOURCE`: services from another directory (an Open Referral UK JSON dump, an HSDS tabular data package,
Outpost's CSV) written as records, with a report of everything to finish by hand. The records are staged, checked as
`validate` checks them together with the records already there, then moved in as one transaction
(generator/importing/journal.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.commands.check_files import check_files
from generator.importing.journal import Staged, commit, discard, finish_stopped_import, one_import_at_a_time, stage
from generator.importing.mapping import Context, school_or_setting
from generator.importing.read import ImportFailed
from generator.importing.sources import Incoming, read_source
from generator.importing.write import Planned, plan, record_files
from generator.inputs.problems import Problem, errors
from generator.inputs.settings import Settings
from generator.inputs.validate import display


def report(planned: list[Planned], root: Path) -> list[str]:
    """What was imported where, and for each record every value changed, filled in or left out."""
    lines = []
    for item in planned:
        shown = display(item.path, root)
        verb = "replaces" if item.replaces else "new"
        lines.append(f"{shown} ({verb}; from {item.mapped.incoming.where})")
        lines += [f"    {note.line()}" for note in item.mapped.notes]
    return lines


def checked_as_a_set(settings: Settings, staged: Staged, today: date) -> list[Problem]:
    """The staged records checked as validate will check them once moved in: the staged copy of the records folder
    stands for the folder, and every problem is named by the file's place in the real folder."""
    folders = tuple((kind, staged.records if kind == "service" else f) for kind, f in settings.folders)
    shadow = dataclasses.replace(settings, folders=folders)
    problems = check_files(shadow, staged.staged_paths(), today)
    staged_at, real = display(staged.records, settings.root), display(staged.folder, settings.root)

    def named(text: str) -> str:
        return text.replace(staged_at, real)

    return [dataclasses.replace(p, file=named(p.file), message=named(p.message), hint=named(p.hint)) for p in problems]


def run_import(
    settings: Settings,
    source: Path,
    today: date,
    *,
    kind: str | None = None,
    category: str | None = None,
    update: bool = False,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
) -> tuple[bool, list[Problem]]:
    """Import everything or nothing: (whether records were written, their problems or why nothing was)."""
    folder = settings.folder("service")
    shown_folder = display(folder, settings.root)
    for line in finish_stopped_import(folder, shown_folder):
        say(line)
    context = Context(settings.council, today, category or "send", category is not None)
    try:
        incoming = list(read_source(source, kind))
        settings_found = [(item, kind_of) for item in incoming if (kind_of := school_or_setting(item.data))]
        incoming = [item for item in incoming if not school_or_setting(item.data)]
        if not incoming:
            message, hint = "holds no services.", "Check it is the right export."
            if settings_found:
                message = "holds only schools and settings, which are not imported as services."
                hint = "Add each by hand as a file in schools/ (CONTRIBUTING.md says how)."
            raise ImportFailed([Problem(source.name, 1, 1, "", message, hint)])
        if dry_run:
            planned = plan(incoming, folder, context, settings.root, update)
        else:
            with one_import_at_a_time(folder):
                planned = plan(incoming, folder, context, settings.root, update)
                return _write(settings, planned, settings_found, today, say)
    except ImportFailed as failed:
        return False, failed.problems
    _say_found(settings, planned, settings_found, say)
    written = sum(not p.replaces for p in planned), sum(p.replaces for p in planned)
    say(f"Would write {written[0]} new and replace {written[1]} records (--dry-run: nothing written).")
    return False, []


def _say_found(
    settings: Settings, planned: list[Planned], settings_found: list[tuple[Incoming, str]], say: Callable[[str], None]
) -> None:
    for item, kind_of in settings_found:
        name = str(item.data.get("name") or "?")
        say(f"{item.where}: not imported: {name} is a school or setting ({kind_of}): add it by hand in schools/")
    for line in report(planned, settings.root):
        say(line)


def _write(
    settings: Settings,
    planned: list[Planned],
    settings_found: list[tuple[Incoming, str]],
    today: date,
    say: Callable[[str], None],
) -> tuple[bool, list[Problem]]:
    """Stage, check as a set, then move in (the lock on the records folder held)."""
    staged = stage(settings.folder("service"), record_files(planned, settings.root))
    try:
        problems = checked_as_a_set(settings, staged, today)
    except BaseException:
        discard(staged)
        raise
    _say_found(settings, planned, settings_found, say)
    commit(staged)
    written = sum(not p.replaces for p in planned), sum(p.replaces for p in planned)
    count = f"{len(planned)} service{'s' * (len(planned) != 1)}"
    say(f"Imported {count}: {written[0]} new, {written[1]} replaced.")
    if not errors(problems):
        say("Every imported record passes validate. Finish the notes above, then build.")
    return True, problems
