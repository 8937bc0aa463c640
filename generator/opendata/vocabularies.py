"""The vocabularies of the records' choices (the schemas' enums and their `x-labels`), published with the Open
Referral feed (/taxonomies, /taxonomy_terms): a service, or the service of a school or other setting, is filed under
the terms it names (its `attributes`). Each taxonomy's key starts the ids of its terms, so a key never changes."""

from __future__ import annotations

from generator.opendata.openreferral import Taxonomy
from generator.pages.setting_pages import INDEX, OUTSIDE, need_page, type_page
from generator.records.taxonomy import (
    ADMISSIONS,
    ADMISSIONS_SHORT,
    CATEGORIES,
    CATEGORY_INTROS,
    DESIGNATED_NEEDS,
    NEED_EXAMPLES,
    NEEDS,
    PHASES,
    REFERRAL,
    REFERRAL_SHORT,
    SETTING_TYPE_EXPLANATIONS,
    SETTING_TYPES,
)

TAXONOMIES = {
    "category": Taxonomy(
        "category",
        "Local Offer categories",
        "Which part of a SEND Local Offer a service belongs to.",
        CATEGORIES,
        CATEGORY_INTROS,
        lambda code: f"category/{code}.md",
    ),
    "need": Taxonomy(
        "need",
        "SEND areas of need",
        "The four broad areas of special educational need in the SEND Code of Practice (2015), and all needs.",
        NEEDS,
        {
            **{code: f"{NEEDS[code]}, for example {examples}." for code, examples in NEED_EXAMPLES.items()},
            "all-needs": "Services for children and young people with any special educational need or disability.",
        },
        lambda code: "needs/index.md" if code == "all-needs" else f"needs/{code}.md",
    ),
    "phase": Taxonomy(
        "phase", "Stages of education", "The stages of education or life a service or school supports.", PHASES
    ),
    "referral": Taxonomy(
        "referral",
        "How to get a service",
        "Who can ask for a service: families themselves, a professional, either, or no one (just go along).",
        REFERRAL_SHORT,
        REFERRAL,
    ),
    # Schools, colleges and other settings (schema/setting.schema.json). The importer knows a setting in a feed by
    # a term of "setting-type" (generator/importing/mapping.py).
    "setting-type": Taxonomy(
        "setting-type",
        "Types of school and setting",
        "What kind of school, college or other education setting a place is offered at, in a SEND Local Offer.",
        SETTING_TYPES,
        SETTING_TYPE_EXPLANATIONS,
        type_page,
    ),
    "designated-need": Taxonomy(
        "designated-need",
        "Needs a school or setting is designated for",
        "The Department for Education's types of special educational need that a special school, resource base or "
        "other specialist setting is designated for.",
        DESIGNATED_NEEDS,
        term_page=need_page,
    ),
    "admissions": Taxonomy(
        "admissions",
        "How places are given",
        "How a child or young person gets a place at a school or other setting.",
        ADMISSIONS_SHORT,
        ADMISSIONS,
    ),
    "setting-area": Taxonomy(
        "setting-area",
        "Where the school or setting is",
        "Whether a school or other setting is in the council's own area or outside it (specialist provision that "
        "families in the area use).",
        {"inside": "In the council's area", "outside": "Outside the council's area"},
        term_page=lambda code: OUTSIDE if code == "outside" else INDEX,
    ),
}
