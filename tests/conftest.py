"""Shared test helpers: a throwaway project (real mkdocs.yml, real content, fixture records) and real builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
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


NEW_SERVICE = """\
# yaml-language-server: $schema=../../schema/service.schema.json
id: sibling-support-group
name: Sibling Support Group
organisation: Carers Hub
category: send
summary: A monthly group where brothers and sisters of disabled children meet, play and talk with others like them.
description: |
  Young carers aged 8 to 16 meet once a month after school. They play games, go on trips and talk with youth workers
  who understand what home can be like.
age_range: {min: 8, max: 16}
needs: [all-needs]
phases: [primary, secondary]
eligibility: Brothers and sisters of a child or young person with SEND.
how_to_access: Ask a parent or carer to phone us, or ask a teacher or social worker to refer.
referral: self-or-professional
cost: free
contact:
  phone: "020 7000 0123"
  email: siblings@example.org.uk
last_reviewed: {today}
"""


def coordinator_edits(root: Path, day: date) -> dict[str, str]:
    """What a Local Offer coordinator does to a council's folder in an ordinary week, following CONTRIBUTING: add a
    new service, review a record today, add a setting's URN, close the service that other pages name most. Works on
    any council's records (none is named); returns what was done to which id."""
    done: dict[str, str] = {}
    added = root / "services" / "send" / "sibling-support-group.yaml"
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text(NEW_SERVICE.replace("{today}", day.isoformat()), encoding="utf-8")
    done["added"] = "sibling-support-group"
    services = sorted(p for p in (root / "services").rglob("*.yaml") if p != added)
    named = Counter(
        ref
        for text in (p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.yaml"))
        for ref in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", text)
    )
    open_ = [p for p in services if not re.search(r"(?m)^status: closed", p.read_text(encoding="utf-8"))]
    closing = max(open_, key=lambda p: (named[p.stem], p.stem))
    text = re.sub(r"(?m)^status:.*\n(^status_reason:.*\n)?", "", closing.read_text(encoding="utf-8"))
    closing.write_text(text.rstrip("\n") + "\nstatus: closed\n", encoding="utf-8")
    done["closed"] = closing.stem
    reviewed = next(p for p in open_ if p != closing)
    text = reviewed.read_text(encoding="utf-8")
    reviewed.write_text(re.sub(r"(?m)^last_reviewed:.*$", f"last_reviewed: {day.isoformat()}", text), encoding="utf-8")
    done["reviewed"] = reviewed.stem
    settings = sorted((root / "schools").glob("*.yaml"))
    used = {m for p in settings for m in re.findall(r'(?m)^urn: "?(\d{6})', p.read_text(encoding="utf-8"))}
    without = next(p for p in settings if not re.search(r"(?m)^urn:", p.read_text(encoding="utf-8")))
    urn = next(str(n) for n in range(100000, 999999) if str(n) not in used)
    without.write_text(without.read_text(encoding="utf-8").rstrip("\n") + f'\nurn: "{urn}"\n', encoding="utf-8")
    done["urn"] = without.stem
    return done


def real_day_env() -> dict[str, str]:
    """checkout_env on the real day (the council's workflow runs on today's date, not the tests' fixed one)."""
    return {k: v for k, v in checkout_env().items() if k != "LOCAL_OFFER_TODAY"}


@pytest.fixture(scope="session")
def edited_sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """The repository's own sample content as it is today, after a coordinator's ordinary edits, put through the
    council workflow's pull-request steps (validate with annotations, then build) on the real day. Returns the
    project folder, what was edited, and each step's output."""
    root = tmp_path_factory.mktemp("edited-sample") / "project"
    root.mkdir()
    for part in ("mkdocs.yml", "content", "services", "schools"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, root / part)
    edits = coordinator_edits(root, date.today())
    outputs = {}
    for step in (["validate", "--format", "github"], ["build"]):
        done = subprocess.run(
            [sys.executable, "-m", "generator", *step], cwd=root, env=real_day_env(), capture_output=True, text=True
        )
        outputs[step[0]] = done.stdout + done.stderr
        assert done.returncode == 0, f"{' '.join(step)} failed after {edits}:\n{outputs[step[0]]}"
    return root, edits, outputs
