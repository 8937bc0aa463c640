"""The repository's own sample content (Lambeth) is valid, complete and builds into a working site."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from conftest import REPO
from sitepages import main_text, page
from test_links import broken_links

from generator.inputs.settings import load_settings, today
from generator.pipeline import check


def test_sample_records_are_valid_and_cover_every_category() -> None:
    checked = check(load_settings(REPO / "mkdocs.yml"), today())
    assert [p.text() for p in checked.problems if p.severity == "error"] == []
    services = checked.site.services
    assert len(services) >= 40
    by_category = Counter(s.category for s in services)
    assert set(by_category) == {"send", "early-years", "careers", "alternative-provision"}
    assert min(by_category.values()) >= 5
    assert any(s.status == "closed" for s in checked.checked.records["service"])
    assert len(checked.site.guides) >= 4
    assert len(checked.site.feedback) >= 12


def test_sample_site_builds_with_working_links(sample_site: Path) -> None:
    assert broken_links(sample_site) == []
    text = main_text(page(sample_site, ""))
    for route in ("I am a parent or carer", "I am a young person", "I am a practitioner"):
        assert route in text


def test_sample_guides_cover_the_main_transitions(sample_site: Path) -> None:
    titles = " ".join(a.get_text() for a in page(sample_site, "transitions/").select("#main-content h2 a")).lower()
    for words in ("primary", "secondary", "adult"):
        assert words in titles
