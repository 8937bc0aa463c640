"""The search page carries the site's stylesheets in its <head> (issue 27), so a shared search link on a slow phone
draws the page, with "Searching for …", as soon as its HTML has come."""

from __future__ import annotations

import html as html_lib
import re
from html import escape
from pathlib import Path

_STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"<>]+\.css)">')
_URL = re.compile(r"url\(\s*(?P<quote>['\"]?)(?P<address>[^'\")]*)", re.IGNORECASE)


def _inlinable(css: str) -> bool:
    """Our own stylesheets and the theme's, as written into a <style> element: nothing can end it early, and every
    url() is a data: address (a relative one would be read from the page's folder, not the stylesheet's)."""
    if "</style" in css.casefold() or "<!--" in css:
        return False
    return all(m["address"].strip().startswith("data:") for m in _URL.finditer(css))


def inline_search_styles(site: Path) -> int:
    """The search page carries the site's stylesheets in its <head> (issue 27): a shared search link on a slow phone
    draws the page, with "Searching for …", when its HTML has come, one round trip sooner than after fetching the
    theme's stylesheet and ours (about 28 KB compressed, which every other page still links to and keeps). The
    Content-Security-Policy allows inline styles (csp.BASE_POLICY). A stylesheet that is not a file of this site, or
    that could not be put inline as it is (`_inlinable`), stays a link. Returns the number put inline."""
    page = site / "search" / "index.html"
    if not page.is_file():
        return 0
    html = page.read_text(encoding="utf-8")
    done = 0

    def inline(match: re.Match[str]) -> str:
        nonlocal done
        href = html_lib.unescape(match["href"])
        if "//" in href or href.startswith("/") or "?" in href:
            return match[0]
        path = (page.parent / href).resolve()
        if not path.is_relative_to(site.resolve()) or not path.is_file():
            return match[0]
        css = path.read_text(encoding="utf-8")
        if not _inlinable(css):
            return match[0]
        done += 1
        return f'<style data-lo-inline="{escape(href)}">{css}</style>'

    inlined = _STYLESHEET.sub(inline, html)
    if done:
        page.write_text(inlined, encoding="utf-8")
    return done
