"""The Open Referral UK 3.0 feed (the UK profile of HSDS 3.0), published as files that a static host serves as the
API the ORUK validator and directories such as the DfE Family Hubs directory read.

    API request ({site}/openreferral…)         file in the site
    GET /                                       openreferral/index.json        (version, profile, openapi_url)
    GET /services?page=N                        openreferral/services-page-N.json (per_page items each)
    GET /services          (no page asked)      openreferral/services-all.json    (every item, as one page)
    GET /services/{id}                          openreferral/services/{id}     (no ending: the API's own address)
    … and the same for taxonomies, taxonomy_terms and organizations.

The collection and root addresses need the host configuration written by generator/publish/hosting.py; the build
can also write these files as a folder of their own whose root is the API's (generator/publish/api_folder.py).

Without `?page=` a collection is answered whole, on one page: the DfE Family Hubs ingester asks `/services` once and
reads no other page (tests/consumers.py), and hosts that cannot route `?page=N` (Cloudflare Pages, Azure Static Web
Apps) then still give every item.

Every id is a UUID made from the council's namespace (`extra.open_referral.namespace`) and what the object is (for
example `service/<record id>/phone`), so every build gives the same ids and no two councils share one. Nothing is
written empty: a value that is missing or "" is left out.

Record kinds put what they hold into the feed through `Contributor` functions, `(SiteData, Feed) -> None`, listed in
the one `CONTRIBUTORS` table of generator/opendata/files.py: a contributor calls `feed.organization(...)` for
who runs things, `feed.attribute(...)` to file an object under a published taxonomy term, and `feed.add_service(...)`
with a service in the 3.0 shape (see oruk_service in opendata/files.py). docs/developer-guide.md shows how.
"""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.inputs.settings import Council
from generator.records.model import SiteData
from generator.records.urls import url_of

FOLDER = "openreferral"
VERSION = "HSDS-UK-3.0"
PROFILE = "https://openreferraluk.org/specifications/3.0/"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
COLLECTIONS = ("services", "taxonomies", "taxonomy_terms", "organizations")
# The fields of a service in a page of /services: those with one value each ("one-to-one"), as the standard's
# service_list.json lists them, and its organization. The whole service is at /services/{id}.
LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "accreditations",
    "eligibility_description",
    "application_process",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "alert",
    "last_modified",
    "organization",
)

# The order fields are written in: the standard's own (service.json), HSDS 3.0's additions beside their kin.
SERVICE_ORDER = (
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "alert",
    "eligibility_description",
    "application_process",
    "fees",
    "fees_description",
    "accreditations",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "assurer_email",
    "last_modified",
    "phones",
    "contacts",
    "schedules",
    "service_areas",
    "service_at_locations",
    "languages",
    "cost_options",
    "organization",
    "attributes",
)

Json = dict[str, Any]


def page_file(collection: str, number: int) -> str:
    return f"{FOLDER}/{collection}-page-{number}.json"


def whole_file(collection: str) -> str:
    """Every item of a collection on one page: what the collection's address answers when no page is asked for."""
    return f"{FOLDER}/{collection}-all.json"


def item_file(collection: str, item_id: str) -> str:
    return f"{FOLDER}/{collection}/{item_id}"


@dataclass(frozen=True)
class Taxonomy:
    """A published vocabulary: its terms are what records hold (a schema's enum), each with words for people."""

    key: str  # short name used in ids: "need"
    name: str
    description: str
    terms: Mapping[str, str]  # code → name
    term_descriptions: Mapping[str, str] = field(default_factory=dict)  # code → description (else the name)
    term_page: Callable[[str], str | None] = lambda code: None  # code → docs path of a page about it, if any


