"""The directories councils already have, each read into services in the Open Referral UK 3.0 shape (the shape our
own feed publishes), so one mapping turns any of them into records:

- an ORUK 3.0 or v1 JSON API dump: one file, or a folder of page files and single services (both paging shapes,
  `contents` and v1's `content`; v1 names such as `eligibilitys`/`eligibilities`, `service_taxonomys`,
  `physical_addresses`, `regular_schedules`);
- an HSDS / ORUK tabular data package: a folder of CSV files, one per table (with or without `datapackage.json`);
- Outpost's CSV import format: one row per service, continuation rows (`import_id_reference`) adding contacts,
  locations, costs and times to the row they name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.importing.read import Budget, ImportFailed, Row, fail, read_csv, read_json
from generator.importing.shapes import typed
from generator.inputs.problems import Problem

Json = dict[str, Any]


@dataclass
class Incoming:
    """One service from the source: its id there, where it was found (for messages), and its data (3.0 shape)."""

    source_id: str
    where: str
    data: Json
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (field, why): values of the wrong type
    file: str = ""  # the file it was read from, and its line there (a CSV row's; 1 in JSON), for located problems
    line: int = 1
    at: str = ""  # where in the file: `row 7`, `contents › item 3`


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or path.name
    except ValueError:
        return path.as_posix()


# ---------------------------------------------------------------------------------------------------------------
# ORUK JSON (3.0 and v1)


def _long(value: str | int) -> bool:
    return len(value) > 200 if isinstance(value, str) else abs(value) >= 10**200


def _real(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_V1_DAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR", "saturday": "SA"}
_V1_DAYS["sunday"] = "SU"


def _v1_location(location: Json) -> Json:
    location = dict(location)
    if "physical_addresses" in location:
        location["addresses"] = location.pop("physical_addresses")
    if "accessibility_for_disabilities" in location:
        location["accessibility"] = [
            {"description": a.get("accessibility")} if isinstance(a, dict) else a
            for a in location.pop("accessibility_for_disabilities") or []
        ]
    return location


def _list(value: Any) -> list[Any]:
    """The items of a list; nothing for any other value (its type is reported by shapes.typed)."""
    return value if isinstance(value, list) else []


def _adding(s: Json, name: str) -> list[Any]:
    """The list `name` of the service, to add to (made a list if it is not one: shapes.typed reports the rest)."""
    if not isinstance(s.get(name), list):
        s[name] = []
    found: list[Any] = s[name]
    return found


def from_v1(service: Json) -> Json:
    """A service written with ORUK v1 (LGA) names, in the 3.0 shape. 3.0 services pass through unchanged."""
    s = dict(service)
    for name in ("eligibilitys", "eligibilities"):
        for item in _list(s.pop(name, None)):
            if not isinstance(item, dict):
                continue
            for bound, pick in (("minimum_age", min), ("maximum_age", max)):
                if _real(item.get(bound)):
                    s[bound] = pick(s[bound], item[bound]) if _real(s.get(bound)) else item[bound]
            if item.get("eligibility") and not s.get("eligibility_description"):
                s["eligibility_description"] = item["eligibility"]
    for name in ("service_taxonomys", "service_taxonomies"):
        for item in _list(s.pop(name, None)):
            taxonomy = item.get("taxonomy") if isinstance(item, dict) else None
            if isinstance(taxonomy, dict):
                term = {
                    "name": taxonomy.get("name"),
                    "code": taxonomy.get("id"),
                    "taxonomy": taxonomy.get("vocabulary"),
                }
                _adding(s, "attributes").append({"taxonomy_term": term})
    if "regular_schedules" in s:
        for item in _list(s.pop("regular_schedules")):
            if isinstance(item, dict):
                day = _V1_DAYS.get(str(item.get("weekday", "")).strip().lower(), item.get("weekday"))
                schedule = {k: v for k, v in item.items() if k not in ("weekday", "id", "service_id")}
                _adding(s, "schedules").append({"freq": "WEEKLY", "byday": day, **schedule})
    if not isinstance(s.get("service_at_locations", []), list) or not isinstance(s.get("languages", []), list):
        return {k: v for k, v in s.items() if v not in ([], None)}  # not lists: shapes.typed says so
    s["service_at_locations"] = [
        {**sal, "location": _v1_location(sal["location"])}
        if isinstance(sal, dict) and isinstance(sal.get("location"), dict)
        else sal
        for sal in s.get("service_at_locations") or []
    ]
    s["languages"] = [
        {"name": item["language"]} if isinstance(item, dict) and "language" in item and "name" not in item else item
        for item in s.get("languages") or []
    ]
    return {k: v for k, v in s.items() if v not in ([], None)}


def _page_items(document: Any) -> list[Any] | None:
    """The services of a page (3.0 `contents`, v1 `content`), or None if the document is not a page."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "content"):
            if isinstance(document.get(key), list):
                return list(document[key])
    return None


