"""Search cost: index time, index size, and what the browser downloads for a first search.

Prints one row for the sample site (this repository) and one for a synthetic 2,000-service site.
Usage: python benchmarks/search.py [--count 2000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402
from synthetic import REPO, make_project  # noqa: E402

from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.publish.build import build_site, run_pagefind  # noqa: E402


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def first_search_bytes(site: Path, query: str) -> tuple[int, int]:
    """(bytes, requests) fetched for search (the index and the vocabulary) by a fresh browser for one search."""
    fetched: list[int] = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def count(request) -> None:
            if "/pagefind/" in request.url or request.url.endswith("/assets/search-words.json"):
                fetched.append(request.sizes()["responseBodySize"])

        page.on("requestfinished", count)
        page.goto(f"{url}search/?q={query}")
        expect(page.locator("[data-lo-status]")).to_contain_text("result", timeout=30_000)
        browser.close()
    return sum(fetched), len(fetched)


def measure(label: str, root: Path) -> dict:
    settings = load_settings(root / "mkdocs.yml")
    result = build_site(settings, today())
    assert result.built, result.log
    site = settings.site_dir
    shutil.rmtree(site / "pagefind")
    start = time.perf_counter()
    indexed = run_pagefind(site)
    seconds = time.perf_counter() - start
    assert indexed.returncode == 0, indexed.stderr
    downloaded, requests = first_search_bytes(site, "autism")
    pages = sum(1 for _ in site.rglob("index.html"))
    return {
        "site": label,
        "pages": pages,
        "index_s": seconds,
        "index_kb": folder_bytes(site / "pagefind") / 1024,
        "first_search_kb": downloaded / 1024,
        "requests": requests,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample"
        shutil.copytree(REPO, sample, ignore=shutil.ignore_patterns(".git", ".venv", "build", "site", "site.*"))
        rows.append(measure("sample", sample))
        rows.append(measure(f"synthetic {args.count}", make_project(Path(tmp) / "synthetic", args.count)))
    print(f"{'site':<16}{'pages':>7}{'index s':>9}{'index KB':>10}{'1st search KB':>15}{'requests':>10}")
    for r in rows:
        print(
            f"{r['site']:<16}{r['pages']:>7}{r['index_s']:>9.2f}{r['index_kb']:>10.0f}"
            f"{r['first_search_kb']:>15.1f}{r['requests']:>10}"
        )


if __name__ == "__main__":
    main()
