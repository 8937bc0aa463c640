"""Check every record of every kind, and the rules between records, collecting all problems in one pass."""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.inputs.characters import character_problems
from generator.inputs.kinds import BY_NAME, KINDS, Context, Kind
from generator.inputs.load import Loaded, load_file
from generator.inputs.meaning import between_problems, shared_keys
from generator.inputs.messages import closest, describe, is_id, problems_from_error, proposed_id, slug
from generator.inputs.names import EMPTY_NAMES, SYSTEM_FILES, name_problem
from generator.inputs.placeholders import placeholder_warnings
from generator.inputs.problems import Problem, errors, field_label
from generator.inputs.schema import validator
from generator.inputs.settings import Settings
from generator.parallel import pmap
from generator.records.model import Record
from generator.records.schemas import labels


@dataclass
class Checked:
    """The outcome of validation: the records that passed, by kind, and every problem found. `withheld` names the
    files of valid records a rule keeps off the site (a `withholds` warning): they are in `records` (so `report`
    lists them) but are not published."""

    records: dict[str, list[Record]] = field(default_factory=lambda: {kind.name: [] for kind in KINDS})
    problems: list[Problem] = field(default_factory=list)
    withheld: set[str] = field(default_factory=set)

    def published(self, kind: str) -> list[Record]:
        return [r for r in self.records[kind] if r.file not in self.withheld]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


_SHAPES: dict[type, str] = {
    dict: "should be a group of 'field: value' lines, not a single value.",
    list: "should be a list, each item starting with '- '.",
}


def check_against_schema(loaded: Loaded, schema_name: str, expect: type = dict) -> list[Problem]:
    """Problems for one loaded file (refused characters, then the schema's), each reported once, in file order.
    Records of every kind and the council settings all come through here."""
    if loaded.data is None:
        return []
    if not isinstance(loaded.data, expect):
        return [Problem(loaded.file, 1, 1, "", _SHAPES[expect], "Copy an existing file of the same kind as a start.")]
    found: dict[Problem, None] = dict.fromkeys(character_problems(loaded))
    told = {(p.line, p.col) for p in loaded.problems}  # a value the loader refused (010) is not reported twice
    for error in validator(schema_name).iter_errors(loaded.data):
        for problem in problems_from_error(error, loaded):
            if (problem.line, problem.col) not in told:
                found.setdefault(problem)
    return list(found)


def display(path: Path, settings: Settings | Path) -> str:
    """A file as the coordinator sees it: relative to the project folder."""
    root = settings if isinstance(settings, Path) else settings.root
    text, base = str(path), str(root)
    if text.startswith(base + os.sep) and ".." not in path.parts:  # the usual case, without pathlib's parsing
        return text[len(base) + 1 :].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def record_files(kind: Kind, settings: Settings) -> list[Path]:
    """Every file in a kind's folder, whatever its ending: `.yaml` files are records, and any other is reported
    rather than silently left out. Dot-files (.gitkeep), dot-folders and the files Windows makes itself (desktop.ini,
    Thumbs.db) are not looked at; a linked file or folder is followed (each folder once), with a note naming the link
    (`linked_inputs`)."""
    found: list[Path] = []
    seen: set[Path] = set()

    def walk(at: str) -> None:
        real = Path(at).resolve()
        if real in seen:  # a link back up the tree
            return
        seen.add(real)
        with os.scandir(at) as entries:
            for entry in entries:
                if entry.name.casefold() in SYSTEM_FILES:
                    continue
                if entry.name.startswith(".") and entry.name.lower() not in EMPTY_NAMES:
                    continue
                if entry.is_dir():
                    walk(entry.path)
                elif entry.is_file():
                    found.append(Path(entry.path))

    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        walk(str(settings.folder(kind.name).resolve()))
    return sorted(found)


def linked_inputs(settings: Settings) -> list[Problem]:
    """A note for each link in (or as) a kind's folder: what it points to is read as records. Links among the
    hand-written pages are refused by the pages' own check (generator.inputs.content)."""
    found = []
    pages = settings.content_dir.resolve()
    for kind in KINDS:
        folder = settings.folder(kind.name)
        links = [folder] if folder.is_symlink() else []
        if folder.is_dir():
            for at, dirs, files in os.walk(folder):
                links += [Path(at) / name for name in sorted([*dirs, *files]) if (Path(at) / name).is_symlink()]
        for link in links:
            if link.parent.resolve().is_relative_to(pages) or link.name.startswith("."):
                continue
            what = "folder" if link.is_dir() else "file"
            message = f"is a link to the {what} {link.resolve()}, which is read as {kind.label}s."
            hint = "Nothing to do if that is meant; otherwise put the files themselves here."
            found.append(Problem(display(link, settings), 1, 1, "", message, hint, severity="warning"))
    return found