_NOT_SERVICES = ("organizations", "taxonomies", "taxonomy_terms", "service_at_locations", "index.json")


def _json_files(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    found = []
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source).as_posix()
        if not path.is_file() or any(part.startswith((".", "_")) for part in path.relative_to(source).parts):
            continue
        if rel.startswith(_NOT_SERVICES) or path.suffix not in (".json", ""):
            continue
        if rel.endswith("-all.json") and (source / rel.replace("-all.json", "-page-1.json")).is_file():
            continue  # a whole collection on one page (what /services answers) repeats the page files beside it
        found.append(path)
    return found


def read_oruk(source: Path, budget: Budget) -> list[Incoming]:
    """Every service in a JSON file or a folder of them. A service listed on a page and also published whole is
    one service (the whole one is used); the same id twice anywhere else is a mistake."""
    whole: dict[str, Incoming] = {}
    listed: dict[str, Incoming] = {}
    root = source.parent  # names shown from there: dump.json, or openreferral/services-page-1.json
    files = _json_files(source)
    if not files:
        raise fail(_shown(source, root), "holds no JSON files.", "Give the folder of the exported pages.")
    for path in files:
        shown = _shown(path, root)
        document = read_json(path, shown, budget)
        items = _page_items(document)
        if items is None and isinstance(document, dict) and "openapi_url" in document:
            continue  # the API's root ({base}/): not a service
        found = [(f"contents › item {i + 1}", item) for i, item in enumerate(items)] if items is not None else []
        if items is None:
            found = [("", document)]
        target = listed if items is not None else whole
        for at, item in found:
            if not isinstance(item, dict) or not item.get("name") or item.get("id") in (None, ""):
                hint = "Each service needs at least an id and a name."
                raise fail(shown, "is not a service: it has no id or no name.", hint, where=at or "(top)")
            if not isinstance(item["id"], str | int) or isinstance(item["id"], bool) or _long(item["id"]):
                hint = "Each service's id is text, such as a UUID."
                raise fail(shown, "has an id that is not text or a whole number.", hint, where=f"{at} › id".strip(" ›"))
            sid = str(item["id"]).strip()
            if sid in target:
                first = target[sid].where
                hint = "Each service must have its own id: remove the copy, or give it its own id."
                raise fail(shown, f"has the id '{sid}', which {first} has too.", hint, where=f"{at} › id".strip(" ›"))
            where = f"{shown}" + (f" ({at})" if at else "")
            target[sid] = Incoming(sid, where, from_v1(item), file=shown, at=at)
    return list({**listed, **whole}.values())


# ---------------------------------------------------------------------------------------------------------------
# HSDS / ORUK tabular data package

# table: (file names it may have, columns it must have). ORUK 3.0 names some files in the singular, HSDS 3.0 in the
# plural; an export may hold both (the same rows twice): both are read and each id is kept once.
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "services": (("services.csv", "service.csv"), ("id", "name")),
    "organizations": (("organizations.csv", "organization.csv"), ("id", "name")),
    "service_at_location": (
        ("service_at_location.csv", "service_at_locations.csv", "services_at_location.csv"),
        ("service_id", "location_id"),
    ),
    "locations": (("locations.csv", "location.csv"), ("id",)),
    "addresses": (("addresses.csv", "address.csv", "physical_addresses.csv"), ("location_id",)),
    "accessibility": (("accessibility.csv", "accessibility_for_disabilities.csv"), ("location_id",)),
    "phones": (("phones.csv", "phone.csv"), ("number",)),
    "contacts": (("contacts.csv", "contact.csv"), ("id",)),
    "schedules": (("schedules.csv", "schedule.csv", "regular_schedules.csv"), ("id",)),
    "eligibility": (("eligibility.csv", "eligibilities.csv"), ("service_id", "eligibility")),
    "languages": (("languages.csv", "language.csv"), ("id",)),
    "service_areas": (("service_areas.csv", "service_area.csv"), ("id",)),
    "cost_options": (("cost_options.csv", "cost_option.csv"), ("service_id",)),
    "attributes": (("attributes.csv", "attribute.csv"), ("link_id", "taxonomy_term_id")),
    "taxonomy_terms": (("taxonomy_terms.csv", "taxonomy_term.csv"), ("id", "name")),
    "taxonomies": (("taxonomies.csv", "taxonomy.csv"), ("id", "name")),
}


