"""Reading built pages in tests."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag


def page(site: Path, url: str) -> BeautifulSoup:
    """The built page at a site URL such as 'services/autism-advice/'."""
    path = site / url / "index.html" if url.endswith("/") or not url else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_text(soup: BeautifulSoup) -> str:
    """The main content's words as read."""
    return words_of(soup.select_one("#main-content"))


def words_of(element: Tag) -> str:
    """An element's words as read: one space between words, none before punctuation that follows a link (a marked
    term)."""
    text = " ".join(element.get_text(" ").split())
    return re.sub(r" (?=[,.;:!?)])", "", text)


def listed_services(site: Path, url: str) -> list[str]:
    """Service ids linked from the main content of the page at `url`, in order."""
    ids = []
    for link in page(site, url).select("#main-content a[href]"):
        target = urlsplit(urljoin(f"http://site/{url}", link["href"]))
        parts = [p for p in target.path.split("/") if p]
        if target.netloc == "site" and len(parts) == 2 and parts[0] == "services":
            ids.append(parts[1])
    return ids
