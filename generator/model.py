"""Frozen values built only from records that passed validation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