# HSDS 1.1 and ORUK name a package's resources in the singular, and some tables differently.
_RESOURCE_NAMES = {
    "service": "services",
    "organization": "organizations",
    "location": "locations",
    "address": "addresses",
    "physical_address": "addresses",
    "phone": "phones",
    "contact": "contacts",
    "schedule": "schedules",
    "regular_schedule": "schedules",
    "language": "languages",
    "service_area": "service_areas",
    "cost_option": "cost_options",
    "attribute": "attributes",
    "taxonomy_term": "taxonomy_terms",
    "accessibility_for_disabilities": "accessibility",
    "services_at_location": "service_at_location",
}
_HSDS_WEEKDAYS = {name: code for name, code in _V1_DAYS.items()} | {name[:3]: code for name, code in _V1_DAYS.items()}


def _datapackage_paths(folder: Path, shown: str, budget: Budget) -> dict[str, str]:
    """Resource name → file, from datapackage.json when there is one (the standard file names otherwise)."""
    package = folder / "datapackage.json"
    if not package.is_file():
        return {}
    data = read_json(package, f"{shown}/datapackage.json", budget)
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        hint = "It should list the CSV files under resources; delete it to use the standard file names."
        raise fail(f"{shown}/datapackage.json", "has no list of resources.", hint)
    found = {}
    for n, r in enumerate(resources):
        if isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str):
            if _outside(folder, r["path"]):
                message = f"names '{r['path'][:200]}', which is not a file in the package's folder."
                hint = f"A package may only name its own CSV files (such as services.csv) in {shown}/."
                raise fail(f"{shown}/datapackage.json", message, hint, where=f"resources › item {n + 1} › path")
            name: str = r["name"]
            found[_RESOURCE_NAMES.get(name, name)] = r["path"]
    return found


def _outside(folder: Path, name: str) -> bool:
    """Whether `name` (a path from the package) leads out of `folder`: absolute, a drive, `..`, a link out, a URL."""
    if not name or "\x00" in name or "\\" in name or ":" in name or Path(name).is_absolute():
        return True
    if ".." in Path(name).parts:
        return True
    return not (folder / name).resolve().is_relative_to(folder.resolve())


def _table(folder: Path, shown: str, name: str, declared: dict[str, str], budget: Budget) -> list[Row]:
    names, required = TABLES[name]
    candidates = dict.fromkeys([declared[name]] if name in declared else [*names])
    rows: dict[str, Row] = {}
    unnamed: list[Row] = []
    for file_name in candidates:
        path = folder / file_name
        if not path.is_file():
            continue
        if _outside(folder, file_name):
            message = "is a link to a file outside the package's folder."
            hint = "Put the CSV file itself in the folder (a copy, not a link)."
            raise fail(f"{shown}/{file_name}", message, hint)
        seen: dict[str, Row] = {}
        for row in read_csv(path, f"{shown}/{file_name}", budget, required):
            rid = row.values.get("id")
            if rid is None:
                unnamed.append(row)
                continue
            if rid in seen:
                hint = "Each row needs its own id: remove the copy."
                raise row.problem(f"has the id '{rid}', which row {seen[rid].line} has too.", hint, "id")
            seen[rid] = row
            if rid not in rows or len(row.values) > len(rows[rid].values):  # a second file of the same table
                rows[rid] = row
    return [*rows.values(), *unnamed]


def _by(rows: Iterable[Row], column: str) -> dict[str, list[Json]]:
    found: dict[str, list[Json]] = {}
    for row in rows:
        if column in row.values:
            found.setdefault(row.values[column], []).append(dict(row.values))
    return found


