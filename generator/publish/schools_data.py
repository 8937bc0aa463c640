"""Schools, colleges and other settings as open data: `schools.csv`, one row per published setting.

`SCHOOL_COLUMNS` is the one place to add a setting's field to the open data. (Settings are not in the Open Referral
feed yet: they are to join it as organizations with a location, and their SEND provision as a service, once that
feed's organization and location mapping is settled.)
"""

from __future__ import annotations

from collections.abc import Callable

from generator.inputs.settings import Council
from generator.pages.model import Setting, SiteData
from generator.pages.render_settings import official_links
from generator.publish.spreadsheet import csv_text

Value = Callable[[Setting, Council], object]


def _join(values: tuple[str, ...]) -> str:
    return ";".join(values)


SCHOOL_COLUMNS: tuple[tuple[str, Value], ...] = (
    ("id", lambda s, c: s.id),
    ("name", lambda s, c: s.name),
    ("type", lambda s, c: s.type),
    ("organisation", lambda s, c: s.organisation or ""),
    ("summary", lambda s, c: s.summary),
    ("phases", lambda s, c: _join(s.phases)),
    ("age_min", lambda s, c: s.age_range.min),
    ("age_max", lambda s, c: s.age_range.max),
    ("designated_needs", lambda s, c: _join(s.designated_needs)),
    ("places", lambda s, c: s.places or ""),
    ("admissions", lambda s, c: _join(s.admissions)),
    ("host", lambda s, c: s.host or ""),
    ("local_authority", lambda s, c: s.local_authority if s.outside(c.name) else c.name),
    ("outside_area", lambda s, c: "yes" if s.outside(c.name) else "no"),
    ("urn", lambda s, c: s.urn or ""),
    ("dfe_record", lambda s, c: official_links(s)[0]),
    ("sen_information_report", lambda s, c: s.sen_information_report or ""),
    ("phone", lambda s, c: s.contact.phone or ""),
    ("email", lambda s, c: s.contact.email or ""),
    ("website", lambda s, c: s.contact.website or ""),
    ("address", lambda s, c: s.location.address if s.location else ""),
    ("postcode", lambda s, c: s.location.postcode if s.location else ""),
    ("last_reviewed", lambda s, c: s.last_reviewed.isoformat()),
    ("page", lambda s, c: c.site_url + s.url),
)


def schools_csv(site: SiteData, council: Council) -> str:
    rows = ([value(s, council) for _, value in SCHOOL_COLUMNS] for s in site.settings)
    return csv_text([name for name, _ in SCHOOL_COLUMNS], rows)
