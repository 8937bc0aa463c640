"""What the search index knows about each service: filters, and the plain words families use (synonyms); and the
vocabulary the search page uses in the browser to read what families type (spelling, phrases, words to skip)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from generator.inputs.synonyms import SynonymGroup
from generator.pages.hours import open_days
from generator.records.languages import LANGUAGE_CODES, OWN_NAMES, spoken_filter
from generator.records.languages import LANGUAGES as TRANSLATION_LANGUAGES
from generator.records.model import Guide, Service, Setting
from generator.records.taxonomy import (
    AGE_BANDS,
    CATEGORIES,
    DAYS,
    DESIGNATED_NEEDS,
    NEEDS,
    PHASES,
    REAL_NEEDS,
    REFERRAL_SHORT,
    SETTING_TYPES,
)


@dataclass(frozen=True)
class FilterGroup:
    key: str
    legend: str
    options: tuple[tuple[str, str], ...]  # (value, label)


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One whole-word pattern for a group of words (longest first, so phrases win)."""
    alternatives = "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])")


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    return _pattern(words).search(text) is not None


_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class _FirstWords:
    """Which synonym groups could be mentioned in a text, from the words the text has: a whole-word match of a term
    that starts with a letter or digit has the term's first run of letters and digits as one whole word of the text
    too. So only those groups' patterns need to run (the patterns still decide); a term starting otherwise is always
    tried. The same answers as trying every group's pattern, for a fraction of the work on a large directory."""

    by_word: dict[str, frozenset[int]]
    always: frozenset[int]

    def candidates(self, text: str) -> set[int]:
        found = set(self.always)
        for word in set(_RUN.findall(text)):
            found.update(self.by_word.get(word, ()))
        return found


_LAST: list[tuple[tuple[SynonymGroup, ...], _FirstWords]] = []  # the groups of this build, and their words


def _first_words(groups: tuple[SynonymGroup, ...]) -> _FirstWords:
    """Made once per build: every service is checked against the same groups (found by identity, as hashing
    every group for each service would cost more than the lookup saves)."""
    if _LAST and _LAST[0][0] is groups:
        return _LAST[0][1]
    by_word: dict[str, set[int]] = {}
    always: set[int] = set()
    for number, group in enumerate(groups):
        for term in group.words:
            first = _RUN.match(term.casefold())
            if first is None:
                always.add(number)
            else:
                by_word.setdefault(first.group(), set()).add(number)
    made = _FirstWords({w: frozenset(n) for w, n in by_word.items()}, frozenset(always))
    _LAST[:] = [(groups, made)]
    return made


def group_key(number: int, group: SynonymGroup) -> str:
    """One made-up word for a synonym group, added to the index with its words: the search page looks a term of the
    group up by this word, so "OT" is not taken for the start of "other", nor "in care" for any page with "care"."""
    letters = "".join(words_of(group.words[0])).replace("'", "")
    return f"losyn{number}{letters}z"


def expansions(s: Service | Setting, groups: Iterable[SynonymGroup]) -> tuple[str, str, str]:
    """Words for the index beyond the page text: (the keywords; synonyms of words in the name; synonyms of words
    elsewhere in the record, keywords included, or of the areas of need it names). A service that names a term
    itself ranks above one that only has a synonym of it. Keywords weigh less than the summary (3 and 5: the
    data-pagefind-weight of service.md.j2 and setting.md.j2), and their synonyms only as much as body text, so a
    record cannot rank above others whose name or summary say the words by listing them as keywords.

    A group's `needs` words go only to services that name that need: a service for "all needs" is found by a need's
    words only through its own text, so "dyslexia" does not list every all-needs service. A school or other setting
    counts its type and designated needs with its name, and the broad areas of need those fall in as its needs."""
    if isinstance(s, Setting):
        strong = [s.name, SETTING_TYPES[s.type], *(DESIGNATED_NEEDS[n] for n in s.designated_needs)]
        weak_parts, needs = [s.summary, s.description or "", s.how_to_apply or "", *s.keywords], s.broad_needs
    else:
        strong = [s.name]
        weak_parts, needs = [s.summary, s.description, s.eligibility, s.how_to_access, *s.keywords], s.needs
    related, weak = text_expansions(" ".join(strong), " ".join(weak_parts), groups, needs)
    return " ".join(dict.fromkeys(s.keywords)), related, weak