def address_parts(address: str) -> tuple[str, str]:
    """(address_1, city) for the standard's address: the last part of a UK address names the town. A UK address
    has no state or province; the town stands in for the one the standard requires."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    return (", ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else (address, address)


def compact(value: Any) -> Any:
    """`value` without empty parts: no "", None, [] or {} anywhere (the feed never publishes an empty value)."""
    if isinstance(value, dict):
        kept = {k: compact(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", None, [], {})}
    if isinstance(value, list):
        kept_items = [compact(v) for v in value]
        return [v for v in kept_items if v not in ("", None, [], {})]
    return value


def _name_key(name: str) -> str:
    """A name as the feed matches it: the same whatever its capitals and spacing (one organization, one venue)."""
    return " ".join(name.casefold().split())


class Feed:
    """The feed being made: services, organizations and taxonomies, with ids made from the council's namespace."""

    def __init__(self, council: Council) -> None:
        self.council = council
        self.namespace = uuid.UUID(council.feed_namespace)
        self.services: dict[str, Json] = {}
        self.organizations: dict[str, Json] = {}
        self.named: dict[str, str] = {}  # a name that is an organization's own (a school's), to that organization's id
        self.org_services: dict[str, list[Json]] = {}
        self.taxonomies: dict[str, Taxonomy] = {}

    def id(self, *parts: str) -> str:
        """The UUID of an object, from what it is: `feed.id("service", record_id, "phone")`."""
        return str(uuid.uuid5(self.namespace, "/".join(parts)))

    def url(self, docs_path: str) -> str:
        return self.council.site_url + url_of(docs_path)

    def organization(self, name: str, *, uid: str | None = None, **fields: Any) -> Json:
        """The organization called `name` (one object, however many services name it), with any fields given; or,
        given `uid` (made by `feed.id` from a record of its own, such as a school), the one with that id."""
        own = uid is not None  # the record's own details, its name as it spells it
        name_key = _name_key(name)
        uid = uid or self.named.get(name_key)
        key = uid or name_key
        org = self.organizations.get(key)
        if org is None:
            description = f"{name} runs services listed in the {self.council.site_name}."
            org = {"id": uid or self.id("organization", key), "name": name, "description": description}
            self.organizations[key] = org
        if own:
            org["name"] = name
        org.update({k: v for k, v in fields.items() if v not in ("", None, [], {})})
        return org

    def claim_names(self, owners: Iterable[tuple[str, str]]) -> None:
        """`(name, id)` of organizations with records of their own (schools and settings): a service whose
        organisation has one of these names is run by that organization, not by another of the same name. A name
        two of them share stays a plain name."""
        found: dict[str, set[str]] = {}
        for name, uid in owners:
            found.setdefault(_name_key(name), set()).add(uid)
        self.named.update({key: next(iter(uids)) for key, uids in found.items() if len(uids) == 1})

    def at_location(self, owner: str, name: str, address: str, postcode: str, accessibility: str | None) -> Json:
        """A `service_at_location` of the service `owner` (for example `service/<record id>`) at a physical place. A
        venue has one location id (from its postcode and name), however many services or settings are there."""
        key = f"{postcode}/{_name_key(name)}"
        street, town = address_parts(address)
        location = {
            "id": self.id("location", key),
            "location_type": "physical",
            "name": name,
            "addresses": [
                {
                    "id": self.id("location", key, "address"),
                    "address_1": street,
                    "city": town,
                    "state_province": town,
                    "postal_code": postcode,
                    "country": "GB",
                    "address_type": "physical",
                }
            ],
            "accessibility": [{"id": self.id("location", key, "accessibility"), "description": accessibility}]
            if accessibility
            else [],
        }
        return {"id": self.id(owner, "at", key), "location_id": location["id"], "location": location}

    def contact_points(self, owner: str, name: str, phone: str | None, email: str | None) -> Json:
        """The `phones` and `contacts` of the service `owner` (nothing when it has no phone or email)."""
        phones = [{"id": self.id(owner, "phone"), "number": phone}] if phone else []
        if not (phones or email):
            return {}
        return {
            "phones": phones,
            "contacts": [{"id": self.id(owner, "contact"), "name": name, "email": email, "phones": phones}],
        }

    def term(self, taxonomy: Taxonomy, code: str) -> Json:
        """A term of a published taxonomy (the whole taxonomy is published once any term of it is used)."""
        self.taxonomies.setdefault(taxonomy.key, taxonomy)
        page = taxonomy.term_page(code)
        term: Json = compact(
            {
                "id": self.id("taxonomy_term", taxonomy.key, code),
                "name": taxonomy.terms[code],
                "description": taxonomy.term_descriptions.get(code) or taxonomy.terms[code],
                "code": code,
                "term": taxonomy.terms[code],
                "taxonomy": taxonomy.name,
                "taxonomy_id": self.id("taxonomy", taxonomy.key),
                "term_uri": self.url(page) if page else None,
            }
        )
        return term

    def attribute(self, owner: str, owner_id: str, taxonomy: Taxonomy, code: str, entity: str = "") -> Json:
        """Files the object `owner_id` (made from `owner`, for example `service/<record id>`) under a term; the kind
        of object it is (`entity`) is the first part of `owner` unless given."""
        term = self.term(taxonomy, code)
        return {
            "id": self.id(owner, "attribute", taxonomy.key, code),
            "link_id": owner_id,
            "link_entity": entity or owner.split("/")[0],
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }

    def add_service(self, service: Json) -> None:
        """A service in the 3.0 shape (empty values are left out; fields are put in the standard's order)."""
        rank = {name: i for i, name in enumerate(SERVICE_ORDER)}
        service = compact(dict(sorted(service.items(), key=lambda item: rank.get(item[0], len(rank)))))
        if service["id"] in self.services:
            raise ValueError(f"two services in the feed have the id {service['id']}")
        self.services[service["id"]] = service
        org = service.get("organization")
        if org:
            self.org_services.setdefault(org["id"], []).append({"id": service["id"], "name": service["name"]})

    def _taxonomy(self, taxonomy: Taxonomy) -> Json:
        return {
            "id": self.id("taxonomy", taxonomy.key),
            "name": taxonomy.name,
            "description": taxonomy.description,
        }

    def files(self) -> dict[str, str]:
        """Every file of the feed, by its path in the site."""
        per_page = self.council.feed_per_page
        services = sorted(self.services.values(), key=lambda s: (s["name"].casefold(), s["id"]))
        listed = [{k: s[k] for k in LIST_FIELDS if k in s} for s in services]
        orgs = sorted(self.organizations.values(), key=lambda o: (o["name"].casefold(), o["id"]))
        taxonomies = [self.taxonomies[key] for key in sorted(self.taxonomies)]
        terms = [self.term(t, code) for t in taxonomies for code in t.terms]
        whole = {
            "services": (listed, services),
            "organizations": (orgs, [compact({**o, "services": self.org_services.get(o["id"], [])}) for o in orgs]),
            "taxonomies": (
                [self._taxonomy(t) for t in taxonomies],
                [{**self._taxonomy(t), "taxonomy_terms": [self.term(t, c) for c in t.terms]} for t in taxonomies],
            ),
            "taxonomy_terms": (terms, terms),
        }
        files = {f"{FOLDER}/index.json": _json({"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI_URL})}
        for collection, (summaries, full) in whole.items():
            files.update(_pages(collection, summaries, per_page))
            whole_list = _pages(collection, summaries, max(1, len(summaries)))
            files[whole_file(collection)] = whole_list[page_file(collection, 1)]
            files.update({item_file(collection, item["id"]): _json(item) for item in full})
        return files


def _pages(collection: str, items: list[Json], per_page: int) -> dict[str, str]:
    """The pages of a collection as the standard's paged lists, page 1 always there (empty when there is nothing)."""
    total = max(1, math.ceil(len(items) / per_page))
    pages = {}
    for number in range(1, total + 1):
        contents = items[(number - 1) * per_page : number * per_page]
        page = {
            "total_items": len(items),
            "total_pages": total,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == total,
            "empty": not contents,
            "contents": contents,
        }
        pages[page_file(collection, number)] = _json(page)
    return pages


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


Contributor = Callable[[SiteData, Feed], None]


def feed_files(site: SiteData, council: Council, contributors: Iterable[Contributor]) -> dict[str, str]:
    """The whole feed: each contributor adds what its records hold."""
    feed = Feed(council)
    for contribute in contributors:
        contribute(site, feed)
    return feed.files()
