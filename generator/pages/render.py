"""Pure rendering: validated services in, `{docs path: page text}` out.

Pages are Markdown files whose body is one block of HTML made by autoescaping Jinja templates, so
nothing in a record can add markup; record Markdown is converted here and cleaned with an allow-list.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from urllib.parse import quote

import markdown as markdown_lib
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.inputs.freshness import is_stale
from generator.inputs.settings import Council
from generator.inputs.synonyms import SynonymGroup
from generator.pages.context import FurtherReading, RenderContext
from generator.pages.hours import opening_lines
from generator.pages.search import expansions, filter_groups, filter_values, vocabulary_json
from generator.pages.structured_data import json_ld
from generator.pages.wording import long_date, spoken_languages
from generator.parallel import pmap
from generator.records.languages import spoken_filter
from generator.records.model import Service, Setting
from generator.records.taxonomy import (
    ADMISSIONS,
    AGE_BANDS,
    AUDIENCES,
    CATEGORIES,
    CATEGORY_INTROS,
    DESIGNATED_NEEDS,
    FEEDBACK_STATUS,
    NEED_EXAMPLES,
    NEEDS,
    PHASES,
    REFERRAL,
    SETTING_TYPES,
    SETTING_TYPES_PLURAL,
    THEMES,
)
from generator.records.urls import relative_link, url_of

Pages = dict[str, str]

# Words for an age the search page understands (search.js), so they are never "corrected" to something else.
SEARCH_AGE_WORDS = ("reception", "nursery", "baby", "babies", "toddler", "primary", "secondary", "adult", "adults")

_ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "code", "blockquote", "h3", "h4"}
_DEMOTE_HEADINGS = re.compile(r"<(/?)h[12]\b")

_MARKDOWN = markdown_lib.Markdown(extensions=[], output_format="html")  # built once: building costs more than using


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&#\\!]|\n\s*\n|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)


def markdown_to_html(text: str) -> Markup:
    if not _MARKDOWN_SYNTAX.search(text):  # one plain paragraph: the common case, without the parser
        return Markup("<p>") + " ".join(text.split()) + Markup("</p>")
    html = _MARKDOWN.reset().convert(text)
    html = _DEMOTE_HEADINGS.sub(r"<\1h3", html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)


def month_name(year_month: str) -> str:
    """'2025-03' as 'March 2025'."""
    return date.fromisoformat(year_month + "-01").strftime("%B %Y")


def report_href(council: Council, at: str, title: str) -> str:
    """A mailto link to the Local Offer team, naming the page, for 'Report a problem with this page'."""
    subject = quote(f"Problem with the Local Offer page: {title}")
    body = quote(f"Page: {council.site_url}{url_of(at)}\n\nWhat is wrong or out of date?\n")
    return f"mailto:{council.coordinator_email}?subject={subject}&body={body}"


def edit_href(council: Council, source: str) -> str:
    """Where the Local Offer team edits the record a page is made from ('' when no edit_url is configured)."""
    return council.edit_url + source if council.edit_url else ""


def tel_href(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone.replace("(0)", ""))
    return "+44" + digits[1:] if digits.startswith("0") else digits


def display_url(url: str) -> str:
    return url.removeprefix("https://").removesuffix("/")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.pages", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=markdown_to_html, long_date=long_date, month=month_name, tel=tel_href, display_url=display_url
    )
    env.globals.update(
        needs=NEEDS,
        phases=PHASES,
        referral=REFERRAL,
        categories=CATEGORIES,
        audiences=AUDIENCES,
        themes=THEMES,
        feedback_status=FEEDBACK_STATUS,
        setting_types=SETTING_TYPES,
        designated_needs=DESIGNATED_NEEDS,
        admissions=ADMISSIONS,
    )
    return env


_ENV = _environment()


class Rendered(str):
    """HTML made from one of the page templates, remembering which: `page()` records the template as the page's
    type (front matter `lo_type`), which main.html writes on the page (`data-lo-page-type`) so the accessibility
    audit finds every type of page in a built site, including types added later, without a list of addresses."""

    template: str


def page(front: Mapping[str, object], body: str) -> str:
    """A Markdown page: front matter and the body. Each value is written as JSON, which YAML reads as it is,
    so no record text can change the front matter's structure (and it is much faster than a YAML emitter)."""
    front = {**front, "lo_html": True}  # finished HTML: publish/plugin.py skips Python-Markdown for it
    if isinstance(body, Rendered):
        front.setdefault("lo_type", body.template.split(".")[0])
    head = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    return f"---\n{head}---\n\n{body.strip()}\n"


def render_template(template: str, at: str, **values: object) -> Rendered:
    def link(to: str) -> str:
        return relative_link(at, to)

    html = Rendered(_ENV.get_template(template).render(link=link, **values))
    html.template = template
    return html


