"""`import SOURCE`: services from another directory (an Open Referral UK JSON dump, an HSDS tabular data package,
Outpost's CSV) written as records, with a report of everything to finish by hand.

One truth for a dry run and an import: both stage the records and check them as `validate` will once they are moved
in, together with the records already there (generator/importing/journal.py), and both print the same problems. A
record that would not pass is never written into the records folder: the import stops, naming each problem on its
place in the source (file, row or JSON path, field), and writes nothing; or, with `--drafts DIR`, such records go to
a drafts folder that `build` ignores (and `validate` names) and the rest are moved in."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from generator.commands.check_files import check_files
from generator.commands.import_report import field_table, report_text
from generator.importing.journal import Staged, commit, discard, finish_stopped_import, one_import_at_a_time, stage
from generator.importing.mapping import Context, school_or_setting
from generator.importing.read import ImportFailed
from generator.importing.sources import Incoming, read_all
from generator.importing.write import Planned, plan, record_files, record_text
from generator.inputs.problems import Problem, errors
from generator.inputs.settings import Settings
from generator.inputs.validate import IMPORT_DRAFTS, display

DRAFTS = IMPORT_DRAFTS  # the default drafts folder, beside the records folder (validate names each draft in it)
_RECHECKS = 5  # a record moved to drafts can only make others pass (ids, references): a few rounds settle it


@dataclasses.dataclass
class Outcome:
    """What an import did, or a dry run would do."""

    planned: list[Planned]  # moved (or would be moved) into the records folder
    drafts: list[Planned]  # written (or would be written) to the drafts folder
    refused: list[Planned]  # records that would not pass: nothing is written (no --drafts)
    problems: list[Problem]
    warnings: list[Problem]  # what reading the source had to guess (encoding, separator, blank rows)
    settings_found: list[tuple[Incoming, str]]


def report(planned: list[Planned], root: Path) -> list[str]:
    """What was imported where, and for each record every value changed, filled in or left out."""
    lines = []
    for item in planned:
        shown = display(item.path, root)
        verb = "replaces" if item.replaces else "new"
        lines.append(f"{shown} ({verb}; from {item.mapped.incoming.where})")
        lines += [f"    {note.line()}" for note in item.mapped.notes]
        lines += [f"    kept as a comment in the record (not published): {text}" for text in item.mapped.comments]
        lines += [f"    kept in this report only (internal, not published): {text}" for text in item.mapped.internal]
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


def located(problem: Problem, item: Planned, record: str, drafts: bool) -> Problem:
    """A problem of a record that is not written, on its place in the source: the file, the row (or line 1 of a JSON
    file) and the JSON path or row before the field."""
    incoming = item.mapped.incoming
    where = " › ".join(part for part in (incoming.at, problem.field) if part)
    then = "it goes to the drafts folder to finish by hand" if drafts else "fix it in the source and import again"
    hint = f"{problem.hint} (The record would be {record}: {then}, or import with --drafts to finish it by hand.)"
    if drafts:
        hint = f"{problem.hint} (The record {record} is written to the drafts folder to finish by hand.)"
    return dataclasses.replace(
        problem, file=incoming.file or incoming.where, line=incoming.line, col=1, field=where, hint=hint.strip()
    )


def _sorted_out(
    settings: Settings, folder: Path, planned: list[Planned], today: date, drafts: bool
) -> tuple[Staged, list[Planned], list[Planned], list[Problem]]:
    """Stage and check. With drafts, each record that does not pass is taken out (with its problems) and the rest
    checked again. Returns the staged import, the records in it, those taken out, and every problem."""
    root = settings.root
    out: list[Planned] = []
    out_problems: list[Problem] = []
    keep = list(planned)

    def staged_and_checked(items: list[Planned]) -> tuple[Staged, list[Problem]]:
        staged = stage(folder, record_files(items, root))
        try:
            return staged, checked_as_a_set(settings, staged, today)
        except BaseException:
            discard(staged)
            raise

    for _ in range(_RECHECKS):
        staged, problems = staged_and_checked(keep)
        failing = {p.file for p in errors(problems)}
        bad = [item for item in keep if display(item.path, root) in failing]
        if not bad or not drafts:
            return staged, keep, out, out_problems + problems
        discard(staged)
        bad_files = {display(item.path, root) for item in bad}
        out_problems += [p for p in problems if p.file in bad_files]
        out += bad
        keep = [item for item in keep if item not in bad]
        if not keep:
            break
    staged, problems = staged_and_checked(keep)
    return staged, keep, out, out_problems + problems


def draft_path(drafts_dir: Path, item: Planned, folder: Path) -> Path:
    return drafts_dir / item.path.relative_to(folder)


def _write_drafts(drafts_dir: Path, items: Sequence[Planned], folder: Path, root: Path) -> list[Path]:
    """Each draft written whole (a temporary file, then renamed); if one cannot be, those written are removed."""
    written: list[Path] = []
    try:
        for item in items:
            target = draft_path(drafts_dir, item, folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = record_text(dataclasses.replace(item, path=target), root)
            temporary = target.with_name(f".{target.name}.tmp")
            temporary.write_bytes(text)
            os.replace(temporary, target)
            written.append(target)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def run_import(
    settings: Settings,
    source: Path,
    today: date,
    *,
    kind: str | None = None,
    category: str | None = None,
    update: bool = False,
    dry_run: bool = False,
    drafts: Path | None = None,
    report_file: Path | None = None,
    say: Callable[[str], None] = print,
) -> tuple[bool, list[Problem]]:
    """Import everything that passes validate, or nothing: (whether records were written, every problem: those of
    records not written on their place in the source, the others on the record)."""
    folder = settings.folder("service")
    shown_folder = display(folder, settings.root)
    for line in finish_stopped_import(folder, shown_folder):
        say(line)
    context = Context(settings.council, today, category or "send", category is not None)
    try:
        incoming, warnings = read_all(source, kind)
        settings_found = [(item, kind_of) for item in incoming if (kind_of := school_or_setting(item.data))]
        incoming = [item for item in incoming if not school_or_setting(item.data)]
        if not incoming:
            message, hint = "holds no services.", "Check it is the right export."
            if settings_found:
                message = "holds only schools and settings, which are not imported as services."
                hint = "Add each by hand as a file in schools/ (CONTRIBUTING.md says how)."
            raise ImportFailed([*warnings, Problem(source.name, 1, 1, "", message, hint)])
        with one_import_at_a_time(folder):
            planned = plan(incoming, folder, context, settings.root, update)
            if drafts is not None and not update:
                _no_draft_over_another(drafts, planned, folder, settings.root)
            staged, keep, out, problems = _sorted_out(settings, folder, planned, today, drafts is not None)
            try:
                outcome = _outcome(settings, planned, keep, out, problems, warnings, settings_found, drafts)
                _tell(settings, outcome, source, report_file, dry_run, drafts, say)
                if dry_run or outcome.refused:
                    discard(staged)
                    return False, outcome.problems
                if out and drafts is not None:
                    _write_drafts(drafts, out, folder, settings.root)
            except BaseException:
                discard(staged)
                raise
            if keep:
                commit(staged)
            else:
                discard(staged)
    except ImportFailed as failed:
        return False, failed.problems
    count = f"{len(keep)} service{'s' * (len(keep) != 1)}"
    written = sum(not p.replaces for p in keep), sum(p.replaces for p in keep)
    say(f"Imported {count}: {written[0]} new, {written[1]} replaced.")
    if out and drafts is not None:
        where = display(drafts, settings.root)
        say(f"{len(out)} record{'s' * (len(out) != 1)} that would not pass validate went to {where}/:")
        say("finish each there, then move it into the records folder.")
    if not errors(outcome.problems):
        say("Every imported record passes validate. Finish the notes above, then build.")
    return True, outcome.problems


def _no_draft_over_another(drafts: Path, planned: list[Planned], folder: Path, root: Path) -> None:
    """A draft may hold the coordinator's work: an import never writes over one (unless --update)."""
    clashes = []
    for item in planned:
        target = draft_path(drafts, item, folder)
        if target.exists():
            message = f"already holds a draft of '{item.mapped.record['name']}' ({item.mapped.incoming.where})."
            hint = "Finish or delete that draft first, or run the import again with --update to replace it."
            clashes.append(Problem(display(target, root), 1, 1, "", message, hint))
    if clashes:
        raise ImportFailed(clashes)


