"""Schools and settings from the national register (Get Information about Schools): which establishments an import
takes, what the register says about each as our fields, and how that is merged with the records already there.

Which establishments: every open special school of the chosen local authority (maintained, academy, free, non-maintained
and independent), every school of it with a resource base or SEN unit (the school, and the resource base or unit as a
record of its own whose host is the school), and the establishments listed by URN (`--urn`, for settings outside the
area or any other). Other mainstream schools are not taken unless listed: every mainstream school supports SEND, and
the council chooses which to show. Records an earlier import wrote are refreshed every time.

Merging: the register owns the fields it says (name, type, URN, phases, ages, needs, places, address, website, phone,
local authority, host, closed); everything else (summary, description, how to apply, admissions, email, SEN
information report, keywords, last reviewed) is the council's and is never changed once the record exists. A register
field the council changed by hand is kept too: `schools/.gias-import.json` remembers what the register said at the
last import, so a field is refreshed only while it still holds that value; otherwise the report says what the register
says now, beside the council's value."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importing import gias_read as col
from generator.importing.gias_read import Establishment, Register
from generator.importing.read import ImportFailed
from generator.inputs.messages import closest, slug
from generator.inputs.problems import Problem

STATE_FILE = ".gias-import.json"

SPECIAL_TYPES = {
    "Community special school": "special-school",
    "Foundation special school": "special-school",
    "Academy special converter": "special-school",
    "Academy special sponsor led": "special-school",
    "Free schools special": "special-school",
    "Non-maintained special school": "non-maintained-special-school",
    "Other independent special school": "independent-special-school",
    "Special post 16 institution": "specialist-post-16",
}
OTHER_TYPES = {
    "Community school": "mainstream-school",
    "Voluntary aided school": "mainstream-school",
    "Voluntary controlled school": "mainstream-school",
    "Foundation school": "mainstream-school",
    "Other independent school": "mainstream-school",
    "City technology college": "academy",
    "Academy sponsor led": "academy",
    "Academy converter": "academy",
    "Free schools": "academy",
    "University technical college": "academy",
    "Studio schools": "academy",
    "Local authority nursery school": "nursery",
    "Pupil referral unit": "alternative-provision",
    "Academy alternative provision converter": "alternative-provision",
    "Academy alternative provision sponsor led": "alternative-provision",
    "Free schools alternative provision": "alternative-provision",
    "Further education": "further-education-college",
    "Sixth form centres": "sixth-form",
    "Academy 16-19 converter": "sixth-form",
    "Academy 16 to 19 sponsor led": "sixth-form",
    "Free schools 16 to 19": "sixth-form",
}
TYPES = {**SPECIAL_TYPES, **OTHER_TYPES}
HOST_TYPES = ("mainstream-school", "academy", "nursery", "sixth-form")  # as generator/inputs/kinds.py

# The register's SEN provision types (SEN1 to SEN13), as its own words start, and our designated needs.
NEEDS = {
    "ASD": "autism",
    "SLCN": "speech-language-and-communication",
    "MLD": "moderate-learning-difficulty",
    "SLD": "severe-learning-difficulty",
    "PMLD": "profound-and-multiple-learning-difficulty",
    "SPLD": "specific-learning-difficulty",
    "SEMH": "social-emotional-and-mental-health",
    "HI": "hearing-impairment",
    "VI": "visual-impairment",
    "MSI": "multi-sensory-impairment",
    "PD": "physical-disability",
}
NEED_WORDS = {
    "autism": "autism",
    "speech-language-and-communication": "speech, language and communication needs",
    "moderate-learning-difficulty": "moderate learning difficulties",
    "severe-learning-difficulty": "severe learning difficulties",
    "profound-and-multiple-learning-difficulty": "profound and multiple learning difficulties",
    "specific-learning-difficulty": "specific learning difficulties",
    "social-emotional-and-mental-health": "social, emotional and mental health needs",
    "hearing-impairment": "hearing impairment",
    "visual-impairment": "visual impairment",
    "multi-sensory-impairment": "multi-sensory impairment",
    "physical-disability": "physical disabilities",
}

# The fields the register owns, as paths in a record.
REGISTER_FIELDS = (
    "name", "type", "urn", "host", "local_authority", "organisation", "phases", "age_range", "designated_needs",
    "places", "contact.phone", "contact.website", "location.address", "location.postcode", "status",
)  # fmt: skip
ORDER = (
    "id", "name", "type", "host", "organisation", "summary", "description", "phases", "age_range",
    "designated_needs", "places", "admissions", "how_to_apply", "urn", "sen_information_report", "local_authority",
    "contact", "location", "keywords", "status", "last_reviewed",
)  # fmt: skip
PARTS = {"resource-base": ("Resourced provision", col.RP_CAPACITY), "sen-unit": ("SEN unit", col.UNIT_CAPACITY)}
PART_NAMES = {"resource-base": "Resource base at {name}", "sen-unit": "SEN unit at {name}"}


@dataclass
class Change:
    """One line of the report about one record's field."""

    field: str
    text: str
    kind: str = "note"  # note (about the register's value), changed, or kept (the council's value kept)

    def line(self) -> str:
        return f"{self.field}: {self.text}" if self.field else self.text


