"""A failed build never touches the published site; a good one replaces it whole."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import build, make_project, write_record


def _snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_failed_builds_leave_the_published_site_exactly_as_it_was(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    site = root / "site"
    before = _snapshot(site)
    assert "services/autism-advice/index.html" in before

    # 1. an invalid record: stopped by validation
    write_record(root, "send", "broken", "id: broken\nname: [unclosed\n")
    result = build(root)
    assert not result.built and not result.generated.ok
    assert _snapshot(site) == before
    (root / "services" / "send" / "broken.yaml").unlink()

    # 2. valid records, but MkDocs itself fails (a broken link in a hand-written page, in strict mode)
    (root / "content" / "about.md").write_text("# About\n\n[Missing](no-such-page.md)\n", encoding="utf-8")
    result = build(root)
    assert result.generated.ok and not result.built
    assert "no-such-page.md" in result.log
    assert _snapshot(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["build", "content", "mkdocs.yml", "services", "site"]


def test_a_good_build_replaces_the_site_and_drops_removed_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    (root / "services" / "careers" / "supported-internships.yaml").unlink()
    assert build(root).built
    assert not (root / "site" / "services" / "supported-internships").exists()
    assert not (root / "build" / "docs" / "services" / "supported-internships.md").exists()
    assert (root / "site" / "services" / "autism-advice" / "index.html").is_file()


def test_skipping_markdown_for_generated_pages_changes_nothing_visible(tmp_path: Path, fixture_site: Path) -> None:
    """The speed-up hook only skips work: without it the same pages come out the same."""
    import yaml
    from bs4 import BeautifulSoup

    root = make_project(tmp_path / "project")
    config = yaml.safe_load((root / "mkdocs.yml").read_text())
    config.pop("hooks")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    assert build(root).built
    for url in ("services/autism-advice/", "transitions/primary-to-secondary/", "you-said-we-did/2025/", "ages/0-4/"):
        with_hook, without = (
            BeautifulSoup((site / url / "index.html").read_text(), "html.parser").select_one("#main-content")
            for site in (fixture_site, root / "site")
        )
        assert " ".join(with_hook.get_text().split()) == " ".join(without.get_text().split()), url
        assert len(with_hook.find_all(True)) == len(without.find_all(True)), url