def _number(value: Any) -> Any:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def read_tabular(folder: Path, budget: Budget) -> list[Incoming]:
    shown = folder.name
    declared = _datapackage_paths(folder, shown, budget)
    if not any((folder / n).is_file() for n in TABLES["services"][0]) and "services" not in declared:
        raise fail(shown, "has no services.csv.", "Give the folder of the tabular data package (one CSV per table).")
    tables = {name: _table(folder, shown, name, declared, budget) for name in TABLES}
    terms = {row.values["id"]: dict(row.values) for row in tables["taxonomy_terms"]}
    taxonomies = {row.values["id"]: row.values["name"] for row in tables["taxonomies"]}
    for term in terms.values():
        term.setdefault("taxonomy", taxonomies.get(term.get("taxonomy_id", ""), ""))
    orgs: dict[str, Json] = {row.values["id"]: dict(row.values) for row in tables["organizations"]}
    locations = {row.values["id"]: dict(row.values) for row in tables["locations"]}
    addresses, access = _by(tables["addresses"], "location_id"), _by(tables["accessibility"], "location_id")
    contacts = _by(tables["contacts"], "service_id")
    phones_by_service, phones_by_contact = _by(tables["phones"], "service_id"), _by(tables["phones"], "contact_id")
    at_location = _by(tables["service_at_location"], "service_id")
    per_service = {
        name: _by(tables[name], "service_id") for name in ("schedules", "languages", "service_areas", "cost_options")
    }
    attributes = _by(tables["attributes"], "link_id")
    phones_by_org = _by(tables["phones"], "organization_id")
    for org_id, org in orgs.items():
        if org_id in phones_by_org:
            org["phones"] = phones_by_org[org_id]
    eligibility = _by(tables["eligibility"], "service_id")
    other = _other_tables(folder, shown, declared, budget)
    found = []
    for row in tables["services"]:
        sid = row.values["id"]
        s: Json = {k: _number(v) if k in ("minimum_age", "maximum_age") else v for k, v in row.values.items()}
        if s.get("organization_id") in orgs:
            s["organization"] = orgs[s["organization_id"]]
        s["contacts"] = [{**c, "phones": phones_by_contact.get(c.get("id", ""), [])} for c in contacts.get(sid, [])]
        s["phones"] = phones_by_service.get(sid, [])
        s["service_at_locations"] = [
            {
                "id": link.get("id"),
                "location": {
                    **locations.get(link["location_id"], {}),
                    "addresses": addresses.get(link["location_id"], []),
                    "accessibility": access.get(link["location_id"], []),
                },
            }
            for link in at_location.get(sid, [])
            if link.get("location_id") in locations
        ]
        for name, rows in per_service.items():
            s[name] = [{k: _number(v) if k == "amount" else v for k, v in r.items()} for r in rows.get(sid, [])]
        s["schedules"] = [_weekday(r) for r in s["schedules"]]
        said = [r["eligibility"] for r in eligibility.get(sid, [])]
        if said and not s.get("eligibility_description"):
            s["eligibility_description"] = "; ".join(said)
        for table, by_service in other.items():
            if by_service.get(sid):
                s[table] = by_service[sid]
        s["attributes"] = [
            {**a, "taxonomy_term": terms[a["taxonomy_term_id"]]}
            for a in attributes.get(sid, [])
            if a.get("taxonomy_term_id") in terms
        ]
        kept = {k: v for k, v in s.items() if v not in ([], "")}
        found.append(Incoming(sid, f"{row.file} ({row.where()})", kept, file=row.file, line=row.line, at=row.where()))
    return found


def _weekday(schedule: Json) -> Json:
    """A schedule row of HSDS 1.1 (`weekday`, a day's name) in the 3.0 shape (`byday`). A day given as a number is
    left as it is: HSDS 1.1 does not say which day is 1, so the import reports it rather than guess."""
    day = str(schedule.get("weekday") or "").strip().lower()
    if "byday" in schedule or day not in _HSDS_WEEKDAYS:
        return schedule
    return {"freq": "WEEKLY", "byday": _HSDS_WEEKDAYS[day], **{k: v for k, v in schedule.items() if k != "weekday"}}


_READ_ELSEWHERE = {"datapackage.json"}


