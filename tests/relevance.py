"""Search relevance on the sample site: the shared query set (tests/search_queries.yaml) run through the real search
page in Chromium, scored as hit@1, hit@5, mean reciprocal rank and zero-result count.

Used by benchmarks/search_quality.py (prints the figures) and tests/test_search_quality.py (holds the line)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml
from playwright.sync_api import Page

from generator.inputs.settings import load_settings, today
from generator.publish.build import build_site

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "tests" / "fixtures" / "demo"  # see conftest.DEMO
QUERIES = Path(__file__).resolve().parent / "search_queries.yaml"
_SERVICE = re.compile(r"/services/([^/]+)/(?:index\.html)?$")


@dataclass(frozen=True)
class Query:
    q: str
    kind: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    query: Query
    found: tuple[str, ...]  # the first page of results: service ids, or the address of any other page
    total: int

    @property
    def rank(self) -> int | None:
        """1-based position of the first relevant service on the first page of results, or None."""
        for position, found in enumerate(self.found, start=1):
            if found in self.query.relevant:
                return position
        return None


def load_queries(path: Path = QUERIES) -> list[Query]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(r["q"]), r["kind"], tuple(r["relevant"])) for r in rows]


def build_sample(folder: Path) -> Path:
    """A real build of this repository's own records and content in `folder`; returns the site folder."""
    root = folder / "sample"
    root.mkdir(parents=True)
    shutil.copy(DEMO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "services", "schools"):
        shutil.copytree(DEMO / name, root / name)
    settings = load_settings(root / "mkdocs.yml")
    result = build_site(settings, today())
    assert result.built, result.log
    return settings.site_dir


def search(page: Page, base: str, q: str) -> Outcome:
    page.goto(f"{base}search/?q={quote(q)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('[data-lo-status]');"
        " return s && s.textContent.trim() && !s.textContent.startsWith('Searching'); }",
        timeout=30_000,
    )
    hrefs = page.eval_on_selector_all(
        "[data-lo-results] > li h3 a", "links => links.map(a => new URL(a.href).pathname)"
    )
    found = []
    for href in hrefs:
        match = _SERVICE.search(href)
        found.append(match.group(1) if match else href)
    return Outcome(Query(q, "", ()), tuple(found), len(found))


def run(page: Page, base: str, queries: list[Query]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        seen = search(page, base, query.q)
        outcomes.append(Outcome(query, seen.found, seen.total))
    return outcomes


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    n = len(outcomes)
    ranks = [o.rank for o in outcomes]
    return {
        "queries": n,
        "hit@1": sum(1 for r in ranks if r == 1) / n,
        "hit@5": sum(1 for r in ranks if r is not None and r <= 5) / n,
        "mrr": sum(1 / r for r in ranks if r is not None) / n,
        "zero": sum(1 for o in outcomes if o.total == 0),
    }
