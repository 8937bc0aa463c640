"""Spread independent work (one record, one page) over every core when there is enough of it."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves

# The function being mapped, inherited by the forked workers rather than sent to them with every batch of items
# (it can carry the whole site: pickling that for each batch cost more than the pages it rendered at county scale).
_WORK: list[Callable[[Any], Any]] = []


def _call(item: Any) -> Any:
    return _WORK[0](item)


def can_fork() -> bool:
    """Whether workers can be forked with this process's memory (not on Windows, which only starts new ones)."""
    return hasattr(os, "fork") and "fork" in get_all_start_methods()


def workers() -> int:
    """How many worker processes large work is spread over: the processors this process may use, at most 8; 1 (all
    work in this process) where workers cannot be forked."""
    if not can_fork():
        return 1
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return min(len(usable), 8)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None) -> None:
    """In a process the build started (a worker, the indexer): end it when the build's process ends, however that
    ends (killed too), so that nothing goes on writing into the build's folder, or holding its lock, after it.
    `parent`: the build's process id, taken before the fork. If the build ended between the fork and this call,
    there was no one left to send the signal: this process ends at once (a build killed just as it started the
    indexer had left it indexing into the folder the next build was removing)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if parent is not None and os.getppid() != parent:
            os._exit(1)


def child_setup() -> Callable[[], None] | None:
    """For subprocess's preexec_fn (run between fork and exec): `die_with_parent` for a child of this process. Where
    there is no fork (Windows) subprocess refuses any preexec_fn (a ValueError), even one that would do nothing, so
    there is none."""
    if not can_fork():
        return None
    parent = os.getpid()
    return lambda: die_with_parent(parent)





def pmap(fn: Callable[[Item], Result], items: Sequence[Item], min_items: int = PARALLEL_FROM) -> list[Result]:
    """`[fn(item) for item in items]`, in order, on every core for `min_items` items or more (items and results
    must be picklable; `fn` need not be: the workers are forked with it)."""
    count = workers()
    if len(items) < min_items or count < 2:
        return [fn(item) for item in items]
    _WORK[:] = [fn]
    gc.freeze()  # the workers share this process's objects unchanged: their collector leaves them (and their pages)
    try:
        pool = ProcessPoolExecutor(
            max_workers=count,
            mp_context=get_context("fork"),
            initializer=die_with_parent,
            initargs=(os.getpid(),),
        )
        with pool:
            return list(pool.map(_call, items, chunksize=max(1, len(items) // (count * 4))))
    finally:
        gc.unfreeze()
        _WORK.clear()
