"""Search in other languages (issue 28): the held-out query file tests/search_queries_languages.yaml, and any
queries given on the command line, through the real search page in Chromium on a real build of this checkout's
sample (with its translations). Prints for each query the number of results, the first three, whether the
"What you can do next" help (Nothing found, contact the Local Offer team) shows, and hit@1, hit@5, MRR.

Usage: python benchmarks/search_languages.py [--site DIR (an existing build)] [--queries FILE] [QUERY ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's generator, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import Page, sync_playwright  # noqa: E402
from relevance import Outcome, Query, load_queries, scores, search  # noqa: E402

from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.publish.build import build_site  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LANGUAGE_QUERIES = REPO / "tests" / "search_queries_languages.yaml"


def build_checkout(folder: Path) -> Path:
    """A real build of this checkout's own records, content and translations in `folder`; the site folder."""
    root = folder / "sample"
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "services", "schools"):
        shutil.copytree(REPO / name, root / name)
    settings = load_settings(root / "mkdocs.yml")
    result = build_site(settings, today())
    assert result.built, result.log
    return settings.site_dir


def measure(page: Page, base: str, query: Query) -> tuple[Outcome, int, bool]:
    """(the first page of results, the number of results, whether the help for nothing found shows)."""
    seen = search(page, base, query.q)
    status = page.inner_text("[data-lo-status]")
    count = re.match(r"(\d+) results?", status)
    helped = page.is_visible("[data-lo-next-steps]")
    return Outcome(query, seen.found, seen.total), int(count.group(1)) if count else 0, helped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, help="a built site to search (default: build the sample afresh)")
    parser.add_argument("--queries", type=Path, default=LANGUAGE_QUERIES)
    parser.add_argument("extra", nargs="*", help="more queries, judged by nobody (figures only)")
    args = parser.parse_args()
    queries = [*load_queries(args.queries), *(Query(q, "extra", ()) for q in args.extra)]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_checkout(Path(tmp))
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            measured = [measure(page, url, q) for q in queries]
            browser.close()
    for outcome, count, helped in measured:
        rank = outcome.rank
        unjudged = "    " if outcome.query.kind == "extra" else "MISS"
        mark = "  ok" if rank == 1 else (f"  @{rank}" if rank else unjudged)
        top = ", ".join(outcome.found[:3]) or "(none)"
        print(f"{mark:>5} {outcome.query.q[:38]:<39}{count:>4} {'help' if helped else '    '} {top[:120]}")
    judged = [o for o, _, _ in measured if o.query.kind != "extra"]
    s = scores(judged)
    print(f"\nqueries {s['queries']}  hit@1 {s['hit@1']:.0%}  hit@5 {s['hit@5']:.0%}  MRR {s['mrr']:.3f}"
          f"  zero {s['zero']}")
    print(f"results over 50: {sum(1 for _, c, _ in measured if c > 50)};"
          f" help shown: {sum(1 for _, _, h in measured if h)} of {len(measured)}")


if __name__ == "__main__":
    main()
