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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.publish.lock import PublishError, one_build_at_a_time

__all__ = ["PublishError", "exchange", "fresh_dir_beside", "publish", "publishing"]

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
    live.parent.mkdir(parents=True, exist_ok=True)
    if live.exists() and not live.is_dir():
        raise PublishError(f"{live} is a file, not the site folder: move it away or choose another --site-dir")
    with one_build_at_a_time(live):
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
    if not live.exists():
        _replace(new, live)
        return
    if not exchange(new, live):
        aside = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.old-"))
        _replace(live, aside / live.name)
        try:
            _replace(new, live)
        except BaseException:
            _replace(aside / live.name, live)
            raise
        shutil.rmtree(aside, ignore_errors=True)
        return
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