def text_expansions(
    strong: str, weak: str, groups: Iterable[SynonymGroup], needs: Iterable[str] = ()
) -> tuple[str, str]:
    """The synonyms (with their group's word, see `group_key`) of the terms a page names: (those named in its title
    or name; those named only elsewhere in its text, or belonging to the areas of `needs`). Services, settings,
    guides, the glossary's entries and hand-written pages all get them, so every way of writing a term finds each
    page that uses it."""
    groups = tuple(groups)
    needs = frozenset(needs)
    strong_text, weak_text = strong.casefold(), weak.casefold()
    first_words = _first_words(groups)
    strong_groups, weak_groups = first_words.candidates(strong_text), first_words.candidates(weak_text)
    related: list[str] = []
    weak_words: list[str] = []
    for number, group in enumerate(groups):
        if number in strong_groups and _mentions(strong_text, group.words):
            related += [*group.words, group_key(number, group)]
        elif (number in weak_groups and _mentions(weak_text, group.words)) or any(n in needs for n in group.needs):
            weak_words += [*group.words, group_key(number, group)]
    return " ".join(dict.fromkeys(related)), " ".join(dict.fromkeys(weak_words))


def group_words(groups: Iterable[SynonymGroup], words: tuple[str, ...]) -> str:
    """Every word of the synonym group whose words are `words` (a glossary term's), with the group's own word: what
    the term's entry on the glossary page is found by."""
    for number, group in enumerate(groups):
        if group.words == words:
            return " ".join([*group.words, group_key(number, group)])
    return " ".join(words)


def explained_keys(groups: Iterable[SynonymGroup], terms: Iterable[tuple[str, ...]]) -> list[str]:
    """The group words (see `group_key`) of the glossary terms (each given by its words) that a page explains in full,
    as the glossary says (a term's `pages` and `guides`): the page's `explains` filter. A search for nothing but such a
    term ("ehcp", "what is an EHCP") puts the pages that explain it first, before the services that use the word."""
    wanted = set(terms)
    return [group_key(number, group) for number, group in enumerate(groups) if group.words in wanted]


# The ages at which families prepare for and make a move into each stage, for a guide's filters: from the review
# that starts the planning (Year 5 for secondary school, Year 9 for post-16 and adult life, the SEND Code of Practice's
# "from Year 9 at the latest") to the first year in the new stage. Not the whole of both stages: a guide to moving to
# secondary school is not for a 4-year-old or a 16-year-old.
MOVE_AGES = {
    "early-years": (0, 3),
    "primary": (2, 5),
    "secondary": (9, 12),
    "post-16": (13, 17),
    "adulthood": (13, 25),
}


def guide_filter_values(g: Guide) -> list[tuple[str, str]]:
    """(filter, value) pairs for a transition guide: `kind` (a search for nothing but a school year or stage, "after
    year 11", "post 16", puts the guides for that move first), the ages of its move (`MOVE_AGES`) and both stages, so
    a search with an age or a stage still finds it. It has no service category: a category filter leaves it out."""
    low, high = MOVE_AGES[g.to_phase]
    pairs = [("kind", "guide")]
    pairs += [("phase", p) for p in dict.fromkeys((g.from_phase, g.to_phase))]
    pairs += [("age", b.slug) for b in AGE_BANDS if b.low <= high and b.high >= low]
    pairs += [("years", str(age)) for age in range(low, high + 1)]
    return pairs


def filter_values(s: Service, areas: tuple[str, ...]) -> list[tuple[str, str]]:
    """(filter, value) pairs for Pagefind; values are the same slugs the search page puts in its URL. Two groups the
    page has no boxes for, used to order results: `named`, the areas of need the service names itself (a service for
    one need fits it better than one for all needs), and `status`, given only to a temporarily closed service."""
    pairs = [("category", s.category)]
    pairs += [("need", n) for n in REAL_NEEDS if s.meets(n)]
    pairs += [("named", n) for n in s.needs]
    if s.status == "temporarily-closed":
        pairs.append(("status", s.status))
    pairs += [("age", b.slug) for b in s.age_bands]
    pairs += [("years", str(age)) for age in range(s.age_range.min, s.age_range.max + 1)]
    pairs.append(("cost", "free" if s.is_free else "paid"))
    pairs.append(("referral", s.referral))
    pairs += [("area", a) for a in (s.area or areas)]
    pairs += [("phase", p) for p in s.phases]
    pairs += [("day", d) for d in open_days(s)]
    return pairs


