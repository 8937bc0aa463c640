"""Schools, colleges and other settings as open data: `schools.csv`, one row per published setting
(`SCHOOL_COLUMNS`), and their place in the Open Referral UK 3.0 feed (`settings_into_feed`, a contributor).

In the feed a setting is an organization (its URN as an `organization_identifiers` entry, scheme GB-EDU) that runs
one service, "Places at <setting>": its ages, how places are given, its address, and its type, stages, needs and
whether it is in the council's area as taxonomy terms. A resource base is part of its host school: its service is the
host's, at the host's address unless it gives its own. Every setting's service area is the council's, outside the
area or not: families here get places there (through an EHC plan); the address says where it is.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.inputs.settings import Council
from generator.opendata.openreferral import Feed, Json
from generator.opendata.plaintext import plain_text
from generator.opendata.spreadsheet import csv_text
from generator.opendata.vocabularies import TAXONOMIES
from generator.pages.setting_pages import official_links
from generator.records.ids import setting_service_feed_id
from generator.records.model import Setting, SiteData
from generator.records.taxonomy import ADMISSIONS_SHORT, DESIGNATED_NEEDS, SETTING_TYPES

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


# org-id.guide's scheme for the Department for Education's unique reference numbers (Get Information about Schools)
URN_SCHEME = ("GB-EDU", "Department for Education unique reference number (URN)")


def _needs_in_words(s: Setting) -> str:
    """Its designated needs as words in a sentence: "autism and speech, language and communication needs"."""
    needs = [DESIGNATED_NEEDS[n][:1].lower() + DESIGNATED_NEEDS[n][1:] for n in s.designated_needs]
    return ", ".join(needs[:-1]) + f" and {needs[-1]}" if len(needs) > 1 else "".join(needs)


def _organization(s: Setting, feed: Feed) -> Json:
    """The setting as an organization: its own id, its URN, and who runs it (an academy trust, a charity)."""
    uid = feed.id("setting", s.id)
    gias, _ = official_links(s)
    scheme, kind = URN_SCHEME
    urn = {"id": feed.id("setting", s.id, "urn"), "organization_id": uid, "identifier_scheme": scheme}
    identifiers = [{**urn, "identifier_type": kind, "identifier": s.urn}] if s.urn else []
    parent = feed.organization(s.organisation)["id"] if s.organisation else None
    return feed.organization(
        s.name,
        uid=uid,
        description=s.summary,
        email=s.contact.email,
        website=s.contact.website,
        uri=gias,
        parent_organization_id=parent,
        organization_identifiers=identifiers,
    )


def _description(s: Setting, host: Setting | None, council: Council) -> str:
    where = f" in {s.local_authority}, outside {council.name}" if s.outside(council.name) else ""
    part_of = f", part of {host.name}" if host else ""
    lines = [f"{SETTING_TYPES[s.type]}{where}{part_of}. {s.summary}"]
    if s.description:
        lines.append(plain_text(s.description))
    needs = _needs_in_words(s)
    facts = [f"Designated for {needs}." if needs else "", f"{s.places} places." if s.places else ""]
    lines.append(" ".join(f for f in facts if f))
    if s.sen_information_report:
        lines.append(f"SEN information report: {s.sen_information_report}")
    return "\n\n".join(line for line in lines if line)


def setting_service(s: Setting, site: SiteData, feed: Feed) -> Json:
    """The places a setting offers, as a service in the 3.0 shape."""
    owner = f"setting/{s.id}"
    host = site.settings_by_id.get(s.host or "")
    org = _organization(host or s, feed)
    # a resource base without an address of its own is at its host school's (one location, the host's)
    venue, place = (s, s.location) if s.location or not host else (host, host.location)
    at = [feed.at_location(owner, venue.name, place.address, place.postcode, place.accessibility)] if place else []
    ages = f"Children and young people aged {s.age_range.min} to {s.age_range.max}"
    needs = _needs_in_words(s)
    routes = "; ".join(ADMISSIONS_SHORT[a] for a in s.admissions) + "."
    terms = [("setting-type", s.type), *(("phase", p) for p in s.phases)]
    terms += [("need", n) for n in s.broad_needs] + [("designated-need", n) for n in s.designated_needs]
    terms += [("admissions", a) for a in s.admissions]
    terms.append(("setting-area", "outside" if s.outside(feed.council.name) else "inside"))
    uid = setting_service_feed_id(s.id, feed.council.feed_namespace)  # feed.id(owner, "service"); validation reads it
    return {
        "id": uid,
        "organization_id": org["id"],
        "organization": dict(org),
        "name": f"Places at {s.name}",
        "description": _description(s, host, feed.council),
        "url": feed.council.site_url + s.url,
        "email": s.contact.email,
        "status": "active",
        "eligibility_description": f"{ages} with {needs}." if needs else f"{ages}.",
        "application_process": f"{routes}\n\n{plain_text(s.how_to_apply)}" if s.how_to_apply else routes,
        "minimum_age": s.age_range.min,
        "maximum_age": s.age_range.max,
        "assured_date": s.last_reviewed.isoformat(),
        **feed.contact_points(owner, s.name, s.contact.phone, s.contact.email),
        "service_areas": [{"id": feed.id(owner, "area"), "name": feed.council.name, "service_area": feed.council.name}],
        "service_at_locations": at,
        "attributes": [feed.attribute(owner, uid, TAXONOMIES[key], code, entity="service") for key, code in terms],
    }


def setting_names_into_feed(site: SiteData, feed: Feed) -> None:
    """First of the contributors: a service run by a school or setting is filed under the setting's organization."""
    feed.claim_names((s.name, feed.id("setting", s.id)) for s in site.settings)


def settings_into_feed(site: SiteData, feed: Feed) -> None:
    for s in site.settings:
        feed.add_service(setting_service(s, site, feed))
