"""The glossary page (A to Z, each term with its own anchor) and the links from records to the hand-written pages
that explain a term in full ("How to get an EHC needs assessment" on every service and guide that mentions EHC
plans), both from content/glossary.yaml."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from mkdocs.utils.meta import get_data

from generator.inputs.glossary import PAGE, Glossary, Term, page_title
from generator.pages.glossary_terms import TermMarker
from generator.pages.render import page, render_template
from generator.records.model import SiteData

INTRO = (
    "What the words and abbreviations used on this website mean. Where a page uses one of these words, you can "
    "select it to see what it means."
)


def page_titles(files: Mapping[str, bytes]) -> dict[str, str]:
    """The title of every hand-written page among the docs files (docs path → title)."""
    titles = {}
    for rel, data in files.items():
        if rel.endswith(".md"):
            body, meta = get_data(data.decode("utf-8", "replace").removeprefix("\ufeff"))
            titles[rel] = page_title(body, meta) or rel
    return titles


@dataclass
class FurtherReading:
    """Hand-written pages that explain the terms a record uses, as (title, docs path): each term's `pages`."""

    glossary: Glossary = field(default_factory=Glossary)
    titles: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def marker(self) -> TermMarker:
        return TermMarker(self.glossary)

    def for_texts(self, texts: Iterable[str], here: str = "") -> list[tuple[str, str]]:
        pages: dict[str, str] = {}
        if not any(t.pages for t in self.glossary.terms):
            return []
        for term in self.marker.terms_in("\n".join(texts)):
            for rel in term.pages:
                if rel in self.titles and rel != here:
                    pages.setdefault(rel, self.titles[rel])
        return [(title, rel) for rel, title in pages.items()]


def _letters(terms: Iterable[Term]) -> list[tuple[str, list[Term]]]:
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        first = term.term[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else "0–9", []).append(term)
    return sorted(groups.items(), key=lambda g: (not g[0].isalpha(), g[0]))


def glossary_page(glossary: Glossary, site: SiteData, further: FurtherReading) -> str:
    guides = {g.id: g for g in site.guides}
    html = render_template(
        "glossary.md.j2",
        PAGE,
        intro=INTRO,
        letters=_letters(glossary.terms),
        services=site.by_id,
        guides=guides,
        titles=further.titles,
    )
    front = {"title": "Words we use", "description": INTRO, "search": "exclude"}
    return page(front, html)
