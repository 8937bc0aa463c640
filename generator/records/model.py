"""Records as the pages see them: read-only views of validated data whose field names are the schema's.

A field added to a schema is there at once as an attribute (`service.new_field`) with no change here: values are
read from the record with the schema's rules (a missing optional list is empty, a missing optional value is None
or the schema's `default`, dates become `date`, groups of fields become nested views). The annotations on each
model only tell the type checker what the code uses; a test checks each is a field of the schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from generator.records.schemas import inlined_schema
from generator.records.taxonomy import AGE_BANDS, BROAD_NEED_OF, REAL_NEEDS, AgeBand
from generator.records.urls import url_of

_DATE_FORMATS = {"date", "past-date"}
_MISSING = object()


def _value(raw: Any, spec: Mapping[str, Any]) -> Any:
    if raw is _MISSING:
        if "default" in spec:
            return _value(spec["default"], spec)
        return () if spec.get("type") == "array" else None
    if isinstance(raw, dict):
        return Fields(raw, spec)
    if isinstance(raw, list):
        items = spec.get("items", {})
        return tuple(_value(item, items) for item in raw)
    if isinstance(raw, str) and spec.get("format") in _DATE_FORMATS:
        return date.fromisoformat(raw)
    return raw


class Fields:
    """A read-only group of fields: `fields.name` is the value of `name`, read as its schema says."""

    _data: dict[str, Any]
    _spec: Mapping[str, Any]

    def __init__(self, data: Mapping[str, Any], spec: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_data", dict(data))
        object.__setattr__(self, "_spec", spec)

    if not TYPE_CHECKING:  # mypy sees only the fields each class declares, so a misspelt field is an error

        def __getattr__(self, name: str) -> Any:
            """Called only the first time a field is read: the value is then kept as an ordinary attribute."""
            if name.startswith("_"):
                raise AttributeError(name)
            properties = self._spec.get("properties", {})
            if name not in properties:
                raise AttributeError(f"'{name}' is not a field of {type(self).__name__}")
            value = _value(self._data.get(name, _MISSING), properties[name])
            object.__setattr__(self, name, value)
            return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getstate__(self) -> tuple[dict[str, Any], Mapping[str, Any]]:
        return self._data, self._spec

    def __setstate__(self, state: tuple[dict[str, Any], Mapping[str, Any]]) -> None:
        object.__setattr__(self, "_data", state[0])
        object.__setattr__(self, "_spec", state[1])

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._data == other._data

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(sorted(self._data.items()))))

    def as_dict(self) -> dict[str, Any]:
        """The record's data as written in its file (only fields that are there)."""
        return dict(self._data)


class Record(Fields):
    """One validated file of a record kind: its fields, the file it came from, and the address of its page."""

    SCHEMA: ClassVar[str]
    PAGE: ClassVar[str]  # docs path of the record's page, formatted with the record's fields

    _file: str
    id: str

    def __init__(self, data: Mapping[str, Any], file: str) -> None:
        super().__init__(data, inlined_schema(self.SCHEMA))
        object.__setattr__(self, "_file", file)

    def __getstate__(self) -> tuple[dict[str, Any], Mapping[str, Any]]:  # the schema is found again by name
        return self._data, {"file": self._file}

    def __setstate__(self, state: tuple[dict[str, Any], Mapping[str, Any]]) -> None:
        super().__setstate__((state[0], inlined_schema(self.SCHEMA)))
        object.__setattr__(self, "_file", state[1]["file"])

    @property
    def file(self) -> str:
        """The record's file, relative to the project folder, for messages and 'Update this information' links."""
        return str(self._file)

    @property
    def page(self) -> str:
        """The docs path of the page this record is shown on: the one source of every link to it."""
        return self.PAGE.format(record=self)

    @property
    def url(self) -> str:
        """The page's address relative to the site root, for feeds, the sitemap, open data and search."""
        return url_of(self.page)


class Service(Record):
    SCHEMA = "service.schema.json"
    PAGE = "services/{record.id}.md"

    name: str
    organisation: str
    category: str
    summary: str
    description: str
    age_range: Any
    needs: tuple[str, ...]
    phases: tuple[str, ...]
    eligibility: str
    how_to_access: str
    referral: str
    cost: str
    contact: Any
    locations: tuple[Any, ...]
    opening_hours: tuple[Any, ...]
    opening_times: str | None
    languages: tuple[str, ...]
    area: tuple[str, ...]
    keywords: tuple[str, ...]
    works_in: tuple[str, ...]
    status: str
    status_reason: str | None
    reopens: date | None
    source_id: str | None
    last_reviewed: date
    not_yet_reviewed: bool | None

    @property
    def published(self) -> bool:
        return self.status != "closed"

    @property
    def is_free(self) -> bool:
        return self.cost.strip().lower() == "free"

    @property
    def age_bands(self) -> tuple[AgeBand, ...]:
        return tuple(b for b in AGE_BANDS if b.overlaps(self.age_range.min, self.age_range.max))

    def meets(self, need: str) -> bool:
        return need in self.needs or "all-needs" in self.needs

    @property
    def sort_key(self) -> str:
        return self.name.casefold()


