"""Precompressed copies of the site's text files: beside each HTML, CSS, JavaScript, JSON, XML, SVG, CSV or text
file, `<name>.br` (Brotli) and `<name>.gz` (gzip), written into the build's own folder before it is published, so a
failed build still leaves the live site as it was.

Hosts send them instead of compressing on every request: nginx with `gzip_static on` (and `brotli_static on`, which
needs the ngx_brotli module), and any host that serves a `.br`/`.gz` file for `Accept-Encoding`. Pagefind's index
files are compressed already and are left alone (their endings are not in the list); a copy that would not be
smaller than its file is not written.

The stylesheets and scripts every page shares (in assets/ and pagefind/, downloaded once and kept) get Brotli's best
compression; pages and data files, of which a large directory has thousands, get Brotli quality 5, as hosts that
compress on the fly use (quality 11 is over ten times slower for about a tenth less).
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

TEXT = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".csv", ".txt", ".webmanifest"})
SHARED = ("assets", "pagefind")  # top-level folders of files every page uses
BEST, FAST = 11, 5  # Brotli qualities
GZIP_LEVEL = 6  # 9 is a third slower for 0.3 % less
SUFFIXES = (".br", ".gz")


def text_files(site: Path) -> Iterator[Path]:
    for at, _, names in os.walk(site):
        for name in names:
            if os.path.splitext(name)[1].lower() in TEXT:
                yield Path(at, name)


def _shared(site: Path, path: Path) -> bool:
    return path.suffix in (".css", ".js", ".mjs") and path.relative_to(site).parts[0] in SHARED


def _compress(path: Path, quality: int) -> int:
    """Write `path`'s compressed copies; the number of bytes written."""
    data = path.read_bytes()
    written = 0
    for suffix, packed in (
        (".br", brotli.compress(data, quality=quality)),
        (".gz", gzip.compress(data, GZIP_LEVEL, mtime=0)),  # mtime 0: the same file gives the same copy
    ):
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written += len(packed)
    return written


def precompress(site: Path, workers: int | None = None) -> int:
    """Write `.br` and `.gz` copies of every text file in `site` (compression runs outside Python's lock, so threads
    use every core); returns the number of files compressed."""
    jobs = [(path, BEST if _shared(site, path) else FAST) for path in text_files(site)]
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        list(pool.map(lambda job: _compress(*job), jobs))
    return len(jobs)
