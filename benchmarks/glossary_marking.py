"""Cost of explaining glossary terms (generator/pages/glossary_terms.py): the one HTML pass that marks the first use of
each term, timed over every generated service page of the sample (its finished HTML, as the plugin sees it), and
the cost of building the marker once per build. Prints figures; never a test.

Usage: python benchmarks/glossary_marking.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.pages.glossary_terms import TermMarker  # noqa: E402
from generator.pipeline import generate  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("LOCAL_OFFER_TODAY", "2026-11-22")
    result = generate(load_settings(REPO / "mkdocs.yml"), today())
    assert result.ok, [p.text() for p in result.problems if p.severity == "error"]
    pages = [
        data.decode("utf-8").split("---\n", 2)[2]
        for rel, data in result.files.items()
        if rel.startswith("services/") and rel != "services/index.md"
    ]
    start = time.perf_counter()
    marker = TermMarker(result.glossary)
    built = time.perf_counter() - start
    per_page = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for html in pages:
            marker.mark(html, "../../glossary/")
        per_page.append((time.perf_counter() - start) / len(pages))
    size = statistics.mean(len(p) for p in pages)
    pattern = len(marker.pattern.pattern) if marker.pattern else 0
    print(f"glossary: {len(result.glossary.terms)} terms, pattern {pattern} chars")
    print(f"marker built once per build: {built * 1000:.1f} ms")
    print(f"service pages: {len(pages)}, mean {size / 1024:.1f} KB of HTML")
    print(f"marking per page: median {statistics.median(per_page) * 1000:.3f} ms, best {min(per_page) * 1000:.3f} ms")


if __name__ == "__main__":
    main()
