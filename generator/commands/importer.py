"""`import SOURCE`: services from another directory (an Open Referral UK JSON dump, an HSDS tabular data package,
Outpost's CSV) written as records, with a report of everything to finish by hand, then checked as `validate`
checks them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from generator.commands.check_files import check_files
from generator.importing.mapping import Context, school_or_setting
from generator.importing.read import ImportFailed
from generator.importing.sources import read_source
from generator.importing.write import Planned, plan, write_all
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
        planned = plan(incoming, folder, context, settings.root, update)
    except ImportFailed as failed:
        return False, failed.problems
    for item, kind_of in settings_found:
        name = str(item.data.get("name") or "?")
        say(f"{item.where}: not imported: {name} is a school or setting ({kind_of}): add it by hand in schools/")
    for line in report(planned, settings.root):
        say(line)
    written = sum(not p.replaces for p in planned), sum(p.replaces for p in planned)
    if dry_run:
        say(f"Would write {written[0]} new and replace {written[1]} records (--dry-run: nothing written).")
        return False, []
    write_all(planned, folder, settings.root)
    count = f"{len(planned)} service{'s' * (len(planned) != 1)}"
    say(f"Imported {count}: {written[0]} new, {written[1]} replaced.")
    problems = check_files(settings, [p.path for p in planned], today)
    if not errors(problems):
        say("Every imported record passes validate. Finish the notes above, then build.")
    return True, problems
