"""What the search index knows about each service: filters, and the plain words families use (synonyms)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.inputs.load import load_file
from generator.inputs.problems import Problem
from generator.inputs.validate import check_against_schema
from generator.pages.model import Service
from generator.pages.taxonomy import AGE_BANDS, CATEGORIES, NEEDS, PHASES, REAL_NEEDS, REFERRAL_SHORT

SYNONYMS_SCHEMA = "synonyms.schema.json"
SYNONYMS_FILE = "synonyms.yaml"


@dataclass(frozen=True)
class SynonymGroup:
    words: tuple[str, ...]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilterGroup:
    key: str
    legend: str
    options: tuple[tuple[str, str], ...]  # (value, label)


def load_synonyms(path: Path, root: Path) -> tuple[tuple[SynonymGroup, ...], list[Problem]]:
    if not path.is_file():
        return (), []
    loaded = load_file(path, path.relative_to(root).as_posix())
    problems = loaded.problems + check_against_schema(loaded, SYNONYMS_SCHEMA, expect=list)
    if problems:
        return (), problems
    groups = tuple(SynonymGroup(tuple(g["words"]), tuple(g.get("needs", ()))) for g in loaded.data or [])
    return groups, []


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One whole-word pattern for a group of words (longest first, so phrases win)."""
    alternatives = "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])")


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    return _pattern(words).search(text) is not None


def expansions(s: Service, groups: Iterable[SynonymGroup]) -> tuple[str, str]:
    """Words for the index beyond the page text: (strong: the keywords, and synonyms of words in the name or keywords;
    weak: synonyms of words elsewhere in the record, or of its areas of need)."""
    strong_text = " ".join([s.name, *s.keywords]).casefold()
    weak_text = " ".join([s.summary, s.description, s.eligibility, s.how_to_access]).casefold()
    strong: list[str] = list(s.keywords)
    weak: list[str] = []
    for group in groups:
        if _mentions(strong_text, group.words):
            strong += group.words
        elif _mentions(weak_text, group.words) or any(s.meets(n) for n in group.needs):
            weak += group.words
    return " ".join(dict.fromkeys(strong)), " ".join(dict.fromkeys(weak))


def filter_values(s: Service, areas: tuple[str, ...]) -> list[tuple[str, str]]:
    """(filter, value) pairs for Pagefind; values are the same slugs the search page puts in its URL."""
    pairs = [("category", s.category)]
    pairs += [("need", n) for n in REAL_NEEDS if s.meets(n)]
    pairs += [("age", b.slug) for b in s.age_bands]
    pairs.append(("cost", "free" if s.is_free else "paid"))
    pairs.append(("referral", s.referral))
    pairs += [("area", a) for a in (s.area or areas)]
    pairs += [("phase", p) for p in s.phases]
    return pairs


def filter_groups(areas: tuple[str, ...]) -> tuple[FilterGroup, ...]:
    groups = [
        FilterGroup("need", "Area of need", tuple((k, NEEDS[k]) for k in REAL_NEEDS)),
        FilterGroup("age", "Age", tuple((b.slug, b.label) for b in AGE_BANDS)),
        FilterGroup("category", "Type of service", tuple(CATEGORIES.items())),
        FilterGroup("cost", "Cost", (("free", "Free"), ("paid", "There is a charge"))),
        FilterGroup("referral", "How to get it", tuple(REFERRAL_SHORT.items())),
        FilterGroup("phase", "Stage", tuple(PHASES.items())),
    ]
    if areas:
        groups.append(FilterGroup("area", "Area", tuple((a, a) for a in areas)))
    return tuple(groups)
