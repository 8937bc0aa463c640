"""Pages for transition guides and "you said, we did" (the regulation 56 publication)."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from generator.inputs.settings import Council
from generator.inputs.synonyms import SynonymGroup
from generator.pages.render import Pages, edit_href, page, render_template, report_href
from generator.pages.search import explained_keys, guide_filter_values, text_expansions
from generator.records.model import Feedback, Guide, SiteData

if TYPE_CHECKING:
    from generator.pages.context import FurtherReading

COMPLAINTS = "complaints.md"  # the hand-written complaints page, linked from "you said, we did" when there is one
FEEDBACK_INTRO = (
    "Every year we ask families, children and young people what they think of the Local Offer and of SEND "
    "services, and publish what they told us and what we did about it. Nothing here identifies anyone."
)


def guide_page(
    g: Guide,
    site: SiteData,
    council: Council,
    further: FurtherReading | None = None,
    synonyms: tuple[SynonymGroup, ...] = (),
) -> str:
    at = g.page
    texts = [g.summary, *(f"{step.when}\n{step.title}\n{step.body}" for step in g.steps)]
    related, weak = text_expansions(g.title, "\n".join(texts), synonyms)
    explains = [t.words for t in further.glossary.terms if g.id in t.guides] if further else []
    html = render_template(
        "guide.md.j2",
        at,
        g=g,
        services=site.by_id,
        settings=site.settings_by_id,
        report_href=report_href(council, at, g.title),
        edit_href=edit_href(council, g.file),
        further_reading=further.for_texts(texts) if further else [],
        filters=guide_filter_values(g) + [("explains", key) for key in explained_keys(synonyms, explains)],
        related_words=related,
        weak_words=weak,
    )
    front = {"title": g.title, "description": g.summary, "source": g.file, "lastmod": g.last_reviewed.isoformat()}
    return page(front, html)


def _grouped(items: list[Feedback]) -> list[tuple[str, list[tuple[str, list[Feedback]]]]]:
    """Items by year (newest first), then by theme; `items` is already in that order."""
    return [
        (year, [(theme, list(by_theme)) for theme, by_theme in groupby(in_year, key=lambda f: f.theme)])
        for year, in_year in groupby(items, key=lambda f: f.year)
    ]


def feedback_pages(site: SiteData, council: Council, complaints: str = "") -> Pages:
    """The "you said, we did" pages; the first invites feedback (the council's email and phone) and links to the
    complaints page when the site has one (`complaints`, its docs path)."""
    items = list(site.feedback)
    years = sorted({f.year for f in items}, reverse=True)
    pages: Pages = {}
    html = render_template(
        "feedback_index.md.j2",
        "you-said-we-did/index.md",
        title="You said, we did",
        intro=FEEDBACK_INTRO,
        groups=_grouped([f for f in items if f.year == years[0]]) if years else [],  # the latest year in full
        years_nav=years,
        show_years=True,
        services=site.by_id,
        council=council,
        complaints=complaints,
    )
    pages["you-said-we-did/index.md"] = page(
        {"title": "You said, we did", "description": FEEDBACK_INTRO, "search": "exclude"}, html
    )
    for year in years:
        at = f"you-said-we-did/{year}.md"
        title = f"You said, we did {year}"
        intro = f"What families, children and young people told us in {year}, and what we did about it."
        in_year = [f for f in items if f.year == year]
        html = render_template(
            "feedback_index.md.j2",
            at,
            title=title,
            intro=intro,
            groups=_grouped(in_year),
            years_nav=[],
            show_years=False,
            services=site.by_id,
            council=council,
            complaints=complaints,
        )
        pages[at] = page({"title": title, "description": intro}, html)
    return pages


def render_editorial(
    site: SiteData, council: Council, further: FurtherReading | None = None, synonyms: tuple[SynonymGroup, ...] = ()
) -> Pages:
    pages: Pages = {g.page: guide_page(g, site, council, further, synonyms) for g in site.guides}
    html = render_template("guides_index.md.j2", "transitions/index.md", guides=site.guides)
    description = "Step-by-step guides to moving between nursery, school, college and adult life."
    pages["transitions/index.md"] = page({"title": "Moving on: transition guides", "description": description}, html)
    titles = further.titles if further else {}
    pages.update(feedback_pages(site, council, COMPLAINTS if COMPLAINTS in titles else ""))
    return pages