class Setting(Record):
    """A school, resource base, nursery, college or other education setting, in the council's area or outside it.

    (Called a setting, as the SEND Code of Practice does; not to be confused with the site's settings in mkdocs.yml.)"""

    SCHEMA = "setting.schema.json"
    PAGE = "schools/{record.id}.md"

    name: str
    type: str
    organisation: str | None
    summary: str
    description: str | None
    phases: tuple[str, ...]
    age_range: Any
    designated_needs: tuple[str, ...]
    places: int | None
    admissions: tuple[str, ...]
    how_to_apply: str | None
    urn: str | None
    sen_information_report: str | None
    host: str | None
    local_authority: str | None
    contact: Any
    location: Any
    keywords: tuple[str, ...]
    status: str | None
    last_reviewed: date

    @property
    def published(self) -> bool:
        """A closed setting keeps its file (the register's import knows it) but has no page."""
        return self.status != "closed"

    def outside(self, council: str) -> bool:
        """In another council's area: a local authority is named and it is not this council's."""
        named = (self.local_authority or "").strip().casefold()
        return bool(named) and named != council.strip().casefold()

    @property
    def broad_needs(self) -> tuple[str, ...]:
        """The Code of Practice's broad areas of need its designated needs fall in, in the schema's order."""
        named = {BROAD_NEED_OF[n] for n in self.designated_needs}
        return tuple(n for n in REAL_NEEDS if n in named)

    @property
    def age_bands(self) -> tuple[AgeBand, ...]:
        return tuple(b for b in AGE_BANDS if b.overlaps(self.age_range.min, self.age_range.max))

    @property
    def sort_key(self) -> str:
        return self.name.casefold()


class Guide(Record):
    """A transition guide: the steps of one move between stages, in order."""

    SCHEMA = "transition-guide.schema.json"
    PAGE = "transitions/{record.id}.md"

    title: str
    from_phase: str
    to_phase: str
    audience: tuple[str, ...]
    summary: str
    steps: tuple[Any, ...]
    further_help: tuple[str, ...]
    last_reviewed: date

    @property
    def service_ids(self) -> tuple[str, ...]:
        ids = [i for step in self.steps for i in step.services] + list(self.further_help)
        return tuple(dict.fromkeys(ids))

    @property
    def setting_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i for step in self.steps for i in step.settings))


class Feedback(Record):
    """One "you said, we did" item (SEND Regulations 2014, regulation 56), shown on the page of its year."""

    SCHEMA = "feedback.schema.json"
    PAGE = "you-said-we-did/{record.year}.md"

    received: str
    source: str
    theme: str
    you_said: str
    we_did: str
    status: str
    updated: date
    services: tuple[str, ...]
    link: str | None

    @property
    def year(self) -> str:
        return self.received[:4]


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from, once validated: published services, schools and other settings, and the
    editorial content."""

    services: tuple[Service, ...]
    guides: tuple[Guide, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    closed: tuple[Service, ...] = ()  # closed for good: only a "This service has closed" page at the old address
    settings: tuple[Setting, ...] = ()  # schools, colleges and other education settings

    @classmethod
    def of(
        cls,
        services: Iterable[Service],
        guides: Iterable[Guide] = (),
        feedback: Iterable[Feedback] = (),
        settings: Iterable[Setting] = (),
    ) -> SiteData:
        services = list(services)
        live = tuple(sorted((s for s in services if s.published), key=lambda s: s.sort_key))
        closed = tuple(sorted((s for s in services if not s.published), key=lambda s: s.sort_key))
        guides, feedback = tuple(sorted(guides, key=_guide_order)), tuple(sorted(feedback, key=_feedback_order))
        open_settings = tuple(sorted((s for s in settings if s.published), key=lambda s: s.sort_key))
        return cls(live, guides, feedback, closed, open_settings)

    @cached_property
    def by_id(self) -> dict[str, Service]:
        return {s.id: s for s in self.services}

    @cached_property
    def areas(self) -> tuple[str, ...]:
        """Every named area, for the search filter; a service with no areas covers them all."""
        return tuple(sorted({a for s in self.services for a in s.area}, key=str.casefold))

    def guides_for(self, service_id: str) -> tuple[Guide, ...]:
        return tuple(g for g in self.guides if service_id in g.service_ids)

    @cached_property
    def settings_by_id(self) -> dict[str, Setting]:
        return {s.id: s for s in self.settings}

    def services_in(self, setting_id: str) -> tuple[Service, ...]:
        """Services that say they work in this setting (`works_in`)."""
        return tuple(s for s in self.services if setting_id in s.works_in)

    def guides_naming(self, setting_id: str) -> tuple[Guide, ...]:
        return tuple(g for g in self.guides if setting_id in g.setting_ids)

    def resource_bases_at(self, setting_id: str) -> tuple[Setting, ...]:
        """Resource bases whose host is this school."""
        return tuple(s for s in self.settings if s.host == setting_id)

    def feedback_for(self, service_id: str) -> tuple[Feedback, ...]:
        return tuple(f for f in self.feedback if service_id in f.services)


_PHASE_ORDER = ("early-years", "primary", "secondary", "post-16", "adulthood")


def _guide_order(g: Guide) -> tuple[int, int, bool, str]:
    return (_PHASE_ORDER.index(g.from_phase), _PHASE_ORDER.index(g.to_phase), "young-people" in g.audience, g.title)


def _feedback_order(f: Feedback) -> tuple[int, str, str, str]:
    return (-int(f.year), f.theme, f.received, f.id)