def _not_a_record(path: Path, where: Where) -> Problem:
    stem = path.name.split(".")[0] if path.suffix.lower() in (".yaml", ".yml") else path.stem
    stem = stem if is_id(stem) else slug(path.stem)
    shown = display(where.folder, where.root)
    message = "is not a record file: records end in .yaml."
    hint = f"Rename it to {stem}.yaml if it is a record, or move it out of {shown}/."
    return Problem(display(path, where.root), 1, 1, "", message, hint)


def kind_of(path: Path, settings: Settings) -> Kind | None:
    """The kind whose folder holds `path`, if any."""
    resolved = path.resolve()
    for kind in KINDS:
        if resolved.is_relative_to(settings.folder(kind.name).resolve()):
            return kind
    return None


def _placement_problems(path: Path, kind: Kind, loaded: Loaded, where: Where) -> list[Problem]:
    """Files end in .yaml and are named after their id (so every address is predictable and unique); services sit
    in the folder of their category."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    found = []
    if isinstance(data.get("id"), str) and data["id"] != path.stem:
        line, col = loaded.where(("id",))
        message = f"{describe(data['id'])} does not match the file name {describe(path.name)}."
        found.append(Problem(loaded.file, line, col, "id", message, _id_hint(data["id"], path.stem, data)))
    rel = path.relative_to(where.folder)
    shown = display(where.folder, where.root)
    if kind.by_category and len(rel.parts) != 2:
        hint = f"Move it to {shown}/<category>/, for example {shown}/send/."
        return [*found, Problem(loaded.file, 1, 1, "", "is not in a category folder.", hint)]
    if not kind.by_category and len(rel.parts) != 1:
        return [*found, Problem(loaded.file, 1, 1, "", f"should be directly in {shown}/.", f"Move it to {shown}/.")]
    category = data.get("category")
    if kind.by_category and category in labels(kind.schema, "category") and category != rel.parts[0]:
        line, col = loaded.where(("category",))
        found.append(
            Problem(
                loaded.file,
                line,
                col,
                "category",
                f"'{data['category']}' does not match the folder '{rel.parts[0]}'.",
                f"Move the file to {shown}/{data['category']}/ or change the category to '{rel.parts[0]}'.",
            )
        )
    return found


def _id_hint(record_id: str, stem: str, data: object) -> str:
    """How to make the id and the file name agree, proposing only valid ids."""
    if is_id(stem) and is_id(record_id):
        return f"Change the id to '{stem}' or rename the file to {record_id}.yaml."
    if is_id(stem):
        return f"Change the id to '{stem}'."
    if is_id(record_id):
        return f"Rename the file to {record_id}.yaml."
    better = slug(stem) if slug(stem) != "new-record" else proposed_id(data)
    return f"Rename the file to {better}.yaml and change the id to '{better}'."


@dataclass(frozen=True)
class Where:
    """The project folder and the folder of one kind's files (resolved), all a file check needs to know of the
    settings (small, so it travels cheaply to worker processes)."""

    root: Path
    folder: Path


MAX_PROBLEMS_PER_FILE = 20


def check_file(path: Path, kind: Kind, where: Where, context: Context) -> tuple[Record | None, list[Problem]]:
    """One file on its own: readable, valid against its kind's schema, in the right place, its own rules kept.
    Returns the record only when nothing is wrong with it (warnings aside). At most MAX_PROBLEMS_PER_FILE problems
    are reported (the first in the file), then one line saying how many more there are."""
    record, problems = _check_one(path, kind, where, context)
    return record, capped(problems)


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    if len(problems) <= limit:
        return problems
    kept = sorted(problems)[:limit]
    return [*kept, Problem(kept[0].file, 1, 1, "", f"… and {len(problems) - limit} more problems in this file.")]


def _below(path: Path, folder: Path) -> tuple[str, ...]:
    """The names of the folders and file from a kind's folder down to `path`."""
    return path.relative_to(folder).parts if path.is_relative_to(folder) else (path.name,)


