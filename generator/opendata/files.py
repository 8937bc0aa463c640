"""Data others can reuse: the Open Referral UK 3.0 feed, a CSV, schema.org JSON-LD and an Atom feed, with one
declared mapping (`COLUMNS`) of where each service field goes in the CSV and in the feed.

The sitemap is a theme template (site_overrides/sitemap.xml) with each page's lastmod from its record."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from generator.inputs.settings import Council
from generator.opendata.languages import language_code
from generator.opendata.openreferral import Contributor, Feed, feed_files
from generator.opendata.plaintext import plain_text
from generator.opendata.schools import setting_names_into_feed, settings_into_feed
from generator.opendata.spreadsheet import csv_text
from generator.opendata.vocabularies import TAXONOMIES
from generator.pages.hours import DAY_CODES, WEEK, hours_line, opening_lines
from generator.pages.wording import long_date, spoken_languages
from generator.records.ids import service_feed_id
from generator.records.model import Service, SiteData

Json = dict[str, Any]
Nested = Callable[[Service, Feed], Json]


def service_url(council: Council, s: Service) -> str:
    return council.site_url + s.url


@dataclass(frozen=True)
class Column:
    """Where one record field goes in the open data: its CSV column (unless `csv=False`), and its place in an Open
    Referral UK 3.0 service: a field name (the value goes there, left out when empty) or, where 3.0 nests it, a
    function returning the part of the service it makes (lists made by several columns are joined).

    This table is the one place to add a field to the open data."""

    name: str
    value: Callable[[Service, Council], object]
    csv: bool = True
    oruk: str | Nested | None = None


def _join(values: tuple[str, ...]) -> str:
    return ";".join(values)


def service_uuid(s: Service, feed: Feed) -> str:
    """The service's id in the feed (`records.ids.service_feed_id`, which validation also uses to find two services
    given one id)."""
    return service_feed_id(s.id, s.source_id, feed.council.feed_namespace)


def _ids(s: Service, feed: Feed) -> Json:
    """The service's id in the feed, and the record's own (its page's name), which `local-offer import` gives back."""
    return {"id": service_uuid(s, feed), "x_local_offer_id": s.id}


def _ours(s: Service, feed: Feed) -> Json:
    """What only a Local Offer keeps, for an import of this feed to give back the same records (extension fields,
    named x_ as Open Referral asks, left out when empty)."""
    found: Json = {"x_keywords": list(s.keywords), "x_works_in": list(s.works_in)}
    if s.not_yet_reviewed:
        found["x_not_yet_reviewed"] = True
    return {key: value for key, value in found.items() if value}


def _organization(s: Service, feed: Feed) -> Json:
    org = feed.organization(s.organisation)
    return {"organization_id": org["id"], "organization": dict(org)}


def _terms(key: str, codes: Callable[[Service], Iterable[str]]) -> Nested:
    def nested(s: Service, feed: Feed) -> Json:
        owner, owner_id = f"service/{s.id}", service_uuid(s, feed)
        return {"attributes": [feed.attribute(owner, owner_id, TAXONOMIES[key], code) for code in codes(s)]}

    return nested


def full_description(s: Service) -> str:
    """The summary as the first paragraph of the description, as on the service's page (an import splits them), in
    plain text (opendata/plaintext.py: no Markdown marks, nothing the page hides)."""
    described = plain_text(s.description)
    return s.summary if described == s.summary else f"{s.summary}\n\n{described}"


def _status(s: Service, feed: Feed) -> Json:
    if s.status != "temporarily-closed":
        return {"status": "active"}
    until = f" until {long_date(s.reopens)}" if s.reopens else ""
    reason = f" {s.status_reason}" if s.status_reason else ""
    return {"status": "temporarily closed", "alert": f"Temporarily closed{until}.{reason}"}


_AMOUNT = re.compile(r"£(\d+(?:\.\d\d)?)\b")


def _cost_options(s: Service, feed: Feed) -> Json:
    option: Json = {"id": feed.id("service", s.id, "cost")}
    if s.is_free:
        option.update(amount=0, amount_description="Free")
    else:
        amount = _AMOUNT.match(s.cost)  # only a price the description starts with: "£2 per session"
        number = float(amount[1]) if amount else None
        option.update(amount=int(number) if number is not None and number.is_integer() else number)
        option.update(amount_description=s.cost)
    return {"cost_options": [option]}


def _contacts(s: Service, feed: Feed) -> Json:
    return feed.contact_points(f"service/{s.id}", s.name, s.contact.phone, s.contact.email)


def _schedules(s: Service, feed: Feed) -> Json:
    weekly = [
        {
            "id": feed.id("service", s.id, "schedule", str(i)),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": ",".join(DAY_CODES[day] for day in WEEK if day in hours.days),
            "opens_at": hours.opens,
            "closes_at": hours.closes,
            "description": hours_line(hours),
            "notes": hours.note,
        }
        for i, hours in enumerate(s.opening_hours)
    ]
    words = [{"id": feed.id("service", s.id, "schedule", "words"), "description": s.opening_times}]
    return {"schedules": weekly + (words if s.opening_times else [])}


def _service_areas(s: Service, feed: Feed) -> Json:
    areas = s.area or (feed.council.name,)
    return {
        "service_areas": [
            {"id": feed.id("service", s.id, "area", area), "name": area, "service_area": area} for area in areas
        ]
    }


def _languages(s: Service, feed: Feed) -> Json:
    names = dict.fromkeys(["English", *spoken_languages(s)])
    return {
        "languages": [
            {"id": feed.id("service", s.id, "language", name.casefold()), "name": name, "code": language_code(name)}
            for name in names
        ]
    }


def _locations(s: Service, feed: Feed) -> Json:
    owner = f"service/{s.id}"
    places = [feed.at_location(owner, p.name, p.address, p.postcode, p.accessibility) for p in s.locations]
    return {"service_at_locations": places}


def _places(s: Service) -> str:
    return _join(tuple(f"{loc.name}, {loc.address}, {loc.postcode}" for loc in s.locations))


def _description(s: Service, feed: Feed) -> Json:
    return {"description": full_description(s)}


COLUMNS: tuple[Column, ...] = (
    Column("id", lambda s, c: s.id, oruk=_ids),
    Column("name", lambda s, c: s.name, oruk="name"),
    Column("organisation", lambda s, c: s.organisation, oruk=_organization),
    Column("category", lambda s, c: s.category, oruk=_terms("category", lambda s: [s.category])),
    Column("summary", lambda s, c: s.summary),
    Column("description", lambda s, c: s.description, csv=False, oruk=_description),
    Column("age_min", lambda s, c: s.age_range.min, oruk="minimum_age"),
    Column("age_max", lambda s, c: s.age_range.max, oruk="maximum_age"),
    Column("needs", lambda s, c: _join(s.needs), oruk=_terms("need", lambda s: s.needs)),
    Column("phases", lambda s, c: _join(s.phases), csv=False, oruk=_terms("phase", lambda s: s.phases)),
    Column("eligibility", lambda s, c: plain_text(s.eligibility), csv=False, oruk="eligibility_description"),
    Column("how_to_access", lambda s, c: plain_text(s.how_to_access), csv=False, oruk="application_process"),
    Column("cost", lambda s, c: s.cost, oruk=_cost_options),
    Column("referral", lambda s, c: s.referral, oruk=_terms("referral", lambda s: [s.referral])),
    Column("phone", lambda s, c: s.contact.phone or "", oruk=_contacts),
    Column("email", lambda s, c: s.contact.email or "", oruk="email"),
    Column("website", lambda s, c: s.contact.website or ""),
    Column("url", lambda s, c: s.contact.website or service_url(c, s), csv=False, oruk="url"),
    Column("locations", lambda s, c: _places(s), csv=False, oruk=_locations),
    Column("opening_times", lambda s, c: "; ".join(opening_lines(s)), oruk=_schedules),
    Column("languages", lambda s, c: _join(s.languages), csv=False, oruk=_languages),
    Column("area", lambda s, c: _join(s.area), oruk=_service_areas),
    Column("status", lambda s, c: s.status, oruk=_status),
    Column("last_reviewed", lambda s, c: s.last_reviewed.isoformat(), oruk="assured_date"),
    Column("keywords", lambda s, c: _join(s.keywords), csv=False, oruk=_ours),
    Column("page", lambda s, c: service_url(c, s)),
)

# Each column whose value goes to an Open Referral field of its own, as it is (column name → the service's field in
# the feed): what the export writes there, and what `local-offer import` reads back from there (importing/mapping.py).
SAME_FIELD: dict[str, str] = {c.name: c.oruk for c in COLUMNS if isinstance(c.oruk, str)}


def oruk_service(s: Service, feed: Feed) -> Json:
    """One service in the Open Referral UK 3.0 shape, every part of it made by a row of COLUMNS."""
    service: Json = {}
    for column in COLUMNS:
        if column.oruk is None:
            continue
        part = {column.oruk: column.value(s, feed.council)} if isinstance(column.oruk, str) else column.oruk(s, feed)
        for key, value in part.items():
            joined = isinstance(value, list) and isinstance(service.get(key), list)
            service[key] = service[key] + value if joined else value
    return service


def services_into_feed(site: SiteData, feed: Feed) -> None:
    for s in site.services:
        feed.add_service(oruk_service(s, feed))


# What each kind of record puts into the Open Referral feed (generator/opendata/openreferral.py says how).
CONTRIBUTORS: tuple[Contributor, ...] = (setting_names_into_feed, services_into_feed, settings_into_feed)


def services_csv(site: SiteData, council: Council) -> str:
    columns = [column for column in COLUMNS if column.csv]
    rows = ([column.value(s, council) for column in columns] for s in site.services)
    return csv_text([column.name for column in columns], rows)


def atom_feed(site: SiteData, council: Council, limit: int = 50) -> str:
    """Recently reviewed or changed services and guides, newest first."""
    closed = " (temporarily closed)"
    entries: list[tuple[date, str, str, str]] = [
        (s.last_reviewed, s.name + closed * (s.status == "temporarily-closed"), service_url(council, s), s.summary)
        for s in site.services
    ]
    entries += [(g.last_reviewed, g.title, council.site_url + g.url, g.summary) for g in site.guides]
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    newest = entries[0][0].isoformat() if entries else "1970-01-01"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(council.site_name)}: recently updated</title>",
        f'  <link href="{escape(council.site_url)}"/>',
        f"  <id>{escape(council.site_url)}</id>",
        f"  <updated>{newest}T00:00:00Z</updated>",
    ]
    for day, title, url, summary in entries[:limit]:
        parts += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f'    <link href="{escape(url)}"/>',
            f"    <id>{escape(url)}</id>",
            f"    <updated>{day.isoformat()}T00:00:00Z</updated>",
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def open_data_files(site: SiteData, council: Council) -> dict[str, str]:
    files = feed_files(site, council, CONTRIBUTORS)
    files["services.csv"] = services_csv(site, council)
    files["feed.xml"] = atom_feed(site, council)
    return files