@dataclass
class Planned:
    """One record the import writes (or leaves as it is): its id, part ('school', 'resource-base' or 'sen-unit'),
    the establishment, the record as it will be, what the register said, and the report's lines."""

    record_id: str
    part: str
    row: Establishment
    record: dict[str, Any]
    register: dict[str, Any]
    path: Path
    new: bool
    header: str = ""
    changes: list[Change] = field(default_factory=list)


@dataclass
class Plan:
    records: list[Planned]
    skipped: list[str]  # establishments not imported, each a line saying why
    state: dict[str, Any]


def _dig(data: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        if not isinstance(data.get(part), dict):
            data[part] = {}
        data = data[part]
    if value is None:
        data.pop(last, None)
    else:
        data[last] = value


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return f"'{value}'"


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) <= 4 else None


def _phone(value: str) -> str | None:
    digits = re.sub(r"\D", "", value)
    if digits.startswith("44") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or len(digits) not in (10, 11):
        return None
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


_POSTCODE = re.compile(
    r"^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" [0-9][ABD-HJLNP-UW-Z]{2}$"
)


def _postcode(value: str) -> str | None:
    squashed = re.sub(r"\s+", "", value).upper()
    text = f"{squashed[:-3]} {squashed[-3:]}"
    return text if len(squashed) > 4 and _POSTCODE.match(text) else None


def _website(value: str) -> tuple[str | None, str]:
    """The register's website as an https:// address, and a note when it was changed."""
    text = value.strip()
    if not text:
        return None, ""
    note = ""
    if text.lower().startswith("http://"):
        text, note = "https://" + text[7:], "the register gives it with http://: check the https:// address works"
    elif not text.lower().startswith("https://"):
        text, note = "https://" + text, "the register gives it without https://: check the address works"
    else:
        text = "https://" + text[8:]
    pattern = r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#][^\s<>\"'`]*)?$"
    if len(text) > 500 or not re.match(pattern, text):
        return None, f"'{value[:80]}' is not a web address: not imported"
    return text, note


def _phases(row: Establishment, low: int, high: int) -> list[str]:
    phase = row.get(col.PHASE)
    named = {
        "Nursery": ["early-years"],
        "Primary": ["primary"],
        "Middle deemed primary": ["primary"],
        "Secondary": ["secondary"],
        "Middle deemed secondary": ["secondary"],
        "16 plus": ["post-16"],
    }.get(phase)
    found = set(named or [])
    if not named:  # all-through, or "Not applicable" (most special schools): from the ages
        if low < 4:
            found.add("early-years")
        if low <= 10 and high >= 5:
            found.add("primary")
        if low <= 15 and high >= 12:
            found.add("secondary")
        if high >= 17:
            found.add("post-16")
    if row.get(col.SIXTH_FORM) == "Has a sixth form":
        found.add("post-16")
    order = ("early-years", "primary", "secondary", "post-16")
    return [p for p in order if p in found] or ["primary"]


