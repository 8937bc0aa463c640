"""The search page preloads the index's metadata file, whose name Pagefind gives only when it indexes: after
indexing, a preload link for it goes into the search page beside the others (site_overrides/main.html), so a phone
fetches it with the page instead of two round trips later (issue 27)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

ENTRY_PRELOAD = 'pagefind-entry.json?ts=lo" as="fetch" crossorigin>'


def preload_search_meta(site: Path) -> bool:
    """Add the link to site/search/index.html; False (and nothing changed) when the page, the entry file or a single
    language index is not there, or the page has no entry preload to put it after."""
    page = site / "search" / "index.html"
    entry = site / "pagefind" / "pagefind-entry.json"
    if not page.is_file() or not entry.is_file():
        return False
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except (ValueError, AttributeError):
        return False
    if not isinstance(languages, dict) or len(languages) != 1:
        return False
    (info,) = languages.values()
    name = f"pagefind.{info.get('hash', '')}.pf_meta" if isinstance(info, dict) else ""
    if not name.startswith("pagefind.") or not (site / "pagefind" / name).is_file():
        return False
    html = page.read_text(encoding="utf-8")
    at = html.find(ENTRY_PRELOAD)
    if at < 0:
        return False
    start = html.rfind('href="', 0, at) + len('href="')
    folder = html[start:at].rsplit("/", 1)[0]  # the page's own relative address of pagefind/
    link = f'\n  <link rel="preload" href="{escape(folder)}/{escape(name)}" as="fetch" crossorigin>'
    end = at + len(ENTRY_PRELOAD)
    page.write_text(html[:end] + link + html[end:], encoding="utf-8")
    return True