def _other_tables(
    folder: Path, shown: str, declared: dict[str, str], budget: Budget
) -> dict[str, dict[str, list[Json]]]:
    """The package's other CSV files with a service_id column (funding, holiday schedules, payments…): each row is
    given to its service under the table's name, so the import reports it as not imported rather than lose it."""
    known = {file for names, _ in TABLES.values() for file in names}
    known |= {file for name, file in declared.items() if name in TABLES}
    found: dict[str, dict[str, list[Json]]] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.name in known or _outside(folder, path.name):
            continue
        rows = read_csv(path, f"{shown}/{path.name}", budget, ())
        if rows and any("service_id" in row.values for row in rows):
            found[path.stem] = _by(rows, "service_id")
        elif rows:
            message = "is not imported: its rows name no service (no service_id column)."
            budget.warnings.append(Problem(f"{shown}/{path.name}", 1, 1, "", message, "", severity="warning"))
    return found


# ---------------------------------------------------------------------------------------------------------------
# Outpost CSV

OUTPOST_COLUMNS = ("import_id", "import_id_reference", "name")
_TRUE = {"true", "yes", "1", "y"}


def _true(row: Row, column: str) -> bool | None:
    value = row.values.get(column)
    return None if value is None else value.strip().lower() in _TRUE


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _outpost_parts(row: Row, s: Json, hidden: list[str]) -> None:
    """What one row (first or continuation) adds to its service: a contact, a location, a cost, a time."""
    v = row.values
    if any(k in v for k in ("contact_name", "contact_email", "contact_phone")):
        if _true(row, "contact_visible") is False:
            hidden.append(f"{row.where()}: a contact marked not visible ({v.get('contact_name', 'no name')})")
        else:
            phones = [{"number": v["contact_phone"]}] if "contact_phone" in v else []
            contact = {"name": v.get("contact_name"), "title": v.get("contact_title"), "email": v.get("contact_email")}
            s.setdefault("contacts", []).append({**contact, "phones": phones})
    if any(k.startswith("location_") for k in v):
        if _true(row, "location_visible") is False or _true(row, "mask_exact_address"):
            hidden.append(f"{row.where()}: a location marked not visible or masked ({v.get('location_name', '')})")
        else:
            address = {"address_1": v.get("location_address_1"), "city": v.get("location_city")}
            address["postal_code"] = v.get("location_postcode")
            access = [{"description": a} for a in _split(v.get("location_accessibilities"))]
            location = {"name": v.get("location_name"), "addresses": [address], "accessibility": access}
            s.setdefault("service_at_locations", []).append({"location": location})
    if any(k in v for k in ("cost_option", "cost_amount", "cost_type")):
        cost = {
            "option": v.get("cost_option"),
            "amount": _number(v.get("cost_amount")),
            "amount_description": v.get("cost_type"),
        }
        s.setdefault("cost_options", []).append(cost)
    if any(k in v for k in ("schedules_opens_at", "schedules_closes_at", "scheduled_weekday")):
        day = _V1_DAYS.get(v.get("scheduled_weekday", "").lower(), v.get("scheduled_weekday"))
        times = {"byday": day, "opens_at": v.get("schedules_opens_at"), "closes_at": v.get("schedules_closes_at")}
        s.setdefault("schedules", []).append({"freq": "WEEKLY", **times})
    for column in ("notes", "links_label", "links_url"):
        if column in v:
            s.setdefault("x_outpost", {}).setdefault(column, []).append(v[column])


# Outpost columns that hold one value for the service, and where 3.0 keeps it (x_outpost: nowhere; reported).
_OUTPOST_FIELDS = {
    "name": "name",
    "description": "description",
    "url": "url",
    "min_age": "minimum_age",
    "max_age": "maximum_age",
    "how_to_start": "application_process",
}


def read_outpost(path: Path, budget: Budget) -> list[Incoming]:
    shown = path.name
    rows = read_csv(path, shown, budget, OUTPOST_COLUMNS)
    services: dict[str, tuple[Row, Json, list[str]]] = {}
    for row in rows:
        sid, parent = row.values.get("import_id"), row.values.get("import_id_reference")
        if not set(row.values) - {"import_id", "import_id_reference"}:
            message = "is skipped: it has an import_id but nothing else (a blank row of the template)."
            budget.warnings.append(Problem(shown, row.line, 1, row.where(), message, "", severity="warning"))
            continue
        if sid is None:
            raise row.problem("has no import_id.", "Give every row its own import_id.", "import_id")
        if parent is None:
            if sid in services:
                first = services[sid][0].line
                raise row.problem(
                    f"has the import_id '{sid}', which row {first} has too.", "Give it its own.", "import_id"
                )
            if "name" not in row.values:
                raise row.problem("has no name.", "A row that starts a service needs its name.", "name")
            services[sid] = (row, _outpost_service(row), [])
        elif parent not in services:
            hint = "A continuation row names the import_id of a service row above it."
            raise row.problem(f"continues '{parent}', which no row above starts.", hint, "import_id_reference")
        extra = [k for k in row.values if k not in ("import_id", "import_id_reference")]
        _, service, hidden = services[parent or sid]
        if parent is not None and any(k in _OUTPOST_FIELDS for k in extra):
            service.setdefault("x_outpost", {}).setdefault("continuation", []).append(row.where())
        _outpost_parts(row, service, hidden)
    found = []
    for sid, (row, service, hidden) in services.items():
        if hidden:
            service.setdefault("x_outpost", {})["left out (not public)"] = hidden
        found.append(Incoming(sid, f"{shown} ({row.where()})", service, file=shown, line=row.line, at=row.where()))
    return found


