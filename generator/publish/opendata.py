"""Data others can reuse: an Open Referral UK style feed, a CSV, schema.org JSON-LD and an Atom feed.

The sitemap is a theme template (site_overrides/sitemap.xml) with each page's lastmod from its record."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from generator.inputs.settings import Council
from generator.pages.model import Service, SiteData
from generator.pages.taxonomy import CATEGORIES, NEEDS
from generator.publish.spreadsheet import csv_text

PAGE_SIZE = 100
ATTENDING_ACCESS = {
    "self": "drop-in",
    "professional": "referral",
    "self-or-professional": "referral",
    "none": "drop-in",
}


def service_url(council: Council, s: Service) -> str:
    return council.site_url + s.url


@dataclass(frozen=True)
class Column:
    """One value every open-data format shares: its CSV column (if any) and the Open Referral field it fills (if any).

    This table is the one place to add a field to the open data."""

    name: str
    value: Callable[[Service, Council], object]
    csv: bool = True
    oruk: str | None = None


def _join(values: tuple[str, ...]) -> str:
    return ";".join(values)


COLUMNS: tuple[Column, ...] = (
    Column("id", lambda s, c: s.id, oruk="id"),
    Column("name", lambda s, c: s.name, oruk="name"),
    Column("organisation", lambda s, c: s.organisation),
    Column("category", lambda s, c: s.category),
    Column("summary", lambda s, c: s.summary, oruk="description"),
    Column("age_min", lambda s, c: s.age_range.min),
    Column("age_max", lambda s, c: s.age_range.max),
    Column("needs", lambda s, c: _join(s.needs)),
    Column("cost", lambda s, c: s.cost),
    Column("fees", lambda s, c: "" if s.is_free else s.cost, csv=False, oruk="fees"),
    Column("referral", lambda s, c: s.referral),
    Column("attending_access", lambda s, c: ATTENDING_ACCESS[s.referral], csv=False, oruk="attending_access"),
    Column("phone", lambda s, c: s.contact.phone or ""),
    Column("email", lambda s, c: s.contact.email or "", oruk="email"),
    Column("website", lambda s, c: s.contact.website or ""),
    Column("url", lambda s, c: s.contact.website or service_url(c, s), csv=False, oruk="url"),
    Column("area", lambda s, c: _join(s.area)),
    Column("status", lambda s, c: s.status),
    Column(
        "oruk_status",
        lambda s, c: "temporarily closed" if s.status == "temporarily-closed" else "active",
        csv=False,
        oruk="status",
    ),
    Column("last_reviewed", lambda s, c: s.last_reviewed.isoformat(), oruk="assured_date"),
    Column("page", lambda s, c: service_url(c, s)),
)


def oruk_service(s: Service, council: Council) -> dict[str, Any]:
    """One service in the Open Referral UK (HSDS UK profile) service shape."""
    flat = {column.oruk: column.value(s, council) for column in COLUMNS if column.oruk}
    return {
        **flat,
        "organization": {"id": _slug(s.organisation), "name": s.organisation},
        "phones": [{"number": s.contact.phone}] if s.contact.phone else [],
        "eligibilitys": [{"eligibility": "age", "minimum_age": s.age_range.min, "maximum_age": s.age_range.max}],
        "cost_options": [{"option": "free" if s.is_free else "charge", "amount_description": s.cost}],
        "languages": [{"language": language} for language in ("English", *s.languages)],
        "service_areas": [{"service_area": area} for area in (s.area or (council.name,))],
        "service_at_locations": [
            {
                "location": {
                    "name": loc.name,
                    "physical_addresses": [{"address_1": loc.address, "postal_code": loc.postcode, "country": "GB"}],
                    "accessibility_for_disabilities": [{"accessibility": loc.accessibility}]
                    if loc.accessibility
                    else [],
                }
            }
            for loc in s.locations
        ],
        "service_taxonomys": [
            {"taxonomy": {"id": f"category:{s.category}", "name": CATEGORIES[s.category], "vocabulary": "local-offer"}},
            *(
                {"taxonomy": {"id": f"need:{n}", "name": NEEDS[n], "vocabulary": "send-code-of-practice"}}
                for n in s.needs
            ),
        ],
    }


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def oruk_files(site: SiteData, council: Council) -> dict[str, str]:
    """`openreferral/services.json` (page 1), `services-page-N.json`, and `openreferral/services/<id>.json`."""
    items = [oruk_service(s, council) for s in site.services]
    pages = max(1, math.ceil(len(items) / PAGE_SIZE))
    files = {f"openreferral/services/{item['id']}.json": _json(item) for item in items}
    for number in range(1, pages + 1):
        contents = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        page = {
            "total_items": len(items),
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == pages,
            "empty": not contents,
            "contents": contents,
        }
        files["openreferral/services.json" if number == 1 else f"openreferral/services-page-{number}.json"] = _json(
            page
        )
    return files


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def services_csv(site: SiteData, council: Council) -> str:
    columns = [column for column in COLUMNS if column.csv]
    rows = ([column.value(s, council) for column in columns] for s in site.services)
    return csv_text([column.name for column in columns], rows)


def json_ld(s: Service, council: Council) -> str:
    """schema.org GovernmentService for the page's <script type="application/ld+json">; safe inside HTML."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": s.name,
        "description": f"Temporarily closed. {s.summary}" if s.status == "temporarily-closed" else s.summary,
        "url": service_url(council, s),
        "provider": {"@type": "Organization", "name": s.organisation},
        "areaServed": {"@type": "AdministrativeArea", "name": council.name},
        "audience": {"@type": "PeopleAudience", "suggestedMinAge": s.age_range.min, "suggestedMaxAge": s.age_range.max},
        "dateModified": s.last_reviewed.isoformat(),
    }
    contact = {k: v for k, v in (("telephone", s.contact.phone), ("email", s.contact.email)) if v}
    if contact:
        data["availableChannel"] = {"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", **contact}}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
    files = oruk_files(site, council)
    files["services.csv"] = services_csv(site, council)
    files["feed.xml"] = atom_feed(site, council)
    return files
