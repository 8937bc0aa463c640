"""MkDocs hook: pages the generator wrote as finished HTML skip Markdown conversion.

Python-Markdown's raw-HTML block parser took over half of the build time for generated pages, which hold no
Markdown at all. Pages marked `lo_html: true` in their front matter go straight through; everything else (the
hand-written pages in content/) is converted as usual. Without this hook the same pages still build correctly,
only more slowly, so the site does not depend on MkDocs' plugin system.
"""

from __future__ import annotations

from typing import Any

_FINISHED: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    if page.meta.get("lo_html") is True:
        _FINISHED[page.file.src_uri] = markdown
        return ""
    return markdown


def on_page_content(html: str, page: Any, **_: Any) -> str:
    return _FINISHED.pop(page.file.src_uri, html)