def setting_filter_values(s: Setting, council: str) -> list[tuple[str, str]]:
    """(filter, value) pairs for a school or other setting: the filters it shares with services (its designated
    needs' broad areas, ages, stages), its type, and whether it is in the council's area. It has no service category,
    so the search page ranks it with guides, below services with the same words (a family searching "autism" wants
    the autism service before a school place), and a category filter leaves it out."""
    pairs = [("setting", s.type)]
    pairs += [("need", n) for n in s.broad_needs]
    pairs += [("age", b.slug) for b in s.age_bands]
    pairs += [("years", str(age)) for age in range(s.age_range.min, s.age_range.max + 1)]
    pairs += [("phase", p) for p in s.phases]
    pairs.append(("where", "outside" if s.outside(council) else "inside"))
    return pairs


def filter_groups(
    areas: tuple[str, ...],
    with_days: bool = False,
    settings: Sequence[Setting] = (),
    council: str = "",
    spoken: Iterable[str] = (),
) -> tuple[FilterGroup, ...]:
    """The search page's filters; "Open on" only when some service gives its weekly opening hours. Schools and
    settings add their own (type; in or outside the council's area) only when there are some, listing only the types
    there are. "Language spoken" lists the languages (other than English) services' staff speak, by the English name
    each service page gives Pagefind's `language` filter (`spoken_filter`), when a service names one."""
    groups = [
        FilterGroup("need", "Area of need", tuple((k, NEEDS[k]) for k in REAL_NEEDS)),
        FilterGroup("age", "Age", tuple((b.slug, b.label) for b in AGE_BANDS)),
        FilterGroup("category", "Type of service", tuple(CATEGORIES.items())),
        FilterGroup("cost", "Cost", (("free", "Free"), ("paid", "There is a charge"))),
        FilterGroup("referral", "How to get it", tuple(REFERRAL_SHORT.items())),
        FilterGroup("phase", "Stage", tuple(PHASES.items())),
    ]
    if with_days:
        groups.append(FilterGroup("day", "Open on", tuple(DAYS.items())))
    if areas:
        groups.append(FilterGroup("area", "Area", tuple((a, a) for a in areas)))
    languages = sorted({spoken_filter(name)[0] for name in spoken} - {"English"}, key=str.casefold)
    if languages:
        groups.append(FilterGroup("language", "Language spoken", tuple((n, n) for n in languages)))
    if settings:
        present = {s.type for s in settings}
        types = tuple((k, v) for k, v in SETTING_TYPES.items() if k in present)
        groups.append(FilterGroup("setting", "Type of school or setting", types))
        where = (("inside", f"In {council}"), ("outside", f"Outside {council}"))
        groups.append(FilterGroup("where", f"In or outside {council}", where))
    return tuple(groups)


# Words that carry no meaning for finding a service: a search never fails because of them ("my 4 year old might be
# autistic" searches for "autistic"). Words inside a known phrase ("won't go to school") still count there.
STOP_WORDS = frozenset(
    """
    a about after am an and any anyone anything are as ask at be been being but by can cannot can't could did do does
    doing don't for from get gets getting give go goes going got had has have having he her help helps helping
    here him his how i i'm i've if in into is it it's its just keep keeps know like looking look me might more most
    much my myself need needs needed no not now of on one or our out please really she should so some someone
    something support supports supporting than that the their them then there these they think this those to too
    trying try very want wants was we were what whats what's when where which who why will with won't would yet you
    your child child's children children's kid kids son son's daughter daughter's boy girl teen teenager teenage
    year years yr yrs old aged age ages service services find found thanks
    say says said saying tell tells told telling feel feels felt seem seems seemed maybe been always still just
    isn't aren't wasn't weren't doesn't didn't hasn't haven't hadn't wouldn't couldn't shouldn't he's she's they're
    we're i'd
    """.split()  # noqa: SIM905 (a word list people can read and edit)
)