def _check_one(path: Path, kind: Kind, where: Where, context: Context) -> tuple[Record | None, list[Problem]]:
    unportable = next(
        (f"'{part}' {wrong}" for part in _below(path, where.folder) if (wrong := name_problem(part))), None
    )
    if unportable:
        hint = f"Rename it: a record's file is named after its id ({slug(path.name.split('.')[0])}.yaml, for example)."
        return None, [Problem(display(path, where.root), 1, 1, "", unportable, hint)]
    if path.suffix != ".yaml":
        return None, [_not_a_record(path, where)]
    loaded = load_file(path, display(path, where.root))
    problems = loaded.problems + check_against_schema(loaded, kind.schema)
    problems += placeholder_warnings(loaded.text, loaded.file)
    problems += _placement_problems(path, kind, loaded, where)
    if errors(problems) or not isinstance(loaded.data, dict):
        return None, problems
    for rule in kind.rules:
        problems += rule(loaded, context)
    if errors(problems):
        return None, problems
    return kind.record(loaded), problems


def _duplicate_ids(kind: Kind, files: Iterable[Path], settings: Settings) -> list[Problem]:
    """Ids equal file names, so two files with the same name anywhere in a kind's folder share an id."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        if path.suffix == ".yaml":  # any other file is reported as not a record
            by_stem[path.stem].append(path)
    found = []
    for stem, paths in by_stem.items():
        if len(paths) < 2:
            continue
        names = [display(p, settings) for p in paths]
        for path, name in zip(paths, names, strict=True):
            others = ", ".join(n for n in names if n != name)
            message = f"'{stem}' is used by another record too ({others})."
            hint = f"Every {kind.label} needs its own id: rename one file and change its id to match."
            line, col = load_file(path, name).where(("id",))  # read again only for the rare clash
            found.append(Problem(name, line, col, "id", message, hint))
    return found


def _reference_problems(
    record: Record,
    kind: Kind,
    known: dict[str, dict[str, Record]],
    files: dict[str, set[str]],
    settings: Settings,
    withheld: AbstractSet[str] = frozenset(),
) -> list[Problem]:
    """Every id a record names must be a published record of the kind named. An id whose file exists but is
    itself invalid is left to that file's own problems; one whose record is withheld is a warning (the link is
    left out)."""
    found = []
    located: list[Loaded] = []
    for reference in kind.references:
        targets, target_kind = known.get(reference.kind, {}), BY_NAME[reference.kind]
        for path, ref in reference.find(record.as_dict()):
            target = targets.get(ref)
            if target is None and ref in files[reference.kind]:
                continue
            if target is not None and getattr(target, "published", True) and target.file not in withheld:
                continue
            if not located:  # read again for positions only when something is wrong
                located.append(load_file(settings.root / record.file, record.file))
            line, col = located[0].where(path)
            if target is None:
                published = sorted(i for i, r in targets.items() if getattr(r, "published", True))
                guess = closest(ref, published)
                hint = f"Did you mean '{guess}'?" if guess else f"Use the file name of a {target_kind.label}."
                message = f"'{ref}' is not the id of a {target_kind.label}."
                found.append(Problem(record.file, line, col, field_label(path), message, hint))
                continue
            # Closing a record (or letting its review lapse) must not stop the rest of the site publishing: whatever
            # names it leaves it out, with a warning to tidy this file.
            if target.file in withheld:
                message = f"'{ref}' is not published until it is reviewed, so it is left out here."
                hint = f"Review {target.file}, or name another {target_kind.label}."
            else:
                message = f"'{ref}' is closed, so its page is not published and it is left out here."
                hint = f"Remove it from this file, or name a {target_kind.label} still open."
            found.append(Problem(record.file, line, col, field_label(path), message, hint, severity="warning"))
    return found


FileCheck = tuple[Record | None, list[Problem]]


class FileChecks:
    """Each file's own check, kept between runs (the live preview): a file is checked again only when its size,
    modification time or inode changes, or what its check depends on does (its kind, folder, the settings, the day).
    The checks between records (duplicate ids, references) are always made afresh."""

    def __init__(self) -> None:
        self._kept: dict[Path, tuple[object, FileCheck]] = {}

    def checked(
        self, paths: Sequence[Path], key: object, check: Callable[[Sequence[Path]], list[FileCheck]]
    ) -> list[FileCheck]:
        stamps = {path: (_stamp(path), key) for path in paths}
        missing = [path for path in paths if self._kept.get(path, (None,))[0] != stamps[path]]
        for path, result in zip(missing, check(missing), strict=True):
            self._kept[path] = (stamps[path], result)
        return [self._kept[path][1] for path in paths]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino


IMPORT_STAGING = ".local-offer-import"  # an import's records before they move in (generator/importing/journal.py)


def stopped_imports(settings: Settings) -> list[Problem]:
    """An import's folder left in a records folder: its records are not all in place, so nothing may say "No problems
    found" (each command finishes or undoes such an import before it starts; this stays only while one runs)."""
    found = []
    for _, folder in settings.folders:
        staging = folder / IMPORT_STAGING
        if os.path.lexists(staging):
            message = "holds an import that has not finished: the records it brings in are not all in place yet."
            hint = (
                "Wait for the import to end, then run the command again: every local-offer command first finishes"
                " an import that was stopped, or puts the records back as they were."
            )
            found.append(Problem(display(staging, settings), 1, 1, "", message, hint))
    return found


