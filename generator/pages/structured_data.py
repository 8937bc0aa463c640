"""The schema.org description of a service that its page carries for search engines (a `<script
type="application/ld+json">` in the page's head), made from the same record as the page."""

from __future__ import annotations

import json

from generator.inputs.settings import Council
from generator.records.model import Service


def json_ld(s: Service, council: Council) -> str:
    """schema.org GovernmentService for the page's <script type="application/ld+json">; safe inside HTML."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": s.name,
        "description": f"Temporarily closed. {s.summary}" if s.status == "temporarily-closed" else s.summary,
        "url": council.site_url + s.url,
        "provider": {"@type": "Organization", "name": s.organisation},
        "areaServed": {"@type": "AdministrativeArea", "name": council.name},
        "audience": {"@type": "PeopleAudience", "suggestedMinAge": s.age_range.min, "suggestedMaxAge": s.age_range.max},
        "dateModified": s.last_reviewed.isoformat(),
    }
    contact = {k: v for k, v in (("telephone", s.contact.phone), ("email", s.contact.email)) if v}
    if contact:
        data["availableChannel"] = {"@type": "ServiceChannel", "servicePhone": {"@type": "ContactPoint", **contact}}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