def service_page(
    s: Service,
    ctx: RenderContext,
) -> str:
    site, council, synonyms, today, further = ctx.site, ctx.council, ctx.synonyms, ctx.today, ctx.further
    at = s.page
    texts = (s.summary, s.description, s.eligibility, s.how_to_access)
    strong, related, weak = expansions(s, synonyms)
    html = render_template(
        "service.md.j2",
        at,
        s=s,
        council=council,
        report_href=report_href(council, at, s.name),
        edit_href=edit_href(council, s.file),
        filters=filter_values(s, site.areas),
        strong_words=strong,
        related_words=related,
        weak_words=weak,
        stale=is_stale(s.last_reviewed, council, today),
        json_ld=Markup(json_ld(s, council)),
        guides=site.guides_for(s.id),
        feedback=site.feedback_for(s.id),
        services=site.by_id,
        settings=site.settings_by_id,
        languages=[(name, *spoken_filter(name)) for name in spoken_languages(s)],
        opening=opening_lines(s),
        further_reading=further.for_texts(texts) if further else [],
    )
    front = {"title": s.name, "description": s.summary, "source": s.file, "lastmod": s.last_reviewed.isoformat()}
    return page(front, html)


def alternatives(closed: Service, live: Iterable[Service], limit: int = 3) -> list[Service]:
    """Up to `limit` open services for the same need and ages as a closed one, those naming the need first."""
    wanted = set(closed.needs) - {"all-needs"}
    lo, hi = closed.age_range.min, closed.age_range.max
    near = [
        s
        for s in live
        if s.status == "active"
        and s.age_range.min <= hi
        and lo <= s.age_range.max
        and (wanted & set(s.needs) or "all-needs" in s.needs or "all-needs" in closed.needs)
    ]
    near.sort(key=lambda s: (not (wanted & set(s.needs)), s.category != closed.category, s.sort_key))
    return near[:limit]


def tombstone_page(s: Service, live: list[Service], council: Council) -> str:
    """The old address of a closed service: it has closed, and what else might help (listed in no index)."""
    html = render_template("closed.md.j2", s.page, s=s, others=alternatives(s, live), council=council)
    front = {
        "title": f"This service has closed: {s.name}",
        "search": "exclude",
        "sitemap": False,
        "lo_tombstone": True,  # kept out of search engines too (main.html)
        "hide": ["toc"],
    }
    return page(front, html)


