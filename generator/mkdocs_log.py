"""What MkDocs logs while it reads the settings or builds, kept for the command to report (not printed)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Keep(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


@contextmanager
def mkdocs_warnings() -> Iterator[list[logging.LogRecord]]:
    """MkDocs' warnings and errors while the block runs (strict mode turns a warning into a failed build)."""
    records: list[logging.LogRecord] = []
    logger = logging.getLogger("mkdocs")
    handler, propagate = _Keep(records), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
