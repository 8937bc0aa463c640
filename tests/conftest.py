"""Shared test helpers: a throwaway project (real mkdocs.yml, real content, fixture records) and real builds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from browser import CHROMIUM, CHROMIUM_ARGS, guard_network, serve
from hypothesis import settings as hypothesis_settings
from playwright.sync_api import Browser, Page, sync_playwright

from generator.inputs.settings import load_settings, today
from generator.publish.build import BuildResult, build_site

# Tests run as if on a fixed day, so date rules (not in the future, review due) give the same answer every year.
os.environ["LOCAL_OFFER_TODAY"] = "2026-11-22"

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# A frozen copy of the demonstration content (settings, pages and records as the sample had them on 2026-12-07): tests
# that need a realistic site use it, so that editing the sample itself, as a council does, never fails a test.
DEMO = FIXTURES / "demo"
EDITORIAL = ("transitions", "you-said-we-did")  # the sample's guides and feedback name sample services


def checkout_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess that runs `python -m generator`: this checkout's code first on the path (not
    whatever an installed copy points to), and the tests' fixed day."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}


def make_project(root: Path, services: Path | None = FIXTURES / "services") -> Path:
    """A project folder like the repository, with fixture records (services, schools, guides, feedback) instead of the
    sample ones."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(DEMO / "content", root / "content", ignore=shutil.ignore_patterns(*EDITORIAL))
    for folder in EDITORIAL:
        shutil.copytree(FIXTURES / folder, root / "content" / folder)
    shutil.copytree(FIXTURES / "schools", root / "schools")
    if services is not None:
        shutil.copytree(services, root / "services")
    else:
        (root / "services").mkdir()
    fit_glossary(root)
    return root


def fit_glossary(root: Path) -> None:
    """The sample glossary, naming only the services and guides the fixture project has."""
    path = root / "content" / "glossary.yaml"
    if not path.is_file():
        return
    have = {
        "services": {p.stem for p in (root / "services").rglob("*.yaml")},
        "guides": {p.stem for p in (root / "content" / "transitions").glob("*.yaml")},
    }
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))
    for term in terms:
        for name, ids in have.items():
            if name in term:
                term[name] = [i for i in term[name] if i in ids]
                if not term[name]:
                    del term[name]
    path.write_text(yaml.safe_dump(terms, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def build(root: Path, **options: Any) -> BuildResult:
    return build_site(load_settings(root / "mkdocs.yml"), today(), **options)


def write_record(root: Path, category: str, stem: str, text: str) -> Path:
    path = root / "services" / category / f"{stem}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the fixture project, shared by the read-only HTML tests. Returns the site folder."""
    root = make_project(tmp_path_factory.mktemp("fixture-project"))
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    return root / "site"


@pytest.fixture(scope="session")
def synthetic_directory(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A 2,000-service directory (benchmarks/synthetic.py) with the sample's 42 schools and settings, and every file
    one generation of it makes (in memory): shared by the feed and feed-API tests, which sit in one xdist group so
    it is made once a run."""
    import sys

    from generator.pipeline import generate

    sys.path.insert(0, str(REPO / "benchmarks"))
    import synthetic

    root = synthetic.make_project(tmp_path_factory.mktemp("synthetic") / "project", 2000)
    shutil.copytree(DEMO / "schools", root / "schools")
    result = generate(load_settings(root / "mkdocs.yml"), today())
    assert result.ok, [p.text() for p in result.problems][:5]
    return root, result.files


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path) -> Iterator[str]:
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build of the demonstration content (DEMO: a frozen copy of the sample), in a temporary folder."""
    root = tmp_path_factory.mktemp("sample") / "project"
    shutil.copytree(DEMO, root)
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    return root / "site"


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def outside_requests() -> list[str]:
    return []


@pytest.fixture
def browser_page(chromium: Browser, outside_requests: list[str]) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    guard_network(context, outside_requests)
    page = context.new_page()
    yield page
    context.close()
    assert outside_requests == [], f"requests left the machine: {outside_requests}"


BROWSER_FIXTURES = {"chromium", "browser_page", "fixture_url", "sample_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked `browser`, so `-m "not browser"` runs the quick ones."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


# Hypothesis keeps no example database in the checkout (tests never write there).
hypothesis_settings.register_profile("local-offer", database=None)
hypothesis_settings.load_profile("local-offer")
