"""A failed build never touches the published site; a good one replaces it whole."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import build, fit_glossary, make_project, write_record


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

    # 2. valid records, but MkDocs itself fails in strict mode: a link to a heading the page does not have, with the
    # council's MkDocs settings asking for such links to be warned about (checked by MkDocs alone, after ours)
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text(encoding="utf-8") + "validation:\n  anchors: warn\n", encoding="utf-8")
    (root / "content" / "about.md").write_text("# About\n\n[Contact](contact.md#no-such-heading)\n", encoding="utf-8")
    result = build(root)
    assert result.generated.ok and not result.built
    assert "no-such-heading" in "\n".join(result.log)
    assert _snapshot(site) == before
    assert sorted(p.name for p in root.iterdir()) == ["content", "mkdocs.yml", "schools", "services", "site"]


def test_a_good_build_replaces_the_site_and_drops_removed_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    (root / "services" / "careers" / "supported-internships.yaml").unlink()
    fit_glossary(root)  # as the coordinator must: the glossary named it as a related service
    assert build(root).built
    assert not (root / "site" / "services" / "supported-internships").exists()
    assert (root / "site" / "services" / "autism-advice" / "index.html").is_file()


def _normalised(html: str) -> str:
    """The page with runs of white space made one, and none between tags."""
    return re.sub(r">\s+<", "><", " ".join(html.split()))


def test_skipping_markdown_for_generated_pages_changes_no_page(tmp_path: Path, fixture_site: Path) -> None:
    """The finished-HTML shortcut only skips work: every page built through Markdown is the same, whole."""
    root = make_project(tmp_path / "project")
    assert build(root, finished_html=False).built
    fast = {p.relative_to(fixture_site): p for p in fixture_site.rglob("*.html")}
    slow = {p.relative_to(root / "site"): p for p in (root / "site").rglob("*.html")}
    assert fast.keys() == slow.keys() and len(fast) > 30
    for rel, path in fast.items():
        assert _normalised(path.read_text()) == _normalised(slow[rel].read_text()), rel


def test_pages_built_on_every_core_are_the_pages_built_on_one(
    tmp_path: Path, fixture_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked workers put the pages through the theme (a large directory's way): every file of the site is the same,
    byte for byte, the host files' Content-Security-Policy hashes included. (Whether the workers' hashes came back is
    not seen here: without them the policy pass reads the pages again and finds the same.)"""
    import generator.parallel as parallel
    import generator.publish.mkdocs_pages as mkdocs_pages

    spread: list[int] = []
    on_every_core = mkdocs_pages._build_on_every_core

    def counted(*args: object, **kwargs: object) -> set[int]:
        built = on_every_core(*args, **kwargs)  # type: ignore[arg-type]
        spread.append(len(built))
        return built

    monkeypatch.setattr(mkdocs_pages, "PARALLEL_FROM", 2)
    monkeypatch.setattr(mkdocs_pages, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "workers", lambda: 2)  # forked, even where only one processor may be used
    monkeypatch.setattr(mkdocs_pages, "_build_on_every_core", counted)
    root = make_project(tmp_path / "project")
    result = build(root)
    assert result.built, result.log
    assert len(spread) == 1 and spread[0] > 30  # every page, once
    # Pagefind's own files (their names too) change from one indexing to the next; every other file is the same
    built, serial = _snapshot(root / "site"), _snapshot(fixture_site)
    assert {rel: h for rel, h in built.items() if not rel.startswith("pagefind/")} == {
        rel: h for rel, h in serial.items() if not rel.startswith("pagefind/")
    }
