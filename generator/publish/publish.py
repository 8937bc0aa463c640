"""Publish a finished site: everything or nothing, and never a moment without a site.

The new site is built in a fresh folder beside the published one; then the two are exchanged in one step
(Linux's renameat2 with RENAME_EXCHANGE), so at every instant `site/` holds either the whole old site or the
whole new one. Where the exchange is not available (Windows, macOS, some file systems) the old site is renamed aside
and the new one renamed into place straight after (os.replace): two renames, the old site kept whole until the new
one is there. One build at a time: generator.publish.lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.publish import lock
from generator.publish.lock import PublishError, one_build_at_a_time

__all__ = [
    "PublishError", "exchange", "fresh_dir_beside", "publish", "publish_together", "publishing", "publishing_all",
]

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _libc_renameat2() -> ctypes._NamedFuncPointer | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_RENAMEAT2 = _libc_renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False if this system or file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


@contextmanager
def publishing(live: Path) -> Iterator[None]:
    """One build at a time for a site folder; folders left by a build that was killed are removed first."""
    with publishing_all([live]):
        yield


@contextmanager
def publishing_all(lives: Sequence[Path]) -> Iterator[None]:
    """`publishing` for every folder a build publishes (the site, and the API folder if there is one); with flock the
    lock is on the folder holding them, taken once for each such folder."""
    with ExitStack() as stack:
        locked: set[Path] = set()
        for live in lives:
            live.parent.mkdir(parents=True, exist_ok=True)
            if live.exists() and not live.is_dir():
                advice = "move the file away, or choose another folder (--site-dir or --api-dir)"
                raise PublishError(f"{live} is a file, not a folder the build can publish into: {advice}")
            key = live.parent.resolve() if lock.LOCKS_FOLDER else live.resolve()  # flock: one lock for the folder
            if key not in locked:
                stack.enter_context(one_build_at_a_time(live))
                locked.add(key)
            for stale in live.parent.glob(f".{live.name}.*-*"):
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale, ignore_errors=True)
        yield


def fresh_dir_beside(live: Path) -> Path:
    """An empty folder next to `live` (same file system, so the final rename is atomic), readable by a web
    server running as another user (mkdtemp alone makes it private)."""
    fresh = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.new-"))
    fresh.chmod(0o755)
    return fresh


def publish(new: Path, live: Path) -> None:
    """Put the finished site `new` in place of `live`; `new` is gone afterwards (it held the old site)."""
    publish_together([(new, live)])


def _swap_in(new: Path, live: Path) -> Callable[[], None]:
    """Put `new` in place of `live`, leaving the old contents (if any) at `new`; returns how to undo it."""
    if not live.exists():
        _replace(new, live)
        return lambda: _replace(live, new)
    if exchange(new, live):
        return lambda: None if exchange(new, live) else None  # exchanging again puts the old one back
    aside = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.old-"))
    _replace(live, aside / live.name)
    try:
        _replace(new, live)
    except BaseException:
        _replace(aside / live.name, live)
        raise
    _replace(aside / live.name, new)
    aside.rmdir()

    def undo() -> None:
        _replace(live, aside)
        _replace(new, live)
        _replace(aside, new)

    return undo


def publish_together(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Put each finished folder `new` in place of its `live` one (the site and the API folder): if one cannot be put
    in place, those already exchanged are put back, so the published folders are all new or all as they were."""
    undo: list[Callable[[], None]] = []
    try:
        for new, live in pairs:
            undo.append(_swap_in(new, live))
    except BaseException:
        for step in reversed(undo):
            step()
        raise
    for new, _ in pairs:
        shutil.rmtree(new, ignore_errors=True)


def _replace(source: Path, target: Path, tries: int = 20) -> None:
    """os.replace, tried again for a few seconds while it is refused: on Windows a folder cannot be renamed while
    any file in it is open (a virus scanner or the search indexer reading the new site, a page being served)."""
    for attempt in range(tries):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if attempt == tries - 1:
                raise
            time.sleep(0.25)
