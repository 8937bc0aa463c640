"""Words shown to families for the values the schemas allow (their `x-labels`), and the age bands for browsing."""

from __future__ import annotations

from dataclasses import dataclass

from generator.inputs.schema import inlined_schema, labels

CATEGORIES = labels("service.schema.json", "category")
NEEDS = labels("service.schema.json", "needs")
PHASES = labels("service.schema.json", "phases")
REFERRAL = labels("service.schema.json", "referral")
REFERRAL_SHORT = labels("service.schema.json", "referral", short=True)
STATUS = labels("service.schema.json", "status")
DAYS = labels("service.schema.json", "opening_hours", "days")
AUDIENCES = labels("transition-guide.schema.json", "audience")
THEMES = labels("feedback.schema.json", "theme")
FEEDBACK_STATUS = labels("feedback.schema.json", "status")
REAL_NEEDS = tuple(n for n in NEEDS if n != "all-needs")
# what each part of the Local Offer holds: the introduction of its page, and its description in the open data
CATEGORY_INTROS = {
    "send": "Specialist advice, assessment and support for children and young people with special "
    "educational needs and disabilities, and for their families.",
    "early-years": "Support for babies and young children before they start school, and for their families "
    "and nurseries.",
    "careers": "Advice, training, work experience, apprenticeships and supported internships for young people "
    "from age 14 up to 25.",
    "alternative-provision": "Education and support for children and young people who are not able to attend "
    "a mainstream school, or who need extra help to stay in one.",
}
# plain examples next to each need's label in the schema ("for example autism, speech and language")
NEED_EXAMPLES: dict[str, str] = inlined_schema("service.schema.json")["properties"]["needs"]["items"]["x-examples"]


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