def _outpost_service(row: Row) -> Json:
    v = row.values
    s: Json = {target: v[column] for column, target in _OUTPOST_FIELDS.items() if column in v}
    for bound in ("minimum_age", "maximum_age"):
        if bound in s:
            s[bound] = _number(s[bound])
    s["id"] = v["import_id"]
    if "organisation" in v:
        s["organization"] = {"name": v["organisation"]}
    s["status"] = "temporarily closed" if _true(row, "temporarily_closed") else "active"
    if _true(row, "visible") is False or _true(row, "approved") is False:
        s["status"] = "inactive"
    if _true(row, "free"):
        s.setdefault("cost_options", []).append({"amount": 0, "amount_description": "Free"})
    referral = _true(row, "needs_referral")
    if referral is not None:
        s["x_referral"] = "professional" if referral else "self"
    terms = [("Outpost taxonomy", t) for t in _split(v.get("service_taxonomies"))]
    terms += [("Suitabilities", t) for t in _split(v.get("suitabilities"))]
    terms += [("SEND needs", t) for t in _split(v.get("send_needs_support"))]
    s["attributes"] = [{"taxonomy_term": {"name": name, "taxonomy": taxonomy}} for taxonomy, name in terms]
    handled = {*_OUTPOST_FIELDS, "import_id", "import_id_reference", "organisation", "temporarily_closed", "free"}
    handled |= {"needs_referral", "service_taxonomies", "suitabilities", "send_needs_support", "visible", "approved"}
    handled |= {"notes", "links_label", "links_url"}
    handled |= {k for k in v if k.startswith(("contact_", "location_", "cost_", "schedules_", "scheduled_"))}
    handled |= {"mask_exact_address", "preferred_for_post"}
    s["x_outpost"] = {k: value for k, value in v.items() if k not in handled}
    return s


# ---------------------------------------------------------------------------------------------------------------

FORMATS = ("oruk", "tabular", "outpost")


def detect(source: Path) -> str:
    """Which kind of export `source` is, from its files."""
    if source.is_dir():
        if any((source / n).is_file() for n in ("services.csv", "service.csv", "datapackage.json")):
            return "tabular"
        return "oruk"
    if source.suffix.lower() == ".csv":
        return "outpost"
    return "oruk"


def read_source(source: Path, kind: str | None = None) -> Iterator[Incoming]:
    """Every service in `source`, read completely before any is returned (so a mistake anywhere stops it all)."""
    yield from read_all(source, kind)[0]


def read_all(source: Path, kind: str | None = None) -> tuple[list[Incoming], list[Problem]]:
    """Every service in `source`, and a warning for each guess made reading it (an encoding, a separator)."""
    if not source.exists():
        raise fail(source.as_posix(), "was not found.", "Give the path of an export file or folder.")
    budget = Budget()
    kind = kind or detect(source)
    if kind == "tabular" and not source.is_dir():
        raise fail(source.name, "is a file; a tabular data package is a folder of CSV files.", "Give the folder.")
    readers = {"oruk": read_oruk, "tabular": read_tabular, "outpost": read_outpost}
    try:
        found = readers[kind](source, budget)
    except ImportFailed:
        raise
    except OSError as exc:
        raise fail(source.as_posix(), f"cannot be read ({exc.strerror}).") from None
    services = []
    for item in found:
        data, dropped = typed(item.data)
        services.append(dataclasses.replace(item, data=data, dropped=[*item.dropped, *dropped]))
    return services, budget.warnings