# Languages families in England often speak at home: known words (never "corrected": "Polish" is not "police") even
# when no service lists them yet, so a search for one finds nothing rather than something wrong.
LANGUAGES = tuple(
    """
    Albanian Arabic Bengali Bulgarian Cantonese Chinese Czech Dari Farsi French Greek Gujarati Hindi Hungarian Italian
    Kurdish Latvian Lithuanian Makaton Malayalam Mandarin Nepali Pashto Persian Polish Portuguese Punjabi Romanian
    Russian Slovak Somali Spanish Swahili Tagalog Tamil Tigrinya Turkish Twi Ukrainian Urdu Vietnamese Yoruba Welsh
    """.split()  # noqa: SIM905
)

def fold(text: str) -> str:
    """A word as the search page compares it, whatever the accents: "Português" and "portugues" are one word
    (search.js folds what families type the same way: NFD, marks dropped, lower case)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")).lower()


def language_names() -> dict[str, list[str]]:
    """Every language's name in English and in its own words, folded, with (its English name as service pages give
    Pagefind's `language` filter, its code as translated pages' addresses and Pagefind's indexes use it): the search
    page reads "polski" or "Polish" as "services whose staff speak Polish, and pages in Polish"."""
    names: dict[str, list[str]] = {}
    for name, code in LANGUAGE_CODES.items():
        if code and code != "en":
            names.setdefault(fold(name), [spoken_filter(name)[0], code])
    for lang in [*TRANSLATION_LANGUAGES.values(), *OWN_NAMES.values()]:
        for name in (lang.english, lang.own):
            names.setdefault(fold(name), [spoken_filter(lang.english)[0], lang.code])
    return names


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


@lru_cache(maxsize=2**17)  # the live preview asks again for the same texts at every rebuild
def words_of(text: str) -> tuple[str, ...]:
    return tuple(w.replace("’", "'") for w in _WORD.findall(text.casefold()))


def vocabulary(
    services: Iterable[Service],
    groups: Iterable[SynonymGroup],
    labels: Iterable[str] = (),
    common: Iterable[str] = (),
) -> dict[str, object]:
    """The search page's vocabulary, written as `assets/search-words.json`.

    `words`: what a misspelt word may be corrected to (service names, keywords, synonym terms, need, age and other
    filter labels), most useful first; `known`: other words in the records, never corrected; `phrases`: several-word
    terms searched as one (synonyms and keywords); `stop`: words that never make a search fail; `groups`: each
    synonym term's group words (see `group_key`); `common`: the words families type most (synonym terms, the names of
    needs and other labels in `common`, languages, areas), the only words a misspelling is corrected to, so "wheel
    chair" never becomes a rare word of one service's name ("choir") nor "Polish" "police"."""
    services = list(services)
    groups = list(groups)
    terms = [t for g in groups for t in g.words] + [k for s in services for k in s.keywords]
    words: dict[str, None] = {}
    for text in [*terms, *(s.name for s in services), *labels]:
        for w in words_of(text):
            if len(w) > 2 and not w.isdigit() and w not in STOP_WORDS:
                words[w] = None
    known: dict[str, None] = {}
    for s in services:
        for text in (s.summary, s.description, s.eligibility, s.how_to_access, s.organisation):
            for w in words_of(text):
                if len(w) > 3 and not w.isdigit() and w not in words and w not in STOP_WORDS:
                    known[w] = None
    families: dict[str, None] = {}
    spoken = [*LANGUAGES, *(lang for s in services for lang in s.languages)]
    places = [a for s in services for a in (s.area or ())]
    for text in [*(t for g in groups for t in g.words), *common, *spoken, *places]:
        for w in words_of(text):
            if len(w) > 2 and not w.isdigit() and w not in STOP_WORDS:
                families[w] = None
                words.setdefault(w, None)
                known.pop(w, None)
    phrases = {" ".join(words_of(t)): None for t in terms if len(words_of(t)) > 1}
    keys: dict[str, list[str]] = {}
    for number, group in enumerate(groups):
        for term in group.words:
            keys.setdefault(" ".join(words_of(term)), []).append(group_key(number, group))
    return {
        "words": list(words),
        "common": list(families),
        "known": sorted(known),
        "phrases": sorted(phrases, key=lambda p: (-len(p), p)),
        "stop": sorted(STOP_WORDS),
        "groups": keys,
        "languages": language_names(),
    }


def vocabulary_json(
    services: Iterable[Service], groups: Iterable[SynonymGroup], labels: Iterable[str] = (), common: Iterable[str] = ()
) -> str:
    return json.dumps(vocabulary(services, groups, labels, common), ensure_ascii=False, separators=(",", ":"))
