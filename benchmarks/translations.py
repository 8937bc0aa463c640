"""Build time of the sample with its translations (4 languages) against the same sample with none: the whole build
(check, render, MkDocs, Pagefind), in a scratch copy, each built --repeat times, median and best. Prints figures;
never a test. Target: at most 1.5 times the English-only build.

Usage: python benchmarks/translations.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.publish.build import build_site  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def _copy(to: Path, translations: bool) -> Path:
    to.mkdir()
    for name in ("mkdocs.yml", "content", "services", "schools"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, to / name, ignore=None if translations else shutil.ignore_patterns("translations"))
        else:
            shutil.copy(source, to / name)
    return to


def _times(root: Path, repeat: int) -> tuple[list[float], int]:
    seconds = []
    pages = 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = build_site(load_settings(root / "mkdocs.yml"), today())
        seconds.append(time.perf_counter() - start)
        assert result.built, result.log
        pages = sum(1 for _ in (root / "site").rglob("index.html"))
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("LOCAL_OFFER_TODAY", "2026-12-07")
    with tempfile.TemporaryDirectory() as scratch:
        english = _copy(Path(scratch, "english"), translations=False)
        translated = _copy(Path(scratch, "translated"), translations=True)
        _times(english, 1)  # warm the caches (Python imports, Pagefind's binary) before either is timed
        rows = []
        for name, root in (("English only", english), ("4 languages", translated)):
            seconds, pages = _times(root, args.repeat)
            rows.append((name, statistics.median(seconds), min(seconds), pages))
        for name, median, best, pages in rows:
            print(f"{name:<14} median {median:6.2f} s  best {best:6.2f} s  ({pages} pages)")
        print(f"ratio (median): {rows[1][1] / rows[0][1]:.2f}× (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