def shortlist_data(live: list[Service], closed: Iterable[Service] = ()) -> str:
    """What the shortlist page needs to show and print saved services, keyed by id (URLs relative to the site
    root; what each does and, when temporarily closed, the date it opens again, both printed), and the names of
    closed services, so a shared link naming one can say it was left out."""
    services = {
        s.id: {
            "name": s.name,
            "summary": s.summary,
            "organisation": s.organisation,
            "url": s.url,
            "status": s.status,
            "reopens": long_date(s.reopens) if s.status == "temporarily-closed" and s.reopens else "",
            "ages": f"{s.age_range.min} to {s.age_range.max} years",
            "referral": REFERRAL[s.referral],
            "phone": s.contact.phone or "",
            "tel": tel_href(s.contact.phone) if s.contact.phone else "",
            "email": s.contact.email or "",
            "website": s.contact.website or "",
            "address": "; ".join(f"{loc.name}, {loc.address}, {loc.postcode}" for loc in s.locations),
            "opening_times": "; ".join(opening_lines(s)),
        }
        for s in live
    }
    data = {"services": services, "closed": {s.id: s.name for s in closed}}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Cards:
    """Each service's card in the listings (category, need and age pages), made once per service and link: a service
    is listed on up to a dozen pages, and the live preview keeps the cards between rebuilds (a card is made again
    when its service changes). Gives exactly what the `service_card` macro gives at level 2."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Service, Markup]] = {}
        self._macro = _ENV.get_template("_macros.html.j2").module.service_card  # type: ignore[attr-defined]

    def __call__(self, s: Service, link: Callable[[str], str]) -> Markup:
        key = (s.id, link(s.page))
        hit = self._kept.get(key)
        if hit is None or (hit[0] is not s and hit[0] != s):
            hit = self._kept[key] = (s, Markup(self._macro(s, link, 2)))
        return hit[1]


def listing_page(at: str, title: str, intro: str, services: Iterable[Service], empty: str, cards: Cards) -> str:
    html = render_template(
        "listing.md.j2", at, title=title, intro=intro, services=list(services), also=[], empty=empty, card=cards
    )
    return page({"title": title, "description": intro, "search": "exclude"}, html)


def overview_page(at: str, title: str, intro: str, items: Sequence[Mapping[str, object]]) -> str:
    html = render_template("overview.md.j2", at, title=title, intro=intro, items=items)
    return page({"title": title, "description": intro, "search": "exclude"}, html)


def a_to_z_page(services: list[Service], council: Council) -> str:
    groups: dict[str, tuple[str, str, list[Service]]] = {}
    for s in services:
        first = s.name[:1].upper()
        label, slug = (first, first.lower()) if "A" <= first <= "Z" else ("0–9 and other", "other")
        groups.setdefault(slug, (label, slug, []))[2].append(s)
    ordered = sorted(groups.values(), key=lambda g: (g[1] == "other", g[1]))
    at = "services/index.md"
    html = render_template("a_to_z.md.j2", at, groups=ordered, total=len(services), council=council)
    description = f"All services in the {council.site_name}."
    return page({"title": "A to Z of services", "description": description, "search": "exclude"}, html)


def search_page(
    council: Council,
    areas: tuple[str, ...],
    with_days: bool = False,
    settings: Sequence[Setting] = (),
    spoken: Sequence[str] = (),
) -> str:
    groups = filter_groups(areas, with_days, settings, council.name, spoken)
    html = render_template("search.md.j2", "search.md", groups=groups, council=council)
    front = {
        "title": "Search",
        "description": f"Search the {council.site_name}.",
        "search": "exclude",
        "sitemap": False,
        "lo_search": True,
        "hide": ["toc"],
    }
    return page(front, html)


def service_page_inputs(
    s: Service,
    ctx: RenderContext,
) -> tuple[object, ...]:
    """Everything `service_page` reads: two services with equal inputs have equal pages."""
    site, council, synonyms, today, further = ctx.site, ctx.council, ctx.synonyms, ctx.today, ctx.further
    feedback = site.feedback_for(s.id)
    named = tuple(site.by_id.get(i) for f in feedback for i in f.services)
    areas = () if s.area else site.areas
    works_in = tuple(site.settings_by_id.get(i) for i in s.works_in)  # their names and addresses are on the page
    return (s, s.file, site.guides_for(s.id), feedback, named, areas, works_in, council, synonyms, today, further)


@dataclass
class KeptRenders:
    """What the live preview keeps between rebuilds: each service's page with its inputs, and the listings' cards."""

    service_pages: dict[str, tuple[tuple[object, ...], str]] = field(default_factory=dict)
    cards: Cards = field(default_factory=Cards)
    shared: tuple[Council, tuple[SynonymGroup, ...], date, FurtherReading | None] | None = None  # as last seen


def _service_pages(
    live: list[Service],
    ctx: RenderContext,
    renders: KeptRenders | None,
) -> list[str]:
    """Each service's page; with `renders`, only the pages whose inputs changed since the last call are made again."""
    site, council, synonyms, today, further = ctx.site, ctx.council, ctx.synonyms, ctx.today, ctx.further
    if renders is not None:
        if renders.shared == (council, synonyms, today, further):  # one comparison; then each service's is quick
            council, synonyms, today, further = renders.shared  # the very objects the kept inputs hold
        renders.shared = (council, synonyms, today, further)
        ctx = RenderContext(site, council, synonyms, today, further)
    render = partial(service_page, ctx=ctx)
    if renders is None:
        return pmap(render, live)
    kept = renders.service_pages
    inputs = {s.id: service_page_inputs(s, ctx) for s in live}
    stale = [s for s in live if s.id not in kept or kept[s.id][0] != inputs[s.id]]
    fresh = dict(zip((s.id for s in stale), pmap(render, stale), strict=True))
    for gone in kept.keys() - inputs.keys():
        del kept[gone]
    kept.update({i: (inputs[i], text) for i, text in fresh.items()})
    return [kept[s.id][1] for s in live]


def service_pages(
    ctx: RenderContext,
    kept: KeptRenders | None = None,
) -> Pages:
    """Each live service's own page by docs path; with `kept`, only those whose inputs changed are made again (the
    live preview writes these first, before the listings)."""
    site = ctx.site
    live = list(site.services)
    rendered = _service_pages(live, ctx, kept)
    return {s.page: text for s, text in zip(live, rendered, strict=True)}


