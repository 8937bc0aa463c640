"""Every internal link in the built site leads to a page, and every #anchor to an element on it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

EXTERNAL = ("http:", "https:", "mailto:", "tel:")


def _target_file(site: Path, path: str) -> Path | None:
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@cache
def _ids(path: Path) -> frozenset[str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset(e["id"] for e in soup.find_all(id=True))


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] == "pagefind" or rel.name == "404.html":
            continue
        base = "http://site/" + rel.as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a[href]"):
            href = link["href"]
            if href.startswith(EXTERNAL):
                continue
            target = urlsplit(urljoin(base, href))
            file = _target_file(site, target.path)
            if file is None:
                broken.append(f"{rel}: {href} (no such page)")
            elif target.fragment and unquote(target.fragment) not in _ids(file):
                broken.append(f"{rel}: {href} (no #{target.fragment} on that page)")
    return broken


def test_no_broken_internal_links(fixture_site: Path) -> None:
    assert broken_links(fixture_site) == []


def test_the_checker_finds_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"><a href="../b/">b</a> <a href="#y">y</a> <a href="#x">x</a>'
        ' <a href="https://example.org/">ext</a></p>'
    )
    assert broken_links(tmp_path) == ["a/index.html: ../b/ (no such page)", "a/index.html: #y (no #y on that page)"]
