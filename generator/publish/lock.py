"""One build at a time into a site folder, on every system.

Where there is flock (Linux, macOS) the lock is on the folder holding the site, and the system lets it go when the
build's process ends, however it ends. Where there is not (Windows) each build writes a lock file beside the site
folder, `.<site>.lock-<process id>`, holding its process's id and start time, then looks for the others' lock files:
one whose process is still running (the same id, started at the same time) refuses this build; one whose process has
ended (a build that was killed) is removed. A lock file is removed by another build only once its process has
ended, so a running build's lock is never taken away; two builds that start at the same instant may both be refused,
never both run.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


LOCKS_FOLDER = fcntl is not None  # flock on the folder holding the site; else a lock file for each folder built into


class PublishError(Exception):
    """The site cannot be published here (another build is running, or `site` is not a folder)."""


def refused(folder: Path) -> PublishError:
    return PublishError(f"another build into {folder} is running: wait for it to finish")


@contextmanager
def one_build_at_a_time(live: Path) -> Iterator[None]:
    """Hold the lock for building into `live` (whose folder exists), or raise `refused`."""
    if fcntl is not None:
        with _flocked(live.parent):
            yield
    else:
        with _lock_file(live):
            yield


@contextmanager
def _flocked(folder: Path) -> Iterator[None]:
    assert fcntl is not None
    handle = os.open(folder, os.O_RDONLY)  # the lock is on the folder holding the site: no lock file
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise refused(folder) from None
        yield
    finally:
        os.close(handle)


LOCK_PREFIX = ".{name}.lock-"
_HELD: set[Path] = set()  # the lock files this process holds
WRITING_SECONDS = 10  # a lock file still empty after this was left by a build killed as it wrote it


@contextmanager
def _lock_file(live: Path) -> Iterator[None]:
    prefix = LOCK_PREFIX.format(name=live.name)
    mine = live.parent / f"{prefix}{os.getpid()}"
    if mine in _HELD:
        raise refused(live.parent)
    with contextlib.suppress(FileNotFoundError):
        mine.unlink()  # left by an earlier process with this id, which has ended
    handle = os.open(mine, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(handle, f"{os.getpid()} {process_started(os.getpid())}\n".encode())
    finally:
        os.close(handle)
    _HELD.add(mine)
    try:
        for other in live.parent.glob(f"{prefix}*"):
            if other != mine and _held(other):
                raise refused(live.parent)
        yield
    finally:
        _HELD.discard(mine)
        with contextlib.suppress(FileNotFoundError):
            mine.unlink()


def _held(lock: Path) -> bool:
    """Whether the build that wrote `lock` is still running; if it has ended, its lock file is removed."""
    try:
        pid_text, _, started = lock.read_text(encoding="utf-8", errors="replace").strip().partition(" ")
        written = lock.stat().st_mtime
    except FileNotFoundError:
        return False  # its build has just finished
    except OSError:
        return True  # not ours to judge: never removed
    if pid_text.isdigit():
        if started and process_started(int(pid_text)) == started:
            return True
    elif time.time() - written < WRITING_SECONDS:
        return True  # being written this instant
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()
    return False


def process_started(pid: int) -> str:
    """When process `pid` started, as the system tells it ("" if it is not running; "running" if it is but its start
    is unknown here). A process id is reused once its process has ended, so the id and start time name one process."""
    if sys.platform == "win32":
        return _windows_process_started(pid)
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text(encoding="utf-8", errors="replace").rpartition(")")[2].split()[19]
    except FileNotFoundError:
        return ""
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process is there (never on Windows, where it ends it)
    except ProcessLookupError:
        return ""
    except OSError:
        pass  # there, but another user's
    return "running"


if sys.platform == "win32":
    import ctypes
    from ctypes import wintypes

    _PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
    _STILL_ACTIVE = 259
    _ERROR_INVALID_PARAMETER = 87  # OpenProcess's answer for an id no process has

    def _windows_process_started(pid: int) -> str:
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
        kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE, *[ctypes.POINTER(wintypes.FILETIME)] * 4]
        kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
        handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return "" if ctypes.get_last_error() == _ERROR_INVALID_PARAMETER else "running"
        try:
            code = wintypes.DWORD()
            if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != _STILL_ACTIVE:
                return ""
            created, ended, kernel, user = (wintypes.FILETIME() for _ in range(4))
            if not kernel32.GetProcessTimes(
                handle, ctypes.byref(created), ctypes.byref(ended), ctypes.byref(kernel), ctypes.byref(user)
            ):
                return "running"
            return str(created.dwHighDateTime << 32 | created.dwLowDateTime)
        finally:
            kernel32.CloseHandle(handle)