def render_services(
    ctx: RenderContext,
    kept: KeptRenders | None = None,
) -> Pages:
    """Every generated page about services: one each, the A to Z, browse pages and search. `kept` holds pages and
    cards made before (the live preview), so only those whose inputs changed are made again."""
    site, council, synonyms = ctx.site, ctx.council, ctx.synonyms
    live = list(site.services)
    pages = service_pages(ctx, kept)
    with_days = any(s.opening_hours for s in live)
    spoken = [name for s in live for name in spoken_languages(s)]
    pages["search.md"] = search_page(council, site.areas, with_days, site.settings, spoken)
    pages["shortlist.md"] = page(
        {"title": "Your shortlist", "search": "exclude", "sitemap": False, "lo_shortlist": True, "hide": ["toc"]},
        render_template("shortlist.md.j2", "shortlist.md", council=council),
    )
    pages["assets/shortlist.json"] = shortlist_data(live, site.closed)
    labels = [*NEEDS.values(), *CATEGORIES.values(), *PHASES.values(), *SEARCH_AGE_WORDS]
    if site.settings:  # school names and the words for their types and needs are corrected to as well
        types = [label for t, label in SETTING_TYPES_PLURAL.items() if any(s.type == t for s in site.settings)]
        needs = [label for n, label in DESIGNATED_NEEDS.items() if any(n in s.designated_needs for s in site.settings)]
        labels += [*types, *needs]
        labels += [s.name for s in site.settings]
    common = [*NEEDS.values(), *CATEGORIES.values(), *PHASES.values(), *SEARCH_AGE_WORDS]
    pages["assets/search-words.json"] = vocabulary_json(live, synonyms, labels, common)
    pages.update({s.page: tombstone_page(s, live, council) for s in site.closed})
    pages["services/index.md"] = a_to_z_page(live, council)
    cards = kept.cards if kept else Cards()
    pages.update(_category_pages(live, cards))
    pages.update(_need_pages(live, cards))
    pages.update(_age_pages(live, cards))
    return pages


def _category_pages(live: list[Service], cards: Cards) -> Pages:
    return {
        f"category/{slug}.md": listing_page(
            f"category/{slug}.md",
            label,
            CATEGORY_INTROS[slug],
            [s for s in live if s.category == slug],
            "There are no services in this section yet.",
            cards,
        )
        for slug, label in CATEGORIES.items()
    }


def grouped_listing_page(
    at: str,
    title: str,
    intro: str,
    named: list[Service],
    for_all: list[Service],
    empty: str,
    also: tuple[str, str],
    cards: Cards,
) -> str:
    """Services that name this need (or suit this age) first; those for all needs (or ages) as a second,
    collapsed group. `also` is that group's label and a sentence about it."""
    html = render_template(
        "listing.md.j2",
        at,
        title=title,
        intro=intro,
        services=named,
        also=for_all,
        also_label=also[0],
        also_note=also[1],
        empty=empty,
        card=cards,
    )
    return page({"title": title, "description": intro, "search": "exclude"}, html)


ALSO_NEEDS = ("Also for all needs", "Services that help with any special educational need or disability.")
ALSO_AGES = ("Also for all ages", "Services for every age from birth to 25.")


def _need_pages(live: list[Service], cards: Cards) -> Pages:
    needs = {k: v for k, v in NEEDS.items() if k != "all-needs"}
    pages: Pages = {}
    items = []
    for slug, label in needs.items():
        named = [s for s in live if slug in s.needs]
        for_all = [s for s in live if slug not in s.needs and "all-needs" in s.needs]
        at = f"needs/{slug}.md"
        examples = f"for example {NEED_EXAMPLES[slug]}" if slug in NEED_EXAMPLES else ""
        intro = f"Services that support children and young people with {label.lower()} needs"
        intro += f", {examples}." if examples else "."
        empty = "There are no services for this need yet."
        pages[at] = grouped_listing_page(at, label, intro, named, for_all, empty, ALSO_NEEDS, cards)
        title = f"{label}: {examples}" if examples else label
        items.append({"page": at, "label": title, "count": len(named), "note": ""})
    pages["needs/index.md"] = overview_page(
        "needs/index.md",
        "Find support by need",
        "The SEND Code of Practice groups special educational needs into four broad areas. "
        "Choose the area closest to your child's needs. Each area also lists the services for all needs.",
        items,
    )
    return pages


def _all_ages(s: Service) -> bool:
    return (s.age_range.min, s.age_range.max) == (AGE_BANDS[0].low, AGE_BANDS[-1].high)


def _age_pages(live: list[Service], cards: Cards) -> Pages:
    pages: Pages = {}
    items = []
    for band in AGE_BANDS:
        matching = [s for s in live if band in s.age_bands]
        every_age = [s for s in matching if _all_ages(s)]
        named = [s for s in matching if not _all_ages(s)]
        at = f"ages/{band.slug}.md"
        intro = f"Services for children and young people aged {band.low} to {band.high}."
        empty = "There are no services for this age yet."
        pages[at] = grouped_listing_page(at, band.label, intro, named, every_age, empty, ALSO_AGES, cards)
        items.append({"page": at, "label": band.label, "count": len(matching), "note": ""})
    pages["ages/index.md"] = overview_page(
        "ages/index.md", "Find support by age", "Choose an age group to see the services that work with it.", items
    )
    return pages
