"""Which pages of a built site the audit opens in the browser: one or two of each type of page.

Every page says what type it is (`data-lo-page-type` on its main content, written by site_overrides/main.html from
the template the page was made from), so a type of page added later is audited without changing this list. Of each
type the audit takes the largest page and, when another has more to open (`<details>`, expandable buttons), that
one too: a need page with its folded "for all needs" group, a temporarily closed service with its folded how-to.
A type that also has pages in a right-to-left language (Arabic, Urdu: translated pages) has its largest such page
audited too: the same template mirrored is another layout.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

_TYPE = re.compile(r'data-lo-page-type="([^"]+)"')
_RTL = re.compile(r'<html\b[^>]*\bdir="rtl"')
_OPENERS = re.compile(r"<details\b|aria-expanded=")
_END = "</article>"


@dataclass(frozen=True)
class SitePage:
    url: str  # relative to the site's root: "" (home), "services/", "404.html"; a query opens a state of the page
    type: str
    size: int
    openers: int  # <details> and expandable buttons in its main content
    rtl: bool = False  # laid out right to left (<html dir="rtl">)


def site_pages(site: Path) -> list[SitePage]:
    """Every page of the built site that says its type, in a stable order."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        found = _TYPE.search(html)
        if not found:
            continue
        end = html.find(_END, found.end())
        content = html[found.end() : end if end > 0 else None]
        rel = path.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
        rtl = bool(_RTL.search(html, 0, found.start()))
        pages.append(SitePage(url, found.group(1), len(html), len(_OPENERS.findall(content)), rtl))
    return pages


def sample(pages: list[SitePage]) -> list[SitePage]:
    """The largest page of each type and, if another has more to open, that one as well, and the largest laid out
    right to left; types in page order."""
    by_type: dict[str, list[SitePage]] = {}
    for p in pages:
        by_type.setdefault(p.type, []).append(p)
    chosen: list[SitePage] = []
    for group in by_type.values():
        largest = max(group, key=lambda p: (p.size, p.openers))
        most_to_open = max(group, key=lambda p: (p.openers, p.size))
        chosen.append(largest)
        if most_to_open.openers > largest.openers:
            chosen.append(most_to_open)
        mirrored = [p for p in group if p.rtl]
        if mirrored and not (largest.rtl or most_to_open.rtl and most_to_open in chosen):
            chosen.append(max(mirrored, key=lambda p: (p.size, p.openers)))
    return chosen


NOTHING_FOUND = "qqxxzzqq"  # a search no council's records answer, nor anything near it: the "nothing found" state


def states(site: Path, chosen: list[SitePage]) -> list[SitePage]:
    """The states of a page that families reach by a link rather than by using the page: a shortlist shared as a link
    (read-only, with its own words and buttons) and a search that finds nothing (what to do next). Each is the page
    of that type already chosen, with the address that opens it in that state."""
    more: list[SitePage] = []
    for p in chosen:
        if p.type == "shortlist" and "?" not in p.url:
            try:
                ids = list(json.loads((site / "assets" / "shortlist.json").read_text(encoding="utf-8"))["services"])
            except (OSError, ValueError, KeyError, TypeError):
                ids = []
            if ids:
                more.append(replace(p, url=f"{p.url}?ids={','.join(ids[:3])}"))
        if p.type == "search" and "?" not in p.url:
            more.append(replace(p, url=f"{p.url}?q={NOTHING_FOUND}"))
    return more