def _needs(row: Establishment) -> tuple[list[str], list[str]]:
    """Our designated needs from SEN1 to SEN13, and the register's types that have no need of ours."""
    needs, others = [], []
    for column in col.SEN_TYPES:
        value = row.get(column)
        if not value or value.lower() in ("not applicable", "not recorded"):
            continue
        code = value.split(" - ")[0].strip().upper()
        need = NEEDS.get(code)
        if need is None:
            others.append(value)
        elif need not in needs:
            needs.append(need)
    return needs, others


def _address(row: Establishment) -> tuple[str, str] | None:
    parts = [row.get(c) for c in (col.STREET, col.LOCALITY, col.ADDRESS3, col.TOWN)]
    address = ", ".join(p for p in parts if p)[:200]
    postcode = _postcode(row.get(col.POSTCODE))
    return (address, postcode) if address and postcode else None


@dataclass
class Context:
    """What the import was asked for."""

    authority: str  # the local authority, as the register writes it
    council: str  # the council's name in mkdocs.yml (a setting outside it names its own authority)


def register_values(
    row: Establishment, part: str, host_id: str | None, context: Context
) -> tuple[dict[str, Any], list[Change]]:
    """The register's fields for one record (a school, or its resource base or SEN unit), and notes about them."""
    notes: list[Change] = []
    kind = TYPES[row.get(col.TYPE)]
    low, high = _int(row.get(col.LOW_AGE)), _int(row.get(col.HIGH_AGE))
    low = min(low if low is not None else 4, 25)
    high = min(high if high is not None else 18, 25)
    if high < low:
        high = low
    if _int(row.get(col.HIGH_AGE)) is not None and (_int(row.get(col.HIGH_AGE)) or 0) > 25:
        notes.append(
            Change("age_range", f"the register says to {row.get(col.HIGH_AGE)}; the Local Offer's ages end at 25")
        )
    name = row.get(col.NAME)
    values: dict[str, Any] = {
        "name": name[:120],
        "type": kind,
        "urn": row.urn,
        "phases": _phases(row, low, high),
        "age_range": {"min": low, "max": high},
    }
    needs, others = _needs(row)
    if others:
        notes.append(
            Change("designated_needs", f"not imported: {', '.join(others)} (the Local Offer has no such need)")
        )
    if kind in SPECIAL_TYPES.values() or part != "school":
        values["designated_needs"] = needs or None
    if part != "school":
        values["name"] = PART_NAMES[part].format(name=name)[:120]
        values["type"] = "resource-base"
        values["urn"] = None  # a URN belongs to one school: the host's
        values["host"] = host_id
        places = _int(row.get(PARTS[part][1]))
        values["places"] = places if places else None
    trust = row.get(col.TRUST)
    if trust and part == "school" and trust.lower() != "not applicable":
        values["organisation"] = trust[:120]
    authority = row.get(col.LA)
    if authority.casefold() not in (context.authority.casefold(), context.council.casefold()):
        values["local_authority"] = authority[:80]
    phone = _phone(row.get(col.PHONE))
    if row.get(col.PHONE) and phone is None:
        notes.append(Change("contact.phone", f"'{row.get(col.PHONE)[:40]}' is not a UK phone number: not imported"))
    values["contact.phone"] = phone
    website, note = _website(row.get(col.WEBSITE))
    if note:
        notes.append(Change("contact.website", note))
    values["contact.website"] = website
    address = _address(row)
    values["location.address"], values["location.postcode"] = address or (None, None)
    if address is None and row.get(col.POSTCODE):
        notes.append(
            Change("location", f"'{row.get(col.POSTCODE)}' is not a UK postcode: the address was not imported")
        )
    values["status"] = "closed" if row.get(col.STATUS) == "Closed" else None
    return {k: values.get(k) for k in REGISTER_FIELDS}, notes


