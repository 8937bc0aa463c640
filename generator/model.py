"""Frozen values built only from records that passed validation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from .taxonomy import AGE_BANDS, AgeBand


@dataclass(frozen=True)
class Contact:
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Location:
    name: str
    address: str
    postcode: str
    accessibility: str | None = None


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    organisation: str
    category: str
    summary: str
    description: str
    age_min: int
    age_max: int
    needs: tuple[str, ...]
    phases: tuple[str, ...]
    eligibility: str
    how_to_access: str
    referral: str
    cost: str
    contact: Contact
    locations: tuple[Location, ...]
    opening_times: str | None
    languages: tuple[str, ...]
    area: tuple[str, ...]
    keywords: tuple[str, ...]
    status: str
    last_reviewed: date
    source: str

    @classmethod
    def from_record(cls, data: dict[str, Any], source: str) -> Service:
        return cls(
            id=data["id"],
            name=data["name"],
            organisation=data["organisation"],
            category=data["category"],
            summary=data["summary"],
            description=data["description"],
            age_min=data["age_range"]["min"],
            age_max=data["age_range"]["max"],
            needs=tuple(data["needs"]),
            phases=tuple(data.get("phases", ())),
            eligibility=data["eligibility"],
            how_to_access=data["how_to_access"],
            referral=data["referral"],
            cost=data["cost"],
            contact=Contact(**data["contact"]),
            locations=tuple(Location(**loc) for loc in data.get("locations", ())),
            opening_times=data.get("opening_times"),
            languages=tuple(data.get("languages", ())),
            area=tuple(data.get("area", ())),
            keywords=tuple(data.get("keywords", ())),
            status=data.get("status", "active"),
            last_reviewed=date.fromisoformat(data["last_reviewed"]),
            source=source,
        )

    @property
    def published(self) -> bool:
        return self.status != "closed"

    @property
    def is_free(self) -> bool:
        return self.cost.strip().lower() == "free"

    @property
    def age_bands(self) -> tuple[AgeBand, ...]:
        return tuple(b for b in AGE_BANDS if b.overlaps(self.age_min, self.age_max))

    def meets(self, need: str) -> bool:
        return need in self.needs or "all-needs" in self.needs

    @property
    def sort_key(self) -> str:
        return self.name.casefold()


@dataclass(frozen=True)
class Step:
    when: str
    title: str
    body: str
    services: tuple[str, ...]


@dataclass(frozen=True)
class Guide:
    """A transition guide: the steps of one move between stages, in order."""

    id: str
    title: str
    from_phase: str
    to_phase: str
    audience: tuple[str, ...]
    summary: str
    steps: tuple[Step, ...]
    further_help: tuple[str, ...]
    last_reviewed: date
    source: str

    @classmethod
    def from_record(cls, data: dict[str, Any], source: str) -> Guide:
        steps = tuple(Step(s["when"], s["title"], s["body"], tuple(s.get("services", ()))) for s in data["steps"])
        return cls(
            id=data["id"],
            title=data["title"],
            from_phase=data["from_phase"],
            to_phase=data["to_phase"],
            audience=tuple(data["audience"]),
            summary=data["summary"],
            steps=steps,
            further_help=tuple(data.get("further_help", ())),
            last_reviewed=date.fromisoformat(data["last_reviewed"]),
            source=source,
        )

    @property
    def service_ids(self) -> tuple[str, ...]:
        ids = [i for step in self.steps for i in step.services] + list(self.further_help)
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Feedback:
    """One "you said, we did" item (SEND Regulations 2014, regulation 56)."""

    id: str
    received: str
    source: str
    theme: str
    you_said: str
    we_did: str
    status: str
    updated: date
    services: tuple[str, ...]
    link: str | None
    file: str

    @classmethod
    def from_record(cls, data: dict[str, Any], source: str) -> Feedback:
        return cls(
            id=data["id"],
            received=data["received"],
            source=data["source"],
            theme=data["theme"],
            you_said=data["you_said"],
            we_did=data["we_did"],
            status=data["status"],
            updated=date.fromisoformat(data["updated"]),
            services=tuple(data.get("services", ())),
            link=data.get("link"),
            file=source,
        )

    @property
    def year(self) -> str:
        return self.received[:4]


@dataclass(frozen=True)
class SiteData:
    """Everything the pages are made from, once validated: published services and the editorial content."""

    services: tuple[Service, ...]
    guides: tuple[Guide, ...] = ()
    feedback: tuple[Feedback, ...] = ()

    @classmethod
    def of(
        cls, services: Iterable[Service], guides: Iterable[Guide] = (), feedback: Iterable[Feedback] = ()
    ) -> SiteData:
        live = tuple(sorted((s for s in services if s.published), key=lambda s: s.sort_key))
        return cls(live, tuple(sorted(guides, key=_guide_order)), tuple(sorted(feedback, key=_feedback_order)))

    @cached_property
    def by_id(self) -> dict[str, Service]:
        return {s.id: s for s in self.services}

    @cached_property
    def areas(self) -> tuple[str, ...]:
        """Every named area, for the search filter; a service with no areas covers them all."""
        return tuple(sorted({a for s in self.services for a in s.area}, key=str.casefold))

    def guides_for(self, service_id: str) -> tuple[Guide, ...]:
        return tuple(g for g in self.guides if service_id in g.service_ids)

    def feedback_for(self, service_id: str) -> tuple[Feedback, ...]:
        return tuple(f for f in self.feedback if service_id in f.services)


_PHASE_ORDER = ("early-years", "primary", "secondary", "post-16", "adulthood")


def _guide_order(g: Guide) -> tuple:
    return (_PHASE_ORDER.index(g.from_phase), _PHASE_ORDER.index(g.to_phase), "young-people" in g.audience, g.title)


def _feedback_order(f: Feedback) -> tuple:
    return (-int(f.year), f.theme, f.received, f.id)
