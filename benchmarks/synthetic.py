"""Synthetic but realistic service records, for benchmarks at council and county scale."""

from __future__ import annotations

import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
HEADER = "# yaml-language-server: $schema=../../schema/service.schema.json\n"

TOPICS = [
    ("Autism Outreach", ["communication-and-interaction"], ["autism", "ASD"]),
    ("Speech and Language Therapy", ["communication-and-interaction"], ["speech", "talking"]),
    ("Dyslexia Support", ["cognition-and-learning"], ["dyslexia", "reading"]),
    ("Learning Support Team", ["cognition-and-learning"], ["learning"]),
    ("Emotional Wellbeing Service", ["social-emotional-and-mental-health"], ["anxiety", "wellbeing"]),
    ("Hearing Support", ["sensory-and-physical"], ["deaf", "hearing"]),
    ("Vision Support", ["sensory-and-physical"], ["sight", "vision"]),
    ("Physical Disability Team", ["sensory-and-physical"], ["wheelchair"]),
    ("Family Support Hub", ["all-needs"], ["parents", "family"]),
    ("Short Breaks Club", ["all-needs"], ["short breaks", "holiday"]),
    ("Supported Internship", ["cognition-and-learning", "communication-and-interaction"], ["job", "work"]),
    ("Reintegration Outreach", ["social-emotional-and-mental-health"], ["exclusion"]),
]
PLACES = ["Brixton", "Clapham", "Streatham", "Norwood", "Stockwell", "Vauxhall", "Kennington", "Waterloo"]
CATEGORIES = ["send", "early-years", "careers", "alternative-provision"]
POSTCODES = ["SW2 1EG", "SW9 8QE", "SE11 5QY", "SW16 1AA", "SE27 9BJ", "SW4 7AA", "SE24 0AA", "SE1 7PB"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
HOURS = [
    {"opening_hours": [{"days": WEEKDAYS, "opens": "09:00", "closes": "17:00"}]},
    {"opening_hours": [{"days": ["tuesday"], "opens": "10:00", "closes": "11:30", "note": "term time only"}]},
    {
        "opening_hours": [
            {"days": WEEKDAYS[:4], "opens": "08:30", "closes": "18:00"},
            {"days": ["saturday"], "opens": "10:00", "closes": "13:00"},
        ],
        "opening_times": "Closed on bank holidays.",
    },
    {"opening_times": "First Thursday of each month, 1:30pm to 3pm"},
]
LANGUAGES = [[], ["Portuguese", "Spanish"], [], ["British Sign Language"], ["Somali", "Arabic"]]


def record(i: int, rng: random.Random) -> dict:
    topic, needs, words = TOPICS[i % len(TOPICS)]
    place = PLACES[(i // len(TOPICS)) % len(PLACES)]
    low = rng.choice([0, 0, 2, 4, 5, 11, 14, 16])
    high = min(25, low + rng.choice([4, 6, 10, 14, 25]))
    return {
        "id": f"{topic.lower().replace(' ', '-')}-{place.lower()}-{i}",
        "name": f"{topic} {place} {i}",
        "organisation": f"{place} Children's Partnership",
        "category": CATEGORIES[i % len(CATEGORIES)],
        "summary": f"{topic} for children and young people in {place}, with advice for families and schools.",
        "description": (
            f"The {topic.lower()} in {place} works with families, nurseries, schools and colleges.\n\n"
            "- Assessment and advice\n- Training for staff\n- Drop-in sessions for parents and carers\n\n"
            "Read more on [the council website](https://www.example.gov.uk/local-offer)."
        ),
        "age_range": {"min": low, "max": high},
        "needs": needs,
        "phases": rng.sample(["early-years", "primary", "secondary", "post-16", "adulthood"], 2),
        "eligibility": f"Children and young people aged {low} to {high} living in {place}.",
        "how_to_access": "Ask your school's SENCo, health visitor or GP to refer, or contact us yourself.",
        "referral": rng.choice(["self", "professional", "self-or-professional", "none"]),
        "cost": rng.choice(["free", "free", "free", "£5 per session"]),
        "contact": {
            "phone": "020 7926 1000",
            "email": f"team{i}@example.gov.uk",
            "website": f"https://www.example.gov.uk/services/{i}",
        },
        "locations": [
            {
                "name": f"{place} Family Hub",
                "address": f"{i} High Street, {place}, London",
                "postcode": POSTCODES[i % len(POSTCODES)],
                "accessibility": "Step-free entrance.",
            }
        ],
        **HOURS[i % len(HOURS)],
        **({"languages": LANGUAGES[i % len(LANGUAGES)]} if LANGUAGES[i % len(LANGUAGES)] else {}),
        "area": [place],
        "keywords": words,
        "last_reviewed": (date(2026, 10, 1) - timedelta(days=i % 300)).isoformat(),
    }


def make_project(root: Path, count: int, seed: int = 2026) -> Path:
    """A project like the repository (real config, content and templates) holding `count` synthetic records."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    # the sample guides, feedback and translations name the sample services, which a synthetic project does not have
    shutil.copytree(
        REPO / "content",
        root / "content",
        ignore=shutil.ignore_patterns("transitions", "you-said-we-did", "translations"),
    )
    for page in (root / "content").glob("*.md"):  # a link to one sample service goes to the A to Z instead
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\bservices/(?!index\.md)[a-z0-9-]+\.md", "services/index.md", text), encoding="utf-8")
    glossary = root / "content" / "glossary.yaml"  # its terms name sample services and guides: keep the terms only
    if glossary.is_file():
        lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = (line for line in lines if not line.startswith(("  services: [", "  guides: [")))
        glossary.write_text("".join(kept), encoding="utf-8")
    rng = random.Random(seed)
    for i in range(count):
        data = record(i, rng)
        path = root / "services" / data["category"] / f"{data['id']}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root