def _summary(values: dict[str, Any]) -> str:
    ages = values["age_range"]
    needs = [NEED_WORDS[n] for n in values.get("designated_needs") or []]
    what = {
        "special-school": "A special school",
        "non-maintained-special-school": "A non-maintained special school",
        "independent-special-school": "An independent special school",
        "specialist-post-16": "A specialist college",
        "resource-base": "A specialist class inside a mainstream school",
        "alternative-provision": "Alternative provision",
        "nursery": "A nursery school",
        "sixth-form": "A sixth form",
        "further-education-college": "A further education college",
    }.get(values["type"], "A school")
    text = f"{what} for children and young people aged {ages['min']} to {ages['max']}"
    if needs:
        joined = needs[0] if len(needs) == 1 else ", ".join(needs[:-1]) + " and " + needs[-1]
        text += f" with {joined}"
    text += "."
    return text if len(text) <= 300 else text[:297].rsplit(" ", 1)[0] + "."


def _admissions(kind: str) -> list[str]:
    if kind in (
        "special-school",
        "resource-base",
        "non-maintained-special-school",
        "independent-special-school",
        "specialist-post-16",
    ):
        return ["ehc-plan"]
    if kind == "alternative-provision":
        return ["referral"]
    return ["application"]


def _reviewed(row: Establishment) -> str | None:
    found = re.match(r"^(\d{2})[-/](\d{2})[-/](\d{4})$", row.get(col.LAST_CHANGED))
    return f"{found[3]}-{found[2]}-{found[1]}" if found else None


def new_record(
    record_id: str, values: dict[str, Any], row: Establishment, today: str
) -> tuple[dict[str, Any], list[Change]]:
    """A record that is not there yet: the register's fields, and the council's filled in to be checked."""
    record: dict[str, Any] = {"id": record_id}
    for path, value in values.items():
        if value is not None:
            _put(record, path, value)
    record["summary"] = _summary(values)
    record["admissions"] = _admissions(values["type"])
    reviewed = _reviewed(row)
    record["last_reviewed"] = reviewed if reviewed and reviewed <= today else today
    notes = [
        Change("summary", "filled in from the register: write what the setting offers children with SEND"),
        Change("admissions", f"filled in ({', '.join(record['admissions'])}): check how places are given"),
        Change(
            "last_reviewed",
            f"{record['last_reviewed']}, the day the register last changed: check the record with the setting, then"
            " update it",
        ),
    ]
    if "contact" not in record:
        notes.append(Change("contact", "the register has no phone or website: add how families get in touch"))
    return record, notes


def merge(record: dict[str, Any], values: dict[str, Any], last: dict[str, Any] | None) -> list[Change]:
    """Refresh `record` with the register's `values`: a field changes only while it holds what the register said
    last time (`last`); one the council wrote by hand is kept, and the report says what the register says now."""
    changes = []
    for path, new in values.items():
        current = _dig(record, path)
        before = (last or {}).get(path)
        if current == new:
            continue
        if current is None and (last is None or before is None) or (last is not None and current == before):
            _put(record, path, new)
            if new is None:
                changes.append(Change(path, f"removed ({_shown(current)}): the register no longer has it", "changed"))
            elif current is None:
                changes.append(Change(path, f"added {_shown(new)}", "changed"))
            else:
                changes.append(Change(path, f"changed from {_shown(current)} to {_shown(new)}", "changed"))
        else:
            changes.append(Change(path, f"kept yours, {_shown(current)}; the register says {_shown(new)}", "kept"))
    for group in ("contact", "location"):
        if record.get(group) == {}:
            del record[group]
    return changes


def ordered(record: dict[str, Any]) -> dict[str, Any]:
    """A record's fields in the usual order (any other after them, as they were)."""
    first = {k: record[k] for k in ORDER if k in record}
    return {**first, **{k: v for k, v in record.items() if k not in first}}


