"""Publish a finished site: everything or nothing, and never a moment without a site.

The new site is built in a fresh folder beside the published one; then the two are exchanged in one step
(Linux's renameat2 with RENAME_EXCHANGE), so at every instant `site/` holds either the whole old site or the
whole new one. Where the exchange is not available the old site is renamed aside and the new one renamed into
place straight after: two renames, the old site kept whole until the new one is there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _libc_renameat2() -> ctypes._NamedFuncPointer | None:
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


def fresh_dir_beside(live: Path) -> Path:
    """An empty folder next to `live` (same file system, so the final rename is atomic)."""
    live.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.new-"))


def publish(new: Path, live: Path) -> None:
    """Put the finished site `new` in place of `live`; `new` is gone afterwards (it held the old site)."""
    if not live.exists():
        os.replace(new, live)
        return
    if not exchange(new, live):
        aside = Path(tempfile.mkdtemp(dir=live.parent, prefix=f".{live.name}.old-"))
        os.replace(live, aside / live.name)
        try:
            os.replace(new, live)
        except BaseException:
            os.replace(aside / live.name, live)
            raise
        shutil.rmtree(aside, ignore_errors=True)
        return
    shutil.rmtree(new, ignore_errors=True)
