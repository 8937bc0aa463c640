"""Site addresses of docs pages, with directory-style URLs (services/x.md is served at services/x/)."""

from __future__ import annotations


def url_of(page: str) -> str:
    """The site URL (relative to the site root) of a docs page, with directory-style URLs."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def relative_link(from_page: str, to_page: str) -> str:
    """The link from one docs page to another as the browser resolves it (both served as folders); what
    `posixpath.relpath` gives for these clean paths, without its look at the working folder (a listing of thousands
    of services makes thousands of links)."""
    here = [part for part in url_of(from_page).split("/") if part]
    target = [part for part in url_of(to_page).split("/") if part]
    common = 0
    while common < min(len(here), len(target)) and here[common] == target[common]:
        common += 1
    parts = [".."] * (len(here) - common) + target[common:]
    return "/".join(parts) + "/" if parts else "./"
