"""Data others can reuse: an Open Referral UK style feed, a CSV, schema.org JSON-LD, a sitemap and an Atom feed."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from .config import Council
from .model import Service, SiteData
from .taxonomy import CATEGORIES, NEEDS
from .urls import url_of

PAGE_SIZE = 100
ATTENDING_ACCESS = {
    "self": "drop-in",
    "professional": "referral",
    "self-or-professional": "referral",
    "none": "drop-in",
}


def service_url(council: Council, s: Service) -> str:
    return f"{council.site_url}{url_of(f'services/{s.id}.md')}"


def oruk_service(s: Service, council: Council) -> dict:
    """One service in the Open Referral UK (HSDS UK profile) service shape."""
    return {
        "id": s.id,
        "name": s.name,
        "description": s.summary,
        "url": s.contact.website or service_url(council, s),
        "email": s.contact.email or "",
        "status": "temporarily closed" if s.status == "temporarily-closed" else "active",
        "fees": "" if s.is_free else s.cost,
        "assured_date": s.last_reviewed.isoformat(),
        "attending_access": ATTENDING_ACCESS[s.referral],
        "organization": {"id": _slug(s.organisation), "name": s.organisation},
        "phones": [{"number": s.contact.phone}] if s.contact.phone else [],
        "eligibilitys": [{"eligibility": "age", "minimum_age": s.age_min, "maximum_age": s.age_max}],
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "name",
            "organisation",
            "category",
            "summary",
            "age_min",
            "age_max",
            "needs",
            "cost",
            "referral",
            "phone",
            "email",
            "website",
            "area",
            "status",
            "last_reviewed",
            "page",
        ]
    )
    for s in site.services:
        writer.writerow(
            [
                s.id,
                s.name,
                s.organisation,
                s.category,
                s.summary,
                s.age_min,
                s.age_max,
                ";".join(s.needs),
                s.cost,
                s.referral,
                s.contact.phone or "",
                s.contact.email or "",
                s.contact.website or "",
                ";".join(s.area),
                s.status,
                s.last_reviewed.isoformat(),
                service_url(council, s),
            ]
        )
    return out.getvalue()


def json_ld(s: Service, council: Council) -> str:
    """schema.org GovernmentService for the page's <script type="application/ld+json">; safe inside HTML."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": s.name,
        "description": s.summary,
        "url": service_url(council, s),
        "provider": {"@type": "Organization", "name": s.organisation},
        "areaServed": {"@type": "AdministrativeArea", "name": council.name},
        "audience": {"@type": "PeopleAudience", "suggestedMinAge": s.age_min, "suggestedMaxAge": s.age_max},
        "dateModified": s.last_reviewed.isoformat(),
    }
    contact = {k: v for k, v in (("telephone", s.contact.phone), ("email", s.contact.email)) if v}
    if contact:
        data["availableChannel"] = {"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", **contact}}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def dated_pages(site: SiteData) -> dict[str, date]:
    """Last-reviewed dates for the pages made from records (docs path → date)."""
    dates: dict[str, date] = {f"services/{s.id}.md": s.last_reviewed for s in site.services}
    dates.update({f"transitions/{g.id}.md": g.last_reviewed for g in site.guides})
    return dates


def sitemap(council: Council, pages: Iterable[str], dates: dict[str, date]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for docs_path in sorted(pages):
        lines.append(
            f"  <url><loc>{escape(council.site_url + url_of(docs_path))}</loc>"
            + (f"<lastmod>{dates[docs_path].isoformat()}</lastmod>" if docs_path in dates else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def atom_feed(site: SiteData, council: Council, limit: int = 50) -> str:
    """Recently reviewed or changed services and guides, newest first."""
    entries: list[tuple[date, str, str, str]] = [
        (s.last_reviewed, s.name, service_url(council, s), s.summary) for s in site.services
    ]
    entries += [
        (g.last_reviewed, g.title, council.site_url + url_of(f"transitions/{g.id}.md"), g.summary) for g in site.guides
    ]
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
