"""Two real consumers of an Open Referral UK API, replayed request by request as their source code makes them.

- The Open Referral UK validator, OpenReferralUK/oruk-validator at 8cbf722927b22c8ab5b37f34519fe075c72a1ebf
  (2026-03-16), OpenReferralApi.Core/Services/: OpenApiDiscoveryService.cs (the root) and OpenApiValidationService.cs
  (every path of the standard's openapi.json; "ValidationService.cs" below).
- The DfE Family Hubs ingester, DFE-Digital/fh-services at 9e1ca2ac0819a4b87abe05c1061acb850d7c0260 (2025-03-26),
  src/function/open-referral-function/src/FamilyHubs.OpenReferral.Function/: Program.cs, ClientServices/
  HsdaApiService.cs, and the entities it reads into (src/shared/shared-kernel/.../OpenReferral/Entities/*.cs).

Each function takes the address the council gives the consumer and a `get` (an HTTP GET), and returns what the
consumer asked, what it would report as failing and what it got.
"""

from __future__ import annotations

import json
import random
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from oruk_standard import errors

OPENAPI = Path(__file__).resolve().parent / "oruk" / "spec-3.0" / "openapi.json"
SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"


@dataclass
class Answer:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


Get = Callable[[str], Answer]


def http_get(url: str) -> Answer:
    """A GET as .NET's HttpClient makes it: redirects followed, any status returned (never raised)."""
    request = urllib.request.Request(url, headers={"User-Agent": "Mozilla/5.0 (replayed consumer)"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return Answer(answer.url, answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as failed:
        return Answer(url, failed.code, {k.lower(): v for k, v in failed.headers.items()}, failed.read())


@dataclass
class Run:
    asked: list[Answer] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # what the consumer reports as failing (or crashes on)
    warnings: list[str] = field(default_factory=list)
    services: dict[str, Any] = field(default_factory=dict)  # id → the whole service it got (or imported)

    def get(self, get: Get, url: str) -> Answer:
        answer = get(url)
        self.asked.append(answer)
        return answer


def _json_or_none(answer: Answer) -> Any:
    try:
        return answer.json()
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# The ORUK validator


def _endpoints() -> list[tuple[str, list[tuple[str, dict[str, Any], dict[str, Any]]]]]:
    """The standard's GET operations grouped by root path, in the order the validator tests them
    (ValidationService.cs GroupEndpointsByDependencies: paths in the document's order, grouped by EndpointInfo
    .GetRootPath, the path up to its first {parameter})."""
    groups: dict[str, list[tuple[str, dict[str, Any], dict[str, Any]]]] = {}
    for path, item in _spec()["paths"].items():
        if "get" in item:
            segments = [s for s in path.split("/") if s]
            before = segments[: next((i for i, s in enumerate(segments) if s.startswith("{")), len(segments))]
            groups.setdefault("/" + "/".join(before), []).append((path, item, item["get"]))
    return list(groups.items())


@cache
def _spec() -> Any:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


def _params(spec_item: dict[str, Any], operation: dict[str, Any]) -> list[dict[str, Any]]:
    """ResolveOperationParameters: the path's and the operation's parameters, references resolved."""
    spec = _spec()
    found = []
    for param in [*spec_item.get("parameters", []), *operation.get("parameters", [])]:
        if "$ref" in param:
            param = spec["components"]["parameters"][param["$ref"].rsplit("/", 1)[1]]
        found.append(param)
    return found


def _schema_of(operation: dict[str, Any]) -> str | None:
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"].get("$ref", "")
    return ref.removeprefix(SCHEMA_BASE) or None


def _optional(operation: dict[str, Any]) -> bool:
    """OptionalEndpointExtensions.cs HasOptionalTag: a tag "Optional" in any case."""
    return any(str(tag).casefold() == "optional" for tag in operation.get("tags", []))


def _check(run: Run, answer: Answer, operation: dict[str, Any]) -> Any:
    """One request's verdict (ValidationService.cs TestSingleEndpointAsync / ValidateResponseAsync): a status that is
    not 2xx, a body that is not JSON or one the response schema refuses is an error, a warning if the endpoint is
    optional (TreatOptionalEndpointsAsWarnings defaults to true)."""
    report = run.warnings if _optional(operation) else run.failures
    if not 200 <= answer.status < 300:
        report.append(f"{answer.url}: status {answer.status}")
        return None
    data = _json_or_none(answer)
    schema = _schema_of(operation)
    if data is None:
        report.append(f"{answer.url}: not JSON ({answer.headers.get('content-type')})")
    elif schema:
        report += [f"{answer.url}: {e}" for e in errors(schema, data)[:3]]
    return data


def oruk_validator(base_url: str, get: Get = http_get, seed: int = 15) -> Run:
    """POST /openreferraluk/validate {"baseUrl": base_url}, as the validator then asks the API."""
    run = Run()
    # OpenApiDiscoveryService.DiscoverOpenApiUrlAsync: GET the base URL exactly as given; a failure, a body that is
    # not JSON or one without `version` or `openapi_url` makes it fall back to HSDS-UK 1.0 (and then fail 3.0 feeds).
    root = _json_or_none(run.get(get, base_url))
    version = str(root.get("version", "")) if isinstance(root, dict) else ""
    number = version.upper().replace("HSDS-UK-", "").replace("V", "").strip()
    if number != "3.0":
        run.failures.append(f"{base_url}: no HSDS-UK 3.0 version at the root: the validator falls back to 1.0")
        return run
    ids: dict[str, list[str]] = {}
    rng = random.Random(seed)
    for root_path, endpoints in _endpoints():
        # PHASE 1, collection endpoints one after another (TestSingleEndpointWithIdExtractionAsync)
        for path, item, operation in (e for e in endpoints if "{" not in e[0]):
            url = base_url.rstrip("/") + path  # BuildFullUrl: $"{baseUrl.TrimEnd('/')}{path}"
            if not any(p["name"] == "page" and p["in"] == "query" for p in _params(item, operation)):
                _check(run, run.get(get, url), operation)
                continue
            # TestPaginatedEndpointAsync: page=1; total_pages from it; the middle page (total / 2, integer
            # division) when there are more than 2; the last when more than 1. IDs come from the first successful
            # answer only (the first page).
            first = _check(run, run.get(get, f"{url}?page=1"), operation)
            if not isinstance(first, dict):
                continue
            contents = first.get("contents") or []
            if not contents:
                run.warnings.append(f"{url}?page=1: returned 0 items (EMPTY_FEED_WARNING)")
                continue
            ids[root_path] = [str(i["id"]) for i in contents if isinstance(i, dict) and "id" in i]
            total = int(first.get("total_pages") or 1)
            for page in ([total // 2] if total > 2 else []) + ([total] if total > 1 else []):
                _check(run, run.get(get, f"{url}?page={page}"), operation)
        # PHASE 2, parameterised endpoints with up to 10 of those ids, chosen at random when there are more
        # (TestSingleEndpointWithIdSubstitutionAsync)
        for path, _, operation in (e for e in endpoints if "{" in e[0]):
            known = ids.get(root_path, [])
            for chosen in known if len(known) <= 10 else rng.sample(known, 10):
                data = _check(run, run.get(get, base_url.rstrip("/") + path.replace("{id}", chosen)), operation)
                if root_path == "/services" and isinstance(data, dict):
                    run.services[chosen] = data
    return run


# ---------------------------------------------------------------------------------------------------------------
# The DfE Family Hubs ingester

# What System.Text.Json needs to read a service into the entities (`required` members, typed values): a service
# that misses one is skipped ("Incoming JSON cannot be deserialised into a type of Service").
REQUIRED = {  # JSON list or object name → required members (BaseHsdsEntity.cs: every entity's "id", a Guid)
    "": ("id", "name", "status"),  # Service.cs
    "organization": ("id", "name", "description"),  # Organization.cs
    "phones": ("id", "number"),  # Phone.cs
    "addresses": ("id", "address_1", "city", "state_province", "postal_code", "country", "address_type"),
    "location": ("id", "location_type"),  # Location.cs
    "attributes": ("id", "link_entity"),  # Attribute.cs
    "taxonomy_term": ("id", "code", "name", "description"),  # TaxonomyTerm.cs
    "taxonomy_detail": ("id", "name", "description"),  # Taxonomy.cs
}
BYTES = ("minimum_age", "maximum_age")  # Service.cs: byte?, a JSON number 0 to 255
DATES = ("last_modified",)  # Service.cs: DateTime? with no converter: ISO 8601


def _readable(value: Any, at: str = "") -> str | None:
    """Why System.Text.Json could not read `value` into the entity at `at`, or None."""
    if isinstance(value, list):
        return next((why for item in value if (why := _readable(item, at))), None)
    if not isinstance(value, dict):
        return None
    for name in REQUIRED.get(at, ("id",)):
        if name not in value:
            return f"{at or 'service'} has no {name}"
    if "id" in value:
        try:
            uuid.UUID(str(value["id"]))
        except ValueError:
            return f"{at or 'service'} id {value['id']!r} is not a Guid"
    if at == "":
        for name in BYTES:
            if name in value and not (isinstance(value[name], int) and 0 <= value[name] <= 255):
                return f"{name} {value[name]!r} is not a byte"
        for name in DATES:
            if name in value:
                try:
                    datetime.fromisoformat(str(value[name]))
                except ValueError:
                    return f"{name} {value[name]!r} is not a date"
    for name, inner in value.items():
        if isinstance(inner, dict | list) and (why := _readable(inner, name)):
            return why
    return None


def dfe_ingester(api_connection: str, get: Get = http_get) -> Run:
    """TriggerPullServicesWebhook.Run: GetServices, then GetServicesById, then the services into its database."""
    run = Run()
    # Program.cs: httpClient.BaseAddress = new Uri(config["ApiConnection"]); HsdaApiService.HttpGet("/services"):
    # a reference starting with "/" replaces the whole path of the base address (RFC 3986), so any path the council
    # gives (https://www.council.gov.uk/local-offer/openreferral) is dropped: /services at the host's root.
    listing = run.get(get, urljoin(api_connection, "/services"))
    if listing.status != 200:
        run.failures.append(f"{listing.url}: status {listing.status}: nothing imported")
        return run
    # JsonDocument.Parse(json).RootElement.GetProperty("contents").EnumerateArray(): no other page is ever asked for
    data = _json_or_none(listing)
    if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
        run.failures.append(f"{listing.url}: no JSON with contents (the function throws): nothing imported")
        return run
    if not data["contents"]:
        run.failures.append(f"{listing.url}: no services were found (204 No Content): nothing imported")
        return run
    for listed in data["contents"]:
        service_id = str(listed["id"])  # service.GetProperty("id").ToString()
        answer = run.get(get, urljoin(api_connection, "/services/" + service_id))
        if answer.status != 200:  # logged and skipped
            run.warnings.append(f"{answer.url}: status {answer.status}: skipped")
            continue
        whole = _json_or_none(answer)
        why = "not JSON" if whole is None else _readable(whole)
        if why:  # JsonSerializer.Deserialize<Service> threw: logged and skipped
            run.warnings.append(f"{answer.url}: {why}: skipped")
            continue
        run.services[service_id] = whole
    if not run.services:
        run.failures.append("Getting Services by ID returned no results: nothing imported")
    return run
