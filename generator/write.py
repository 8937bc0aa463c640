"""Write generated files and publish a finished site, never leaving a half-written state behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

Files = dict[str, bytes]


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_tree(files: Files, target: Path) -> int:
    """Make `target` hold exactly `files`; only changed files are touched (so live preview does not loop).

    Returns how many files were written or removed.
    """
    target.mkdir(parents=True, exist_ok=True)
    changes = 0
    for rel, data in files.items():
        path = target / rel
        if path.is_file():
            if path.read_bytes() == data:
                continue
            _atomic_write(path, data)  # replacing: never leave a half-written file behind
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)  # new: nothing to protect
        changes += 1
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            changes += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changes


def fresh_dir_beside(live: Path) -> Path:
    """An empty folder next to `live` (same file system, so the final rename is atomic)."""
    live.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=live.parent, prefix=f"{live.name}.new-"))


def swap_in(new: Path, live: Path) -> None:
    """Replace `live` with `new`: the old site stays whole until the moment it is moved aside."""
    old = None
    if live.exists():
        old = Path(tempfile.mkdtemp(dir=live.parent, prefix=f"{live.name}.old-"))
        os.replace(live, old / live.name)
    try:
        os.replace(new, live)
    except BaseException:
        if old is not None:
            os.replace(old / live.name, live)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
