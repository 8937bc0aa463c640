"""Spread independent work (one record, one page) over every core when there is enough of it."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves

# The function being mapped, inherited by the forked workers rather than sent to them with every batch of items
# (it can carry the whole site: pickling that for each batch cost more than the pages it rendered at county scale).
_WORK: list[Callable[[Any], Any]] = []


def _call(item: Any) -> Any:
    return _WORK[0](item)


def pmap(fn: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    """`[fn(item) for item in items]`, in order, on every core for large inputs (items must be picklable)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        return [fn(item) for item in items]
    _WORK[:] = [fn]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            return list(pool.map(_call, items, chunksize=max(1, len(items) // (workers * 4))))
    finally:
        _WORK.clear()
