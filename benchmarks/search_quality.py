"""Search relevance: the shared query set (tests/search_queries.yaml) through the real search page in Chromium, on a
real build of this repository's records and content. Prints, per query and overall, hit@1, hit@5, mean reciprocal
rank (of the first relevant service on the first page of results) and the number of queries with no results.

With --synthetic 300 (the issue-27 directory of about 350 services) the sample's records are joined by 300 synthetic
distractors from benchmarks/synthetic.py.

Usage: python benchmarks/search_quality.py [--kind typo] [--only-misses] [--synthetic 300] [--queries FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's generator, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from relevance import Outcome, build_sample, load_queries, run, scores  # noqa: E402


def line(o: Outcome) -> str:
    rank = o.rank
    mark = "  ok" if rank == 1 else (f"  @{rank}" if rank else "MISS")
    top = ", ".join(o.found[:3]) or "(no results)"
    return f"{mark:>5} {o.query.kind:<10} {o.query.q[:44]:<45} {top[:110]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", help="only queries of this kind (needs, jargon, age, sentence, …)")
    parser.add_argument("--only-misses", action="store_true", help="print only queries not answered first")
    parser.add_argument("--synthetic", type=int, default=0, help="add this many synthetic services (300: issue 27)")
    parser.add_argument("--queries", type=Path, help="another query file in the same form (a held-out set)")
    args = parser.parse_args()
    loaded = load_queries(args.queries) if args.queries else load_queries()
    queries = [q for q in loaded if not args.kind or q.kind == args.kind]
    with tempfile.TemporaryDirectory() as tmp:
        site = build_sample(Path(tmp), args.synthetic)
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            outcomes = run(page, url, queries)
            browser.close()
    for o in outcomes:
        if not args.only_misses or o.rank != 1:
            print(line(o))
    print()
    kinds = sorted({o.query.kind for o in outcomes})
    print(f"{'set':<12}{'queries':>8}{'hit@1':>8}{'hit@5':>8}{'MRR':>7}{'zero':>6}")
    for kind in [*kinds, "all"]:
        chosen = [o for o in outcomes if kind in ("all", o.query.kind)]
        s = scores(chosen)
        print(f"{kind:<12}{s['queries']:>8}{s['hit@1']:>8.0%}{s['hit@5']:>8.0%}{s['mrr']:>7.3f}{s['zero']:>6}")


if __name__ == "__main__":
    main()