@dataclass
class Existing:
    """The records already in the schools folder: each file's data by id, and the ids by URN."""

    by_id: dict[str, tuple[Path, dict[str, Any], str]]
    by_urn: dict[str, str]
    # every file name in the folder, read or not: a file the import cannot read (broken YAML) is still the council's,
    # and no new record may take its name
    names: set[str] = field(default_factory=set)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # files that are not a record, and why

    @classmethod
    def read(cls, folder: Path) -> Existing:
        by_id: dict[str, tuple[Path, dict[str, Any], str]] = {}
        by_urn: dict[str, str] = {}
        names: set[str] = set()
        unreadable: list[tuple[Path, str]] = []
        for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
            if any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            names.add(path.stem.casefold())
            try:
                text = path.read_text(encoding="utf-8-sig")
                data = yaml.safe_load(text)
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                unreadable.append((path, type(exc).__name__))
                continue
            if not isinstance(data, dict):
                unreadable.append((path, "not a record (no field: value lines)"))
                continue
            header = "".join(line + "\n" for line in _leading_comments(text))
            by_id[path.stem] = (path, data, header)
            urn = data.get("urn")
            if isinstance(urn, str) and urn:
                by_urn.setdefault(urn, path.stem)
        return cls(by_id, by_urn, names, unreadable)


def _leading_comments(text: str) -> Iterable[str]:
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        yield line


def read_state(folder: Path, shown: str) -> dict[str, Any]:
    """What the last import wrote: {"records": {id: {"urn", "part", "fields"}}}. A file that cannot be read is
    a problem (it would make the import treat every field as the council's)."""
    path = folder / STATE_FILE
    if not path.exists():
        return {"records": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        data = None
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("fields"), dict) and isinstance(v.get("urn"), str)
        for v in records.values()
    ):
        message = "cannot be read: it records what the last import from the register wrote."
        hint = "Put back the copy from git (git checkout -- this file), or delete it to import as the first time."
        raise ImportFailed([Problem(f"{shown}/{STATE_FILE}", 1, 1, "", message, hint)])
    return {"records": records}


def wanted_urns(authority: str, urns: Sequence[str], state: dict[str, Any]) -> tuple[str, set[str]]:
    """The authority's name folded for comparison, and every URN the import reads whatever its authority."""
    return authority.casefold(), {*urns, *(r["urn"] for r in state["records"].values())}


def selected(row: Establishment, authority: str, urns: set[str]) -> bool:
    """Whether a row of the register is one the import may need (the exact choice is made in `plan`)."""
    if row.urn in urns:
        return True
    if row.get(col.LA).casefold() != authority:
        return False
    return row.get(col.TYPE) in SPECIAL_TYPES or _parts(row) != []


def _parts(row: Establishment) -> list[str]:
    provision = row.get(col.RESOURCED)
    return [part for part, (words, _) in PARTS.items() if words.lower() in provision.lower()]


def check_choice(register: Register, authority: str, urns: Sequence[str]) -> list[Problem]:
    """The authority and every URN asked for must be in the register."""
    found = []
    if authority.casefold() not in {a.casefold() for a in register.authorities}:
        guess = closest(authority, sorted(register.authorities)) or closest(
            authority.title(), sorted(register.authorities)
        )
        hint = f"Did you mean '{guess}'? " if guess else ""
        hint += "Write the local authority as the register's 'LA (name)' column does."
        found.append(
            Problem("--local-authority", 1, 1, "", f"'{authority}' is not a local authority in {register.shown}.", hint)
        )
    present = {row.urn for row in register.rows}
    for urn in urns:
        if urn not in present:
            message = f"{urn} is not the URN of any establishment in {register.shown}."
            hint = "Check the number on get-information-schools.service.gov.uk, and that the file is the latest."
            found.append(Problem("--urn", 1, 1, "", message, hint))
    return found


def _place(wanted: str, urn: str, taken: set[str]) -> str:
    base = slug(wanted, f"school-{urn}")[:70].strip("-")
    record_id = base if base not in taken else f"{base}-{urn}"
    n = 2
    while record_id in taken:
        record_id, n = f"{base}-{urn}-{n}", n + 1
    return record_id