def _outcome(
    settings: Settings,
    planned: list[Planned],
    keep: list[Planned],
    out: list[Planned],
    problems: list[Problem],
    warnings: list[Problem],
    settings_found: list[tuple[Incoming, str]],
    drafts: Path | None,
) -> Outcome:
    root = settings.root
    failing = {p.file for p in errors(problems)}
    refused = [item for item in keep if display(item.path, root) in failing] if drafts is None else []
    by_file = {display(item.path, root): item for item in planned}
    shown: list[Problem] = list(warnings)
    for problem in problems:
        item = by_file.get(problem.file)
        if item is not None and item in out:  # sent to drafts: not an error of the import
            shown.append(dataclasses.replace(located(problem, item, problem.file, True), severity="warning"))
        elif item is not None and item in refused:
            shown.append(located(problem, item, problem.file, False))
        else:
            shown.append(problem)
    return Outcome(keep, out, refused, shown, warnings, settings_found)


def _tell(
    settings: Settings,
    outcome: Outcome,
    source: Path,
    report_file: Path | None,
    dry_run: bool,
    drafts: Path | None,
    say: Callable[[str], None],
) -> None:
    """What was found, per record and per field, on the screen and (with --report) in a file."""
    root = settings.root
    lines = []
    for item, kind_of in outcome.settings_found:
        name = str(item.data.get("name") or "?")
        lines.append(
            f"{item.where}: not imported: {name} is a school or setting ({kind_of}): add it by hand in schools/"
        )
    lines += report(outcome.planned, root)
    if drafts is not None and outcome.drafts:
        moved = [
            dataclasses.replace(item, path=draft_path(drafts, item, settings.folder("service")))
            for item in outcome.drafts
        ]
        lines += [line.replace("(new;", "(draft;", 1) for line in report(moved, root)]
    table = field_table([*outcome.planned, *outcome.drafts])
    for line in lines:
        say(line)
    for line in table:
        say(line)
    if dry_run:
        would = len(outcome.planned) - len(outcome.refused)
        if outcome.refused:
            say(
                f"The import would stop: {len(outcome.refused)} of {len(outcome.planned)} records would not pass"
                " validate (below), so nothing would be written (--dry-run: nothing written)."
            )
        else:
            new = sum(not p.replaces for p in outcome.planned)
            drafted = f", and send {len(outcome.drafts)} to drafts" if outcome.drafts else ""
            say(f"Would write {new} new and replace {would - new} records{drafted} (--dry-run: nothing written).")
    elif outcome.refused:
        say(
            f"{len(outcome.refused)} of {len(outcome.planned)} records would not pass validate (below), so nothing"
            " was written."
        )
    if report_file is not None:
        text = report_text(
            source.name, outcome.planned, outcome.drafts, outcome.refused, outcome.problems, lines, table, dry_run
        )
        try:
            report_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            hint = "Choose a file in a folder you can write to."
            raise ImportFailed(
                [Problem(str(report_file), 1, 1, "--report", f"could not be written ({exc.strerror}).", hint)]
            ) from None
        say(f"The report is in {report_file}.")
