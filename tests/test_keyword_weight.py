"""Keywords help a page be found but cannot buy its place: on a real build and its Pagefind index, a paid tutor whose
keywords stuff "short breaks" and "autism" ranks below every service whose name or summary says those words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve
from conftest import FIXTURES, build, make_project, write_record
from playwright.sync_api import Browser, Page
from test_search import search

AUTISM = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text(encoding="utf-8")


def _service(root: Path, stem: str, name: str, summary: str, keywords: str = "[]") -> None:
    text = AUTISM.replace("id: autism-advice", f"id: {stem}").replace("name: Autism Advisory Team", f"name: {name}")
    text = text.replace(
        "summary: Teachers who help schools and families to support autistic children and young people.",
        f"summary: {summary}",
    )
    text = text.replace("keywords: [autism, ASD, autistic]", f"keywords: {keywords}")
    write_record(root, "send", stem, text)


STUFFED = (
    "[short breaks, short break, short breaks club, short breaks scheme, respite short breaks, autism, autistic,"
    " autism support, autism help, autism tutor, ASD, short breaks autism]"
)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(tmp_path_factory.mktemp("keywords") / "p")
    _service(root, "play-scheme", "Holiday Play Scheme", "Short breaks in the school holidays for disabled children.")
    _service(root, "saturday-club", "Saturday Short Breaks Club", "A Saturday club for disabled children aged 8 to 18.")
    _service(root, "autism-group", "Parent Group", "A monthly group for parents of children with autism.")
    _service(root, "tutor", "Bright Minds Tutoring", "Paid one-to-one lessons in maths and English.", STUFFED)
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    with serve(root / "site") as url:
        yield url


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("query", "honest"),
    [
        ("short breaks", ["Holiday Play Scheme", "Saturday Short Breaks Club"]),
        ("autism", ["Autism Advisory Team", "Parent Group"]),
    ],
)
def test_stuffed_keywords_do_not_outrank_names_and_summaries(
    page: Page, site_url: str, query: str, honest: list[str]
) -> None:
    found = search(page, site_url, query)
    assert "Bright Minds Tutoring" in found, found  # keywords still find it
    tutor = found.index("Bright Minds Tutoring")
    assert all(found.index(name) < tutor for name in honest), found
