"""Words shown to families for the values the schemas allow (their `x-labels`), and the age bands for browsing."""

from __future__ import annotations

from dataclasses import dataclass

from generator.records.schemas import inlined_schema, labels

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

# Schools, colleges and other settings (schema/setting.schema.json)
SETTING_TYPES = labels("setting.schema.json", "type")
_SETTING_TYPE = inlined_schema("setting.schema.json")["properties"]["type"]
SETTING_TYPES_PLURAL: dict[str, str] = _SETTING_TYPE["x-plural-labels"]
SETTING_TYPE_EXPLANATIONS: dict[str, str] = _SETTING_TYPE["x-explanations"]  # plain words on each type's page
SETTING_PHASES = labels("setting.schema.json", "phases")
DESIGNATED_NEEDS = labels("setting.schema.json", "designated_needs")
# each designated need's broad area of need (the Code of Practice's four), so schools and services share need filters
BROAD_NEED_OF: dict[str, str] = inlined_schema("setting.schema.json")["properties"]["designated_needs"]["items"][
    "x-broad-needs"
]
ADMISSIONS = labels("setting.schema.json", "admissions")
ADMISSIONS_SHORT = labels("setting.schema.json", "admissions", short=True)


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
