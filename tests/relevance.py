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
_SERVICE = re.compile(r"^/services/([^/]+)/(?:index\.html)?$")  # an English service page (not /pl/services/…)


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
            if found in self.query.relevant or synthetic_answers(found, self.query):
                return position
        return None


# A synthetic service (benchmarks/synthetic.py) answers a query as well as the sample's service of the same kind
# would: "Autism Outreach Brixton 12" is a right answer to "autism" just as the autism advisory service is. Each
# synthetic topic (the start of its id) with the sample services it stands beside, judged from the records' words;
# an entry "q:…" names a query it answers although no equivalent sample service is listed for it. An age in the query
# must fall in the synthetic service's ages.
SYNTHETIC_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "autism-outreach-": (
        "lambeth-autism-advisory-service", "q:autism 3 year old", "q:autism age 20", "q:my son is 4 and has autism"
    ),
    "speech-and-language-therapy-": ("speech-and-language-therapy-for-children",),
    "dyslexia-support-": ("q:dyslexia", "q:dyslexsia", "q:dislexia", "q:I think my child has dyslexia what can I do"),
    "learning-support-team-": (),
    "emotional-wellbeing-service-": (
        "q:anxiety", "q:anxeity", "q:my daughter is 15 and anxious", "q:my child is very anxious and can't sleep"
    ),
    "hearing-support-": ("q:deaf", "q:hearing aids", "q:hearring", "q:deaf baby", "q:deaf toddler"),
    "vision-support-": ("q:blind", "q:VI", "q:visually impaired"),
    "physical-disability-team-": ("q:physical disability", "q:wheelchair", "q:wheel chair"),
    "family-support-hub-": (),
    "short-breaks-club-": ("short-breaks-for-disabled-children",),
    "supported-internship-": ("supported-internships",),
    "reintegration-outreach-": (),
}
SYNTHETIC_AGES: dict[str, tuple[int, int]] = {}  # id: (min, max), filled by add_synthetic

_AGES = [
    (re.compile(r"\b(?:age|aged)\s+(\d{1,2})\b|\b(\d{1,2})\s*years?\s*old\b"), lambda n: (n, n)),
    (re.compile(r"\b(\d{1,2})\+"), lambda n: (n, 25)),
    (re.compile(r"\bafter\s+(\d{1,2})\b"), lambda n: (n + 1, 25)),
    (re.compile(r"\bunder\s+(\d{1,2})s?\b"), lambda n: (0, n - 1)),
    (re.compile(r"\byear\s+(\d{1,2})\b"), lambda n: (n + 4, n + 5)),
]


def query_ages(q: str) -> tuple[int, int] | None:
    text = q.lower()
    for pattern, ages in _AGES:
        m = pattern.search(text)
        if m:
            return ages(int(next(g for g in m.groups() if g)))
    if "reception" in text:
        return (4, 5)
    if "baby" in text:
        return (0, 1)
    return None


def synthetic_answers(found: str, query: Query) -> bool:
    if found not in SYNTHETIC_AGES:
        return False
    for prefix, answers in SYNTHETIC_EQUIVALENTS.items():
        if found.startswith(prefix):
            if not any(a in query.relevant or a == f"q:{query.q}" for a in answers):
                return False
            ages = query_ages(query.q)
            low, high = SYNTHETIC_AGES[found]
            return ages is None or (low <= ages[1] and ages[0] <= high)
    return False


def load_queries(path: Path = QUERIES) -> list[Query]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(r["q"]), r["kind"], tuple(r["relevant"])) for r in rows]


def build_sample(folder: Path, synthetic: int = 0) -> Path:
    """A real build of this repository's own records and content in `folder`, with `synthetic` made-up services
    beside them (benchmarks/synthetic.py: distractors at a council's scale); returns the site folder."""
    root = folder / "sample"
    root.mkdir(parents=True)
    shutil.copy(DEMO / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("content", "services", "schools"):
        shutil.copytree(DEMO / name, root / name)
    if synthetic:
        add_synthetic(root, synthetic)
    settings = load_settings(root / "mkdocs.yml")
    result = build_site(settings, today())
    assert result.built, result.log
    return settings.site_dir


def add_synthetic(root: Path, count: int, seed: int = 2026) -> None:
    """`count` synthetic services (benchmarks/synthetic.py) in the project at `root`, beside its own."""
    import random
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import HEADER, record

    rng = random.Random(seed)
    for i in range(count):
        data = record(i, rng)
        SYNTHETIC_AGES[data["id"]] = (data["age_range"]["min"], data["age_range"]["max"])
        path = root / "services" / data["category"] / f"{data['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


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
    found = [service_or_address(href) for href in hrefs]
    return Outcome(Query(q, "", ()), tuple(found), len(found))


def service_or_address(path: str) -> str:
    """A result as query files name it: an English service page by its id, any other page by its address."""
    match = _SERVICE.search(path)
    return match.group(1) if match else path


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
