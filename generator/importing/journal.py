"""An import as a transaction: every record is staged in `services/.local-offer-import/`, checked there as a set with
the records already in place, and only then moved in, following a journal.

1. Stage: the folder holds `records/`, a copy of the records folder as it will be (each record already there as a
   hard link, each imported record as the file it will be) and `before/`, a copy of every record an import with
   `--update` replaces. Nothing in the records folder has changed yet.
2. Check: the copy is validated as the records folder (generator/commands/importer.py).
3. Journal: `journal.json` lists every move (the staged file, where it goes, the hash of its text, the copy of the
   record it replaces). It is written to `journal.tmp`, flushed to disk, then renamed: it is there whole or not at
   all, and it is there before the first record moves.
4. Move: each staged file is renamed over its place, one step each (a record is never missing, even one replaced).
5. Done: the journal is removed, then the folder.

An import stopped at any point (the computer switched off, the process killed) is finished by the next command, any
`local-offer` command (`finish_stopped_import`): with no journal, nothing had moved, and the folder is removed; with
one, the moves not yet made are made. If a record was changed by hand since (a file now where a new record goes, a
replaced record edited), the import is undone instead: each record it moved in is put back as it was. Until then,
`validate` and `build` report the folder as an error (generator/inputs/validate.py `stopped_imports`), so a site is
never published with part of an import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.importing.read import ImportFailed, fail
from generator.inputs.validate import IMPORT_STAGING
from generator.publish.lock import PublishError, one_build_at_a_time

JOURNAL = "journal.json"
RECORDS = "records"
BEFORE = "before"
KILL_AFTER = "LOCAL_OFFER_IMPORT_KILL_AFTER"  # tests: the import kills itself after this many renames


@dataclass(frozen=True)
class Move:
    """One record moving in: `staged` (in the import's folder) to `target` (in the records folder), both relative
    POSIX paths; `digest` the SHA-256 of its text; `before` the copy of the record it replaces, if any."""

    staged: str
    target: str
    digest: str
    before: str | None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def _sync_folder(folder: Path) -> None:
    """A rename or a new file in `folder` on disk (where a folder can be opened: not on Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _write_synced(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


class _Renames:
    """Counts the renames of one import; with LOCAL_OFFER_IMPORT_KILL_AFTER=N set, the process kills itself
    (SIGKILL: no clean-up runs) after the Nth, or before the first when N is 0, as a power cut would stop it."""

    def __init__(self) -> None:
        wanted = os.environ.get(KILL_AFTER, "")
        self.kill_after = int(wanted) if wanted.isdigit() else None
        self.count = 0
        self.check()

    def check(self) -> None:
        if self.kill_after is not None and self.count >= self.kill_after:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

    def renamed(self) -> None:
        self.count += 1
        self.check()


@contextmanager
def one_import_at_a_time(folder: Path) -> Iterator[None]:
    """Hold the lock on the records folder (the same lock a build takes on the folder holding its site), or raise
    ImportFailed saying another import is running."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with one_build_at_a_time(folder / IMPORT_STAGING):
            yield
    except PublishError:
        hint = "Wait for it to finish, then run this command again."
        raise fail(folder.name, "is being written by another import.", hint) from None


@dataclass
class Staged:
    """An import staged in `folder`/.local-offer-import: `records` is the records folder as it will be."""

    folder: Path
    moves: list[Move]

    @property
    def staging(self) -> Path:
        return self.folder / IMPORT_STAGING

    @property
    def records(self) -> Path:
        return self.staging / RECORDS

    def staged_paths(self) -> list[Path]:
        return [self.staging / move.staged for move in self.moves]


def _existing(folder: Path) -> Iterator[str]:
    """Every file in the records folder as validate reads it (no dot-files or dot-folders, no linked folders)."""
    for entry in os.scandir(folder):
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from (f"{entry.name}/{rel}" for rel in _existing(Path(entry.path)))
        elif entry.is_file():
            yield entry.name


def stage(folder: Path, files: Sequence[tuple[Path, bytes]]) -> Staged:
    """Stage `files` (each a path in `folder` and its text) beside every file now in `folder`. Call with the lock
    held and no import folder left (`finish_stopped_import` first)."""
    staging = folder / IMPORT_STAGING
    staging.mkdir()
    try:
        records = staging / RECORDS
        incoming = {path.relative_to(folder).as_posix(): data for path, data in files}
        for rel in _existing(folder):
            path = folder / rel
            if rel in incoming:
                continue
            copy = records / rel
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, copy)
            except OSError:  # a file system without hard links
                shutil.copyfile(path, copy)
        moves = []
        for n, (rel, data) in enumerate(incoming.items()):
            _write_synced(records / rel, data)
            before = None
            if (folder / rel).is_file():
                before = f"{BEFORE}/{n}.yaml"
                _write_synced(staging / before, (folder / rel).read_bytes())
            moves.append(Move(f"{RECORDS}/{rel}", rel, _digest(data), before))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Staged(folder, moves)


def discard(staged: Staged) -> None:
    """An import not made (a dry run, or one refused after its check): nothing had moved."""
    shutil.rmtree(staged.staging, ignore_errors=True)


def _end(staging: Path) -> None:
    """The journal goes first (then a stopped clean-up is an import with nothing to move), then the folder."""
    with contextlib.suppress(FileNotFoundError):
        (staging / JOURNAL).unlink()
    _sync_folder(staging)
    shutil.rmtree(staging, ignore_errors=True)
    _sync_folder(staging.parent)


def commit(staged: Staged) -> None:
    """Write the journal, then move every staged record into place. If a move fails, the ones made are undone and
    the error raised; if the process is stopped, the next command finishes the import."""
    renames = _Renames()
    staging = staged.staging
    text = json.dumps({"version": 1, "moves": [m.__dict__ for m in staged.moves]}, indent=1)
    _write_synced(staging / "journal.tmp", text.encode())
    os.replace(staging / "journal.tmp", staging / JOURNAL)
    _sync_folder(staging)
    renames.renamed()
    made: list[Move] = []
    try:
        for move in staged.moves:
            target = staged.folder / move.target
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / move.staged, target)
            made.append(move)
            _sync_folder(target.parent)
            renames.renamed()
    except BaseException:
        _undo(staged.folder, staging, made)
        _end(staging)
        raise
    _end(staging)


def _undo(folder: Path, staging: Path, made: Sequence[Move]) -> int:
    """Put back each record a move replaced, and remove each it added, if it is still as the import wrote it."""
    undone = 0
    for move in reversed(made):
        target = folder / move.target
        if _file_digest(target) != move.digest:
            continue  # changed by hand since: kept
        if move.before is not None:
            os.replace(staging / move.before, target)
        else:
            target.unlink()
        undone += 1
    return undone


def _safe(rel: object, first: str | None = None) -> str | None:
    """A relative path from a journal, if it stays inside its folder (and under `first`, when given)."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel:
        return None
    parts = PurePosixPath(rel).parts
    if PurePosixPath(rel).is_absolute() or any(part in ("", ".", "..") for part in parts):
        return None
    if first is not None and (len(parts) < 2 or parts[0] != first):
        return None
    return rel


def _read_journal(journal: Path) -> list[Move] | None:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    items = data.get("moves") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return None
    moves = []
    for item in items:
        if not isinstance(item, dict):
            return None
        staged, target = _safe(item.get("staged"), RECORDS), _safe(item.get("target"))
        before = item.get("before")
        digest = item.get("digest")
        if staged is None or target is None or not isinstance(digest, str):
            return None
        if before is not None and _safe(before, BEFORE) is None:
            return None
        moves.append(Move(staged, target, digest, before))
    return moves


def finish_stopped_import(folder: Path, shown: str) -> list[str]:
    """Finish, or undo, an import that was stopped before it ended (see the module's description). Returns what was
    done, in words; nothing when there was none, or an import is running now (then `validate` reports it)."""
    staging = folder / IMPORT_STAGING
    if not os.path.lexists(staging):
        return []
    try:
        with one_import_at_a_time(folder):
            return _finish(folder, staging, shown)
    except ImportFailed:
        return []  # another import holds the folder: it is not stopped, it is running


def _finish(folder: Path, staging: Path, shown: str) -> list[str]:
    if staging.is_symlink() or not staging.is_dir():
        return [f"{shown}/{IMPORT_STAGING} is not an import's folder: move it out of {shown}/."]
    journal = staging / JOURNAL
    if not journal.exists():
        _end(staging)
        return [
            f"An import was stopped before it moved any record into {shown}/: nothing of it was kept. Run it again."
        ]
    moves = _read_journal(journal)
    if moves is None:
        return [
            f"{shown}/{IMPORT_STAGING}/{JOURNAL} cannot be read, so the import it lists cannot be finished. Compare"
            f" {shown}/{IMPORT_STAGING}/{RECORDS}/ with {shown}/, copy what is missing, then delete"
            f" {shown}/{IMPORT_STAGING}/."
        ]
    waiting = [m for m in moves if (staging / m.staged).is_file()]
    made = [m for m in moves if m not in waiting]
    changed = [m for m in waiting if not _unchanged(folder, staging, m)]
    if changed:
        undone = _undo(folder, staging, made)
        _end(staging)
        names = ", ".join(f"{shown}/{m.target}" for m in changed)
        return [
            f"An import was stopped part-way, and {names} changed since, so it was undone: {undone} record"
            f"{'s' * (undone != 1)} put back as they were. Run the import again."
        ]
    for move in waiting:
        target = folder / move.target
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / move.staged, target)
        _sync_folder(target.parent)
    _end(staging)
    return [
        f"An import was stopped part-way; it is now finished: {len(moves)} record{'s' * (len(moves) != 1)} in"
        f" {shown}/ ({len(waiting)} moved in just now)."
    ]


def _unchanged(folder: Path, staging: Path, move: Move) -> bool:
    """Whether the place of a move not yet made is as the import found it (empty, or the record it replaces)."""
    target = folder / move.target
    if move.before is None:
        return not os.path.lexists(target)
    return _file_digest(target) == _file_digest(staging / move.before)
