"""Pages for schools, colleges and other settings (SEND Regulations 2014, Schedule 2; Code of Practice 4.30-4.35):
one page per setting with how to get a place, browse pages by type, stage and designated need, and the page of
specialist provision outside the council's area."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from generator.inputs.freshness import is_stale
from generator.inputs.settings import Council
from generator.pages.context import RenderContext
from generator.pages.render import Pages, edit_href, page, render_template, report_href
from generator.pages.search import expansions, setting_filter_values
from generator.pages.setting_pages import (
    INDEX,
    OUTSIDE,
    PHASE_TITLES,
    need_page,
    official_links,
    phase_page,
    type_page,
)
from generator.parallel import pmap
from generator.records.model import Setting, SiteData
from generator.records.taxonomy import (
    DESIGNATED_NEEDS,
    SETTING_PHASES,
    SETTING_TYPE_EXPLANATIONS,
    SETTING_TYPES_PLURAL,
)


def setting_page(
    s: Setting,
    ctx: RenderContext,
) -> str:
    site, council, synonyms, today, further = ctx.site, ctx.council, ctx.synonyms, ctx.today, ctx.further
    at = s.page
    texts = (s.summary, s.description or "", s.how_to_apply or "")
    strong, related, weak = expansions(s, synonyms)
    gias, performance = official_links(s)
    html = render_template(
        "setting.md.j2",
        at,
        s=s,
        council=council,
        outside=s.outside(council.name),
        filters=setting_filter_values(s, council.name),
        strong_words=strong,
        related_words=related,
        weak_words=weak,
        type_page=type_page(s.type),
        need_pages={n: need_page(n) for n in s.designated_needs},
        setting_phases=SETTING_PHASES,
        host=site.settings_by_id.get(s.host or ""),
        bases=site.resource_bases_at(s.id),
        services=site.services_in(s.id),
        guides=site.guides_naming(s.id),
        gias_href=gias,
        performance_href=performance,
        stale=is_stale(s.last_reviewed, council, today),
        further_reading=further.for_texts(texts) if further else [],
        report_href=report_href(council, at, s.name),
        edit_href=edit_href(council, s.file),
    )
    front = {"title": s.name, "description": s.summary, "source": s.file, "lastmod": s.last_reviewed.isoformat()}
    return page(front, html)


def listing(at: str, title: str, intro: str, settings: Sequence[Setting], council: Council, empty: str) -> str:
    html = render_template(
        "settings_listing.md.j2", at, title=title, intro=intro, settings=list(settings), council=council, empty=empty
    )
    return page({"title": title, "description": intro, "search": "exclude"}, html)


def _item(at: str, label: str, count: int, note: str = "") -> dict[str, object]:
    return {"page": at, "label": label, "count": count, "note": note}


def index_page(site: SiteData, council: Council) -> str:
    settings = site.settings
    types = [
        _item(type_page(k), label, n, SETTING_TYPE_EXPLANATIONS[k])
        for k, label in SETTING_TYPES_PLURAL.items()
        if (n := sum(1 for s in settings if s.type == k))
    ]
    phases = [
        _item(phase_page(p), PHASE_TITLES[p], n)
        for p in SETTING_PHASES
        if (n := sum(1 for s in settings if p in s.phases))
    ]
    needs = [
        _item(need_page(k), label, n)
        for k, label in DESIGNATED_NEEDS.items()
        if (n := sum(1 for s in settings if k in s.designated_needs))
    ]
    title = "Schools, colleges and settings"
    intro = (
        "Every nursery, school and college must support children and young people with special educational needs. "
        "Find special schools, resource bases in mainstream schools, nurseries, colleges and other settings, "
        f"including specialist provision outside {council.name}, and how to get a place."
    )
    html = render_template(
        "settings_index.md.j2",
        INDEX,
        title=title,
        intro=intro,
        council=council,
        total=len(settings),
        types=types,
        phases=phases,
        needs=needs,
        outside_page=OUTSIDE,
        outside_count=sum(1 for s in settings if s.outside(council.name)),
    )
    return page({"title": title, "description": intro, "search": "exclude"}, html)


def render_schools(
    ctx: RenderContext,
) -> Pages:
    """Every page about schools and settings. The browse pages exist even when empty, so links to them (the menu,
    the home page) always work."""
    site, council = ctx.site, ctx.council
    settings = list(site.settings)
    one = partial(setting_page, ctx=ctx)
    rendered = pmap(one, settings)
    pages: Pages = {s.page: text for s, text in zip(settings, rendered, strict=True)}
    pages[INDEX] = index_page(site, council)
    for kind, label in SETTING_TYPES_PLURAL.items():
        chosen = [s for s in settings if s.type == kind]
        pages[type_page(kind)] = listing(
            type_page(kind), label, SETTING_TYPE_EXPLANATIONS[kind], chosen, council, "There are none listed yet."
        )
    for phase, title in PHASE_TITLES.items():
        chosen = [s for s in settings if phase in s.phases]
        intro = f"Schools, colleges and other settings that teach the {SETTING_PHASES[phase].lower()} stage."
        pages[phase_page(phase)] = listing(phase_page(phase), title, intro, chosen, council, "There are none yet.")
    for need, label in DESIGNATED_NEEDS.items():
        chosen = [s for s in settings if need in s.designated_needs]
        title = f"{label}: specialist places"
        intro = f"Special schools, resource bases and other settings designated for {label[:1].lower() + label[1:]}."
        pages[need_page(need)] = listing(need_page(need), title, intro, chosen, council, "There are none yet.")
    outside = [s for s in settings if s.outside(council.name)]
    title = f"Specialist provision outside {council.name}"
    intro = (
        f"Some children and young people go to a special school or college outside {council.name}, usually because "
        "it specialises in their needs. Places are given through an EHC plan, and help with travel may be available."
    )
    pages[OUTSIDE] = listing(OUTSIDE, title, intro, outside, council, f"There are none listed outside {council.name}.")
    return pages
