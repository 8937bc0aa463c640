"""`import --gias edubasealldata.csv --local-authority NAME [--urn N ...]`: schools and settings from the national
register (Get Information about Schools), created or refreshed in schools/ (generator/importing/gias.py says which,
and what is the register's and what the council's). Like every import it is all or nothing: the records are staged,
checked as `validate` checks them with every record already there, and only then moved in
(generator/importing/journal.py). A dry run makes the same checks and writes nothing."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.commands.check_files import check_files
from generator.importing.gias import (
    STATE_FILE,
    Context,
    Existing,
    Plan,
    Planned,
    check_choice,
    plan,
    read_state,
    selected,
    wanted_urns,
)
from generator.importing.gias_read import Register, cell_problems, read_register
from generator.importing.journal import Staged, commit, discard, finish_stopped_import, one_import_at_a_time, stage
from generator.importing.read import ImportFailed
from generator.importing.write import record_yaml
from generator.inputs.problems import Problem, errors
from generator.inputs.schema import schema_header
from generator.inputs.settings import Settings
from generator.inputs.validate import display


def _urn_problems(urns: Sequence[str]) -> list[Problem]:
    found = []
    for urn in urns:
        if not re.fullmatch(r"[0-9]{6}", urn):
            message = f"'{urn}' is not a URN: a URN is six digits."
            hint = (
                "Copy it from the establishment's page on get-information-schools.service.gov.uk, for example 100616."
            )
            found.append(Problem("--urn", 1, 1, "", message, hint))
    return found


def _texts(planned: Plan, settings: Settings) -> list[tuple[Planned, bytes]]:
    """Each record's file as it will be, for the records whose file changes."""
    folder = settings.folder("setting")
    found = []
    for item in planned.records:
        header = item.header or schema_header("setting.schema.json", folder, settings.root)
        data = record_yaml(item.record, header).encode("utf-8")
        try:  # the same fields and values: the council's file is left as it is, its comments and layout too
            if not item.new and yaml.safe_load(item.path.read_text(encoding="utf-8-sig")) == yaml.safe_load(data):
                continue
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            pass
        found.append((item, data))
    return found


def report(planned: Plan, written: Sequence[tuple[Planned, bytes]], settings: Settings) -> list[str]:
    """Per record, what the import did to each field; then the establishments it left out."""
    changing = {id(item) for item, _ in written}
    lines = []
    for item in planned.records:
        shown = display(item.path, settings.root)
        where = f"line {item.row.line}, URN {item.row.urn}"
        if item.new:
            lines.append(f"{shown} (new; from {where})")
        elif id(item) in changing:
            lines.append(f"{shown} (refreshed; from {where})")
        elif any(change.kind == "kept" for change in item.changes):
            lines.append(f"{shown} (unchanged; from {where})")
            lines += [f"    {change.line()}" for change in item.changes if change.kind == "kept"]
            continue
        else:
            continue
        lines += [f"    {change.line()}" for change in item.changes]
    lines += planned.skipped
    return lines


def _state_bytes(planned: Plan, today: date, source: str) -> bytes:
    data = {"imported": today.isoformat(), "from": source, "records": planned.state["records"]}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _checked(settings: Settings, staged: Staged, today: date) -> list[Problem]:
    folders = tuple((kind, staged.records if kind == "setting" else f) for kind, f in settings.folders)
    shadow = dataclasses.replace(settings, folders=folders)
    paths = [p for p in staged.staged_paths() if p.suffix == ".yaml"]
    problems = check_files(shadow, paths, today)
    staged_at, real = display(staged.records, settings.root), display(staged.folder, settings.root)

    def named(text: str) -> str:
        return text.replace(staged_at, real)

    return [dataclasses.replace(p, file=named(p.file), message=named(p.message), hint=named(p.hint)) for p in problems]


