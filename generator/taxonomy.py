"""Words shown to families for the values the schema allows, and the age bands used for browsing."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES: dict[str, str] = {
    "send": "SEND support services",
    "early-years": "Early years",
    "careers": "Careers, training and post-16",
    "alternative-provision": "Alternative provision",
}

NEEDS: dict[str, str] = {
    "communication-and-interaction": "Communication and interaction",
    "cognition-and-learning": "Cognition and learning",
    "social-emotional-and-mental-health": "Social, emotional and mental health",
    "sensory-and-physical": "Sensory and physical",
    "all-needs": "All needs",
}

PHASES: dict[str, str] = {
    "early-years": "Early years",
    "primary": "Primary school",
    "secondary": "Secondary school",
    "post-16": "Post-16",
    "adulthood": "Preparing for adulthood",
}

REFERRAL: dict[str, str] = {
    "self": "You can contact the service yourself",
    "professional": "A professional (for example a school, GP or health visitor) needs to refer you",
    "self-or-professional": "You can contact the service yourself, or a professional can refer you",
    "none": "No referral needed: you can just go along",
}

STATUS: dict[str, str] = {
    "active": "Open",
    "temporarily-closed": "Temporarily closed",
    "closed": "Closed",
}


@dataclass(frozen=True)
class AgeBand:
    slug: str
    low: int
    high: int

    @property
    def label(self) -> str:
        return f"Ages {self.low} to {self.high}"

    def overlaps(self, low: int, high: int) -> bool:
        return low <= self.high and high >= self.low


AGE_BANDS: tuple[AgeBand, ...] = (
    AgeBand("0-4", 0, 4),
    AgeBand("5-10", 5, 10),
    AgeBand("11-15", 11, 15),
    AgeBand("16-18", 16, 18),
    AgeBand("19-25", 19, 25),
)

AUDIENCES: dict[str, str] = {
    "families": "Parents and carers",
    "young-people": "Young people",
    "practitioners": "Practitioners",
}

THEMES: dict[str, str] = {
    "local-offer": "The Local Offer",
    "transitions": "Moving between stages",
    "short-breaks": "Short breaks",
    "communication": "Communication with families",
    "ehcp": "EHC needs assessments and plans",
    "preparing-for-adulthood": "Preparing for adulthood",
    "health": "Health",
    "education": "Education",
    "social-care": "Social care",
    "travel": "Travel and transport",
    "co-production": "Working together with families",
}

FEEDBACK_STATUS: dict[str, str] = {
    "planned": "Planned",
    "in-progress": "In progress",
    "done": "Done",
}
