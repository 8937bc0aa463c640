"""What every record's page is made with besides the record itself (one `RenderContext`), and the hand-written pages
that explain the terms a record uses (`FurtherReading`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from mkdocs.utils.meta import get_data

from generator.inputs.glossary import Glossary, page_title
from generator.inputs.settings import Council
from generator.inputs.synonyms import SynonymGroup
from generator.pages.glossary_terms import TermMarker
from generator.records.model import SiteData


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


@dataclass(frozen=True)
class RenderContext:
    """The site's records, the council, the search synonyms, the day the site is made for and the further reading:
    the same for every page of a build."""

    site: SiteData
    council: Council
    synonyms: tuple[SynonymGroup, ...]
    today: date
    further: FurtherReading | None = None