def run_gias_import(
    settings: Settings,
    source: Path,
    authority: str,
    urns: Sequence[str],
    today: date,
    *,
    dry_run: bool = False,
    report_file: Path | None = None,
    say: Callable[[str], None] = print,
) -> tuple[bool, list[Problem]]:
    """Import from the register, everything or nothing: (whether records were written, their problems or why
    nothing was)."""
    folder = settings.folder("setting")
    shown_folder = display(folder, settings.root)
    for line in finish_stopped_import(folder, shown_folder):
        say(line)
    shown = source.name
    try:
        if problems := _urn_problems(urns):
            raise ImportFailed(problems)
        state = read_state(folder, shown_folder)
        folded, every_urn = wanted_urns(authority, urns, state)
        register = read_register(source, shown, lambda row: selected(row, folded, every_urn))
        if problems := cell_problems(register.rows, register):
            raise ImportFailed(problems)
        authority = next((a for a in register.authorities if a.casefold() == folded), authority)
        if problems := check_choice(register, authority, urns):
            raise ImportFailed(problems)
        context = Context(authority, settings.council.name)
        if dry_run:
            return _dry_run(
                settings, register_plan(register, folder, state, urns, context, today), today, shown, report_file, say
            )
        with one_import_at_a_time(folder):
            planned = register_plan(register, folder, read_state(folder, shown_folder), urns, context, today)
            return _write(settings, planned, today, shown, report_file, say)
    except ImportFailed as failed:
        return False, failed.problems


def register_plan(
    register: Register, folder: Path, state: dict[str, Any], urns: Sequence[str], context: Context, today: date
) -> Plan:
    existing = Existing.read(folder)
    if existing.unreadable:  # it may be the record of an establishment the register lists: nothing is guessed
        raise ImportFailed([
            Problem(
                path.relative_to(folder.parent).as_posix(), 1, 1, "", f"cannot be read as a record ({why}).",
                "Fix this file first (`local-offer validate` says what is wrong in it), then import again: the "
                "register's establishments are matched to the council's files, and this could be one of them.",
            )
            for path, why in existing.unreadable
        ])
    return plan(register, existing, state, list(urns), context, folder, today.isoformat())


def _files(
    settings: Settings, planned: Plan, today: date, shown: str
) -> tuple[list[tuple[Planned, bytes]], list[tuple[Path, bytes]]]:
    written = _texts(planned, settings)
    files = [(item.path, data) for item, data in written]
    folder = settings.folder("setting")
    state = _state_bytes(planned, today, shown)
    old = folder / STATE_FILE
    old_state = old.read_bytes() if old.is_file() else b""
    if written or _records_of(old_state) != planned.state["records"]:
        files.append((old, state))
    return written, files


def _records_of(data: bytes) -> object:
    try:
        loaded = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return loaded.get("records") if isinstance(loaded, dict) else None


def _write_report(lines: list[str], report_file: Path | None, say: Callable[[str], None]) -> None:
    for line in lines:
        say(line)
    if report_file is not None:
        report_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        say(f"The report is in {report_file}.")


def _dry_run(
    settings: Settings, planned: Plan, today: date, shown: str, report_file: Path | None, say: Callable[[str], None]
) -> tuple[bool, list[Problem]]:
    """The same checks as the import, on a staged copy that is then removed."""
    folder = settings.folder("setting")
    written, files = _files(settings, planned, today, shown)
    problems: list[Problem] = []
    if files:
        with one_import_at_a_time(folder):
            staged = stage(folder, files)
            try:
                problems = _checked(settings, staged, today)
            finally:
                discard(staged)
    if errors(problems):
        return False, problems
    _write_report(report(planned, written, settings), report_file, say)
    new = sum(item.new for item, _ in written)
    say(f"Would write {new} new and refresh {len(written) - new} records (--dry-run: nothing written).")
    return False, problems


def _write(
    settings: Settings, planned: Plan, today: date, shown: str, report_file: Path | None, say: Callable[[str], None]
) -> tuple[bool, list[Problem]]:
    folder = settings.folder("setting")
    written, files = _files(settings, planned, today, shown)
    if not files:
        _write_report(report(planned, written, settings), report_file, say)
        say("Every record is as the register says: nothing to write.")
        return True, []
    staged = stage(folder, files)
    try:
        problems = _checked(settings, staged, today)
    except BaseException:
        discard(staged)
        raise
    if errors(problems):
        discard(staged)
        return False, problems
    commit(staged)
    _write_report(report(planned, written, settings), report_file, say)
    new = sum(item.new for item, _ in written)
    say(f"Imported from the register: {new} new, {len(written) - new} refreshed. Check the notes above.")
    return True, problems
