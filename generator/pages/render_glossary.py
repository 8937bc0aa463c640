"""The glossary page (A to Z, each term with its own anchor) and the links from records to the hand-written pages
that explain a term in full ("How to get an EHC needs assessment" on every service and guide that mentions EHC
plans), both from content/glossary.yaml."""

from __future__ import annotations

from collections.abc import Iterable

from generator.inputs.glossary import PAGE, Glossary, Term
from generator.inputs.synonyms import SynonymGroup
from generator.pages.context import FurtherReading
from generator.pages.render import page, render_template
from generator.pages.search import group_words
from generator.records.model import SiteData

INTRO = (
    "What the words and abbreviations used on this website mean. Where a page uses one of these words, you can "
    "select it to see what it means."
)


def _letters(terms: Iterable[Term]) -> list[tuple[str, list[Term]]]:
    groups: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: t.term.casefold()):
        first = term.term[:1].upper()
        groups.setdefault(first if "A" <= first <= "Z" else "0–9", []).append(term)
    return sorted(groups.items(), key=lambda g: (not g[0].isalpha(), g[0]))


def glossary_page(
    glossary: Glossary, site: SiteData, further: FurtherReading, synonyms: tuple[SynonymGroup, ...] = ()
) -> str:
    """The A to Z. It is searched: each entry is a result of its own (Pagefind's sub-results, one for each heading
    with an id), found by every way of writing its term, as services are."""
    guides = {g.id: g for g in site.guides}
    html = render_template(
        "glossary.md.j2",
        PAGE,
        intro=INTRO,
        letters=_letters(glossary.terms),
        services=site.by_id,
        guides=guides,
        titles=further.titles,
        words={t.anchor: group_words(synonyms, t.words) for t in glossary.terms},
    )
    front = {"title": "Words we use", "description": INTRO}
    return page(front, html)
