"""The one table of record kinds. Loading, validation, the rules between records and `validate FILE` all read it.

A kind is a folder of YAML files, one record each, named after the record's id: its schema (field names, rules,
labels), the model the pages read, the other records it names, and any rule within one record the schema cannot
say. Where each kind's folder is comes from the settings (`extra.folders` in mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from generator.inputs.freshness import freshness_problem
from generator.inputs.load import Loaded, PathParts
from generator.inputs.problems import Problem, field_label
from generator.inputs.readability import readability_problems
from generator.inputs.settings import Council, Readability
from generator.records.ids import canonical_uuid, service_feed_id, setting_service_feed_id, source_key
from generator.records.model import Feedback, Guide, Record, Service, Setting
from generator.records.schemas import labels
from generator.records.taxonomy import DESIGNATED_NEEDS, SETTING_TYPES


@dataclass(frozen=True)
class Context:
    """What record rules may depend on besides the record: the council's settings, the day of the check, how plain
    records must read, and the ways of writing the glossary's terms (`Glossary.known`; None skips the check of
    abbreviations, for commands that show no warnings)."""

    council: Council
    today: date
    readability: Readability = Readability()
    known: frozenset[str] | None = None


Rule = Callable[[Loaded, Context], list[Problem]]


@dataclass(frozen=True)
class Reference:
    """Where a record names records of another kind: a field path, '*' standing for every item of a list."""

    path: tuple[str, ...]
    kind: str = "service"

    def find(self, data: Any) -> Iterator[tuple[PathParts, str]]:
        yield from _walk(data, self.path, ())


def _walk(data: Any, pattern: tuple[str, ...], at: PathParts) -> Iterator[tuple[PathParts, str]]:
    if not pattern:
        if isinstance(data, str):
            yield at, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk(item, rest, (*at, i))
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, (*at, head))


@dataclass(frozen=True)
class Unique:
    """A key no two records of a kind may share, compared by what it means (`key`: the normalised key of a record's
    data, None when it has none), reported on `field` (or on the id when the record does not write `field`)."""

    field: str
    what: str  # what the key is, in the message: "URN"
    key: Callable[[dict[str, Any], Context], str | None]
    hint: str


@dataclass(frozen=True)
class Finding:
    """A problem a rule between records found in one record: where (a field path), what is wrong, what to write."""

    path: PathParts
    message: str
    hint: str


Known = Mapping[str, Mapping[str, Record]]  # every valid record, by kind and id
Between = Callable[[Record, Known, Context], list[Finding]]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the coordinator calls one record of this kind
    schema: str
    model: type[Record]
    by_category: bool = False  # files sit in a sub-folder named after their `category`
    references: tuple[Reference, ...] = ()
    rules: tuple[Rule, ...] = ()
    unique: tuple[Unique, ...] = ()  # keys no two records of the kind may share (besides the id)
    between: tuple[Between, ...] = ()  # rules that read the records this one names

    def record(self, loaded: Loaded) -> Record:
        return self.model(loaded.data, loaded.file)


def ages_in_order(loaded: Loaded, _: Context) -> list[Problem]:
    ages = loaded.data["age_range"]
    if ages["min"] <= ages["max"]:
        return []
    line, col = loaded.where(("age_range", "min"))
    message = f"{ages['min']} is more than the maximum age {ages['max']}."
    hint = "Swap them: min is the youngest age, max the oldest."
    return [Problem(loaded.file, line, col, field_label(("age_range", "min")), message, hint)]


def hours_in_order(loaded: Loaded, _: Context) -> list[Problem]:
    """Each set of opening hours closes after it opens (the schema checks each time is written HH:MM)."""
    found = []
    for i, hours in enumerate(loaded.data.get("opening_hours") or ()):
        if hours["closes"] <= hours["opens"]:  # HH:MM strings sort as times do
            path = ("opening_hours", i, "closes")
            line, col = loaded.where(path)
            message = f"{hours['closes']} is not later than opens ({hours['opens']})."
            hint = "Write the time it closes, later than the time it opens, in 24-hour time: 5pm is \"17:00\"."
            found.append(Problem(loaded.file, line, col, field_label(path), message, hint))
    return found


def reviewed_recently(loaded: Loaded, context: Context) -> list[Problem]:
    found = freshness_problem(loaded, context.council, context.today)
    return [found] if found else []


FIRST_LOCAL_OFFER_YEAR = 2014  # the Children and Families Act 2014 created the Local Offer


def received_in_the_past(loaded: Loaded, context: Context) -> list[Problem]:
    """`received` (YYYY-MM, the schema checks the form) is a month that has begun, and not before the Act."""
    received = loaded.data["received"]
    year, month = (int(part) for part in received.split("-"))
    if (year, month) > (context.today.year, context.today.month):
        message = f"{received} is in the future; it must be the month the comments were received."
        hint = f"Write a month up to {context.today:%Y-%m}."
    elif year < FIRST_LOCAL_OFFER_YEAR:
        message = f"{received} is before 2014, when the Children and Families Act created the Local Offer."
        hint = "Check the year: write the month the comments were received, as YYYY-MM."
    else:
        return []
    line, col = loaded.where(("received",))
    return [Problem(loaded.file, line, col, field_label(("received",)), message, hint)]


def closure_details_fit(loaded: Loaded, context: Context) -> list[Problem]:
    """A reason or reopening date only for a temporarily closed service; a reopening date still to come."""
    data = loaded.data
    found = []
    for name in ("status_reason", "reopens"):
        if name in data and data.get("status") != "temporarily-closed":
            line, col = loaded.key_where((name,))
            status = data.get("status", "active")
            message = f"is only for a service whose status is temporarily-closed (this one is {status})."
            found.append(Problem(loaded.file, line, col, name, message, f"Delete the {name} line, or set the status."))
    if data.get("status") == "temporarily-closed" and "reopens" in data:
        reopens = date.fromisoformat(data["reopens"])
        if reopens < context.today:
            line, col = loaded.where(("reopens",))
            message = f"{reopens.isoformat()} has passed, so the page would say the service is opening on a past date."
            hint = "If it has opened, delete reopens and status_reason and set status: active; if not, give the date."
            found.append(Problem(loaded.file, line, col, "reopens", message, hint))
    return found


NEEDS_DESIGNATED = ("special-school", "resource-base")  # types that must say which needs they are designated for


def setting_fits_its_type(loaded: Loaded, _: Context) -> list[Problem]:
    """A special school or resource base names its designated needs; a resource base, and only a resource base,
    names its host school, which is another setting."""
    data = loaded.data
    kind = data["type"]
    found = []
    if kind in NEEDS_DESIGNATED and "designated_needs" not in data:
        line, col = loaded.key_where(("type",))
        some = ", ".join(list(DESIGNATED_NEEDS)[:3])
        message = f"is missing: a {SETTING_TYPES[kind].lower()} says which needs it is designated for."
        hint = f"Add 'designated_needs:' with one or more of {some}, … (see the field reference)."
        found.append(Problem(loaded.file, line, col, "designated_needs", message, hint))
    if kind == "resource-base" and "host" not in data:
        line, col = loaded.key_where(("type",))
        message = "is missing: a resource base is part of a mainstream school."
        hint = "Add 'host:' with the id of the school's record (its file name under schools/, without .yaml)."
        found.append(Problem(loaded.file, line, col, "host", message, hint))
    if "host" in data and kind != "resource-base":
        line, col = loaded.key_where(("host",))
        message = f"is only for a resource base (this setting's type is {kind})."
        hint = "Delete the host line, or set type: resource-base if this is a class inside another school."
        found.append(Problem(loaded.file, line, col, "host", message, hint))
    elif data.get("host") == data["id"]:
        line, col = loaded.where(("host",))
        message = f"'{data['host']}' is this record's own id; a resource base is part of another school."
        found.append(Problem(loaded.file, line, col, "host", message, "Write the id of the host school's record."))
    return found


# The types of setting a resource base can be part of: a mainstream school (never another resource base, so hosting
# can never go round in a circle)
HOST_TYPES = ("mainstream-school", "academy", "nursery", "sixth-form")


def hosted_by_a_school(record: Record, known: Known, _: Context) -> list[Finding]:
    host = known.get("setting", {}).get(getattr(record, "host", None) or "")
    if not isinstance(host, Setting) or host.type in HOST_TYPES:
        return []  # no host, or one that is not a record: the reference check says so
    message = f"'{host.id}' is a {SETTING_TYPES[host.type].lower()}; a resource base is part of a mainstream school."
    if host.type == "resource-base":
        hint = f"Write the id of the school {host.id} is part of (its own host is '{host.host}')."
    else:
        some = ", ".join(SETTING_TYPES[t].lower() for t in HOST_TYPES)
        hint = f"Write the id of the school it is part of ({some}), or change its type if it is not a resource base."
    return [Finding(("host",), message, hint)]


def moves_between_stages(loaded: Loaded, _: Context) -> list[Problem]:
    """A transition guide is about a move: the stage left and the stage reached differ."""
    data = loaded.data
    if data["from_phase"] != data["to_phase"]:
        return []
    line, col = loaded.where(("to_phase",))
    stage = labels("transition-guide.schema.json", "to_phase").get(data["to_phase"], data["to_phase"])
    message = f"'{data['to_phase']}' is also the stage it moves from ({stage}); a guide moves between two stages."
    hint = "Write the stage the child or young person moves on to (see the field reference for the stages)."
    return [Problem(loaded.file, line, col, "to_phase", message, hint)]


def feed_id_is_its_own(record: Record, known: Known, context: Context) -> list[Finding]:
    """A service's source_id is not the id a school or other setting's places have in the feed."""
    if not isinstance(record, Service) or not record.source_id:
        return []
    source = canonical_uuid(record.source_id)
    namespace = context.council.feed_namespace
    for setting in known.get("setting", {}).values():
        if setting_service_feed_id(setting.id, namespace) == source:
            message = f"'{record.source_id}' is the id {setting.file} has in the Open Referral feed."
            hint = "Each service needs its own id in the feed: delete the source_id line if it was copied."
            return [Finding(("source_id",), message, hint)]
    return []


def _feed_key(data: dict[str, Any], context: Context) -> str:
    return service_feed_id(data["id"], data.get("source_id"), context.council.feed_namespace)


def _source_key(data: dict[str, Any], _: Context) -> str | None:
    return source_key(data["source_id"]) if isinstance(data.get("source_id"), str) else None


KINDS: tuple[Kind, ...] = (
    Kind(
        "setting",
        "school or setting record",
        "setting.schema.json",
        Setting,
        references=(Reference(("host",), "setting"),),
        between=(hosted_by_a_school,),
        unique=(
            Unique(
                "urn",
                "URN",
                lambda data, _: data.get("urn"),
                "A URN belongs to one school: check it on get-information-schools.service.gov.uk and correct the one"
                " that is wrong (a resource base has no URN of its own: delete it there).",
            ),
        ),
        rules=(
            ages_in_order,
            setting_fits_its_type,
            reviewed_recently,
            partial(readability_problems, sentence_fields=("summary", "how_to_apply")),
        ),
    ),
    Kind(
        "service",
        "service record",
        "service.schema.json",
        Service,
        by_category=True,
        references=(Reference(("works_in", "*"), "setting"),),
        between=(feed_id_is_its_own,),
        rules=(
            ages_in_order,
            hours_in_order,
            closure_details_fit,
            reviewed_recently,
            partial(readability_problems, sentence_fields=("summary", "eligibility", "how_to_access")),
        ),
        # an imported service's id elsewhere (a UUID written in any form is one UUID), which can be its id in the
        # Open Referral feed: two services may have neither the same source_id nor the same id in the feed
        unique=(
            Unique(
                "source_id",
                "source_id",
                _source_key,
                "Each service has its own: delete this line from the one that is a copy.",
            ),
            Unique(
                "source_id",
                "id in the Open Referral feed",
                _feed_key,
                "Each service needs its own id in the feed: delete the source_id line from the one that is a copy.",
            ),
        ),
    ),
    Kind(
        "guide",
        "transition guide",
        "transition-guide.schema.json",
        Guide,
        references=(
            Reference(("steps", "*", "services", "*")),
            Reference(("further_help", "*")),
            Reference(("steps", "*", "settings", "*"), "setting"),
        ),
        rules=(moves_between_stages, partial(readability_problems, sentence_fields=("summary",))),
    ),
    Kind(
        "feedback",
        "you said, we did item",
        "feedback.schema.json",
        Feedback,
        references=(Reference(("services", "*")),),
        rules=(received_in_the_past, partial(readability_problems, summary="")),
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
