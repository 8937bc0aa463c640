"""The one table of record kinds. Loading, validation, the rules between records and `validate FILE` all read it.

A kind is a folder of YAML files, one record each, named after the record's id: its schema (field names, rules,
labels), the model the pages read, the other records it names, and any rule within one record the schema cannot
say. Where each kind's folder is comes from the settings (`extra.folders` in mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from generator.inputs.freshness import freshness_problem
from generator.inputs.load import Loaded, PathParts
from generator.inputs.problems import Problem, field_label
from generator.inputs.readability import readability_problems
from generator.inputs.settings import Council, Readability
from generator.records.model import Feedback, Guide, Record, Service, Setting
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
class Kind:
    name: str
    label: str  # what the coordinator calls one record of this kind
    schema: str
    model: type[Record]
    by_category: bool = False  # files sit in a sub-folder named after their `category`
    references: tuple[Reference, ...] = ()
    rules: tuple[Rule, ...] = ()
    unique: tuple[str, ...] = ()  # fields no two records of the kind may share (besides the id)

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


KINDS: tuple[Kind, ...] = (
    Kind(
        "setting",
        "school or setting record",
        "setting.schema.json",
        Setting,
        references=(Reference(("host",), "setting"),),
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
        rules=(
            ages_in_order,
            hours_in_order,
            closure_details_fit,
            reviewed_recently,
            partial(readability_problems, sentence_fields=("summary", "eligibility", "how_to_access")),
        ),
        unique=("source_id",),  # an imported service's id elsewhere: it can be its id in the Open Referral feed
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
        rules=(partial(readability_problems, sentence_fields=("summary",)),),
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