IMPORT_DRAFTS = "drafts"  # beside the services folder: imported records that did not pass (import --drafts)


def import_drafts(settings: Settings) -> list[Problem]:
    """A warning naming each draft an import left to finish by hand: build ignores the drafts folder, so a draft is
    on no page until it is finished and moved into the records folder."""
    services = settings.folder("service")
    drafts = services.parent / IMPORT_DRAFTS
    if not drafts.is_dir() or drafts.is_symlink():
        return []
    found = []
    for path in sorted(drafts.rglob("*.yaml")):
        rel = path.relative_to(drafts)
        if any(part.startswith(".") for part in rel.parts):
            continue
        target = display(services / rel, settings)
        message = "is a draft from an import: it is not published until it is finished and moved into the records."
        hint = f"Fix what the import reported, then move it to {target} and run validate again."
        found.append(Problem(display(path, settings), 1, 1, "", message, hint, severity="warning"))
    return found


def _check_kind(
    kind: Kind, paths: Sequence[Path], settings: Settings, context: Context, kept: FileChecks | None = None
) -> list[FileCheck]:
    """Each file is independent, so large folders use every core."""
    where = Where(settings.root, settings.folder(kind.name).resolve())
    check = partial(check_file, kind=kind, where=where, context=context)
    if kept is None:
        return pmap(check, paths)
    return kept.checked(paths, (kind.name, where, context), lambda missing: pmap(check, missing))


def validate(
    settings: Settings, context: Context, only: Iterable[Path] | None = None, kept: FileChecks | None = None
) -> Checked:
    """Validate every record of every kind, or just the files `only` (still checked against all the others).
    `kept` holds each file's check from an earlier run, to check again only the files that changed."""
    result = Checked()
    result.problems += stopped_imports(settings)
    if only is None:
        result.problems += import_drafts(settings)
    chosen = None if only is None else {p.resolve() for p in only}
    everything = {kind.name: record_files(kind, settings) for kind in KINDS}
    files = {name: {p.stem for p in paths} for name, paths in everything.items()}
    known: dict[str, dict[str, Record]] = {kind.name: {} for kind in KINDS}
    chosen_kinds = {k.name for p in chosen or () if (k := kind_of(p, settings))}
    if only is None:
        result.problems += linked_inputs(settings)
    for kind in KINDS:  # kinds that are referred to come first in the table
        paths = everything[kind.name]
        shown = {p: display(p, settings) for p in paths}
        wanted = {shown[p] for p in paths if chosen is None or p in chosen}
        # every record of a kind is read when a chosen file refers to that kind
        referred_to = any(r.kind == kind.name for k in KINDS if k.name in chosen_kinds for r in k.references)
        checked = paths if chosen is None or referred_to else [p for p in paths if shown[p] in wanted]
        results = _check_kind(kind, checked, settings, context, kept)
        for path, (record, problems) in zip(checked, results, strict=True):
            if record is not None:
                known[kind.name][record.id] = record
                if any(p.withholds for p in problems):
                    result.withheld.add(record.file)
            if shown[path] in wanted:
                result.problems += problems
                if record is not None:
                    result.records[kind.name].append(record)
        result.problems += [p for p in _duplicate_ids(kind, paths, settings) if p.file in wanted]
        shared = shared_keys(kind, known[kind.name].values(), settings.root, context)
        result.problems += [p for p in shared if p.file in wanted]
    for kind in KINDS:
        accepted = []
        for record in result.records[kind.name]:
            found = _reference_problems(record, kind, known, files, settings, result.withheld)
            found += between_problems(record, kind, known, settings.root, context)
            result.problems += found
            if not errors(found):
                accepted.append(record)
        result.records[kind.name] = accepted
    return result