def plan(
    register: Register,
    existing: Existing,
    state: dict[str, Any],
    urns: Sequence[str],
    context: Context,
    folder: Path,
    today: str,
) -> Plan:
    """Every record the import writes or refreshes, and the establishments it leaves out, with why."""
    authority = context.authority.casefold()
    records: dict[str, Any] = state["records"]
    known = {(v["urn"], v.get("part", "school")): k for k, v in records.items()}
    taken = set(existing.by_id) | set(records) | existing.names
    result = Plan([], [], {"records": dict(records)})
    for row in register.rows:
        listed = row.urn in urns
        kind = TYPES.get(row.get(col.TYPE))
        parts = [p for p in _parts(row) if kind in HOST_TYPES]
        ours = row.get(col.LA).casefold() == authority and (row.get(col.TYPE) in SPECIAL_TYPES or bool(parts))
        before = {p for (u, p) in known if u == row.urn}
        if not (listed or ours or before):
            continue
        where = f"{register.shown}:{row.line}"
        name = row.get(col.NAME)
        if kind is None:
            result.skipped.append(
                f"{where}: not imported: {name} (URN {row.urn}) is a {row.get(col.TYPE).lower()},"
                " which the Local Offer has no type for"
            )
            continue
        closed = row.get(col.STATUS) == "Closed"
        if row.get(col.STATUS) == "Proposed to open" and not before:
            result.skipped.append(f"{where}: not imported: {name} (URN {row.urn}) is not open yet")
            continue
        school_id = known.get((row.urn, "school")) or existing.by_urn.get(row.urn)
        if closed and school_id is None:
            result.skipped.append(f"{where}: not imported: {name} (URN {row.urn}) closed on {row.get(col.CLOSE_DATE)}")
            continue
        if school_id is None:
            school_id = _place(name, row.urn, taken)
            taken.add(school_id)
        wanted = ["school", *parts, *sorted(p for p in before if p != "school" and p not in parts)]
        for part in wanted:
            item = _plan_one(
                row,
                part,
                school_id,
                part not in ("school", *parts),
                existing,
                records,
                known,
                taken,
                context,
                folder,
                today,
            )
            if isinstance(item, str):
                result.skipped.append(f"{where}: {item}")
                continue
            result.records.append(item)
            result.state["records"][item.record_id] = {"urn": row.urn, "part": part, "fields": item.register}
    return result


def _plan_one(
    row: Establishment,
    part: str,
    school_id: str,
    gone: bool,
    existing: Existing,
    records: dict[str, Any],
    known: dict[tuple[str, str], str],
    taken: set[str],
    context: Context,
    folder: Path,
    today: str,
) -> Planned | str:
    found = school_id if part == "school" else known.get((row.urn, part))
    if found is not None:
        record_id = found
    else:
        others = [i for i, (_, d, _) in existing.by_id.items() if d.get("host") == school_id]
        if others:
            return (
                f"not imported: the {PARTS[part][0].lower()} at {row.get(col.NAME)}: {', '.join(sorted(others))}"
                f" already {'is' if len(others) == 1 else 'are'} hosted by {school_id}; check it by hand"
            )
        record_id = _place(f"{school_id}-{part}", row.urn, taken)
        taken.add(record_id)
    values, notes = register_values(row, part, school_id if part != "school" else None, context)
    if gone:  # the register no longer lists this resource base or unit
        values["status"] = "closed"
        notes.append(Change("status", f"the register no longer lists a {PARTS[part][0].lower()} here"))
    last = records.get(record_id, {}).get("fields")
    if record_id in existing.by_id:
        path, data, header = existing.by_id[record_id]
        record = json.loads(json.dumps(data, default=str))
        changes = merge(record, values, last)
        return Planned(record_id, part, row, ordered(record), values, path, False, header, notes + changes)
    if values["type"] in ("special-school", "resource-base") and not values.get("designated_needs"):
        return (
            f"not imported: {values['name']} (URN {row.urn}): the register gives no SEN provision type, and a"
            " special school or resource base says which needs it is for; add it by hand"
        )
    record, filled = new_record(record_id, values, row, today)
    path = folder / f"{record_id}.yaml"
    return Planned(record_id, part, row, ordered(record), values, path, True, "", notes + filled)
