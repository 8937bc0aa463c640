"""Site addresses of docs pages, with directory-style URLs (services/x.md is served at services/x/)."""

from __future__ import annotations

import posixpath


def url_of(page: str) -> str:
    """The site URL (relative to the site root) of a docs page, with directory-style URLs."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_link(from_page: str, to_page: str) -> str:
    here = url_of(from_page) or "."
    target = url_of(to_page) or "."
    rel = posixpath.relpath(target, here)
    return "./" if rel == "." else rel + "/"
