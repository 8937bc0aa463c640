"""Plain-language checks: warnings (never errors) that tell the coordinator where a record is hard to read and what
to write instead. Thresholds come from mkdocs.yml `extra.readability` (generator.inputs.settings.Readability).

- a summary longer than `summary_words` words;
- a sentence longer than `sentence_words` words in a summary, eligibility or how_to_access;
- an abbreviation that is neither in the glossary nor spelled out in the same record;
- a summary whose Flesch reading ease is below `reading_ease`.

Syllables are counted with Pyphen's English hyphenation dictionary (what textstat falls back on; textstat itself
downloads a pronouncing dictionary on first use, so it cannot run offline).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pyphen

from generator.inputs.glossary import GLOSSARY_FILE, knows
from generator.inputs.load import Loaded, PathParts, position
from generator.inputs.placeholders import without_placeholders
from generator.inputs.problems import Problem, field_label

if TYPE_CHECKING:
    from generator.inputs.kinds import Context
    from generator.inputs.settings import Readability

# Values that are not prose: ids, addresses, dates, and search keywords (never shown as text).
NOT_PROSE = frozenset(
    {"id", "email", "website", "phone", "postcode", "link", "last_reviewed", "updated", "received", "reopens"}
    | {"services", "further_help", "keywords", "category", "needs", "phases", "referral", "status", "theme"}
    | {"audience", "from_phase", "to_phase", "term", "acronyms", "variants", "search_words", "pages", "guides"}
)
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")
# Link targets, web and email addresses, code and tags are not read as words. Every pattern here runs in linear time
# on hostile text (a page of 240 KB of "](", "<a " or one unbroken word): each can start only where the one before
# could not have, and stops at the next bracket or space instead of scanning on to the end.
_NOT_TEXT = re.compile(
    r"\]\([^()\[\]\s]*+\)|(?<![^\s(])https?://[^\s()<>\[\]]++|(?<![^\s(<])[^\s@<>()]++@[^\s()<>\[\]]++"
    r"|`[^`]*+`|<[^<>]*+>"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s+|:\s*\n")
_LETTERS = re.compile(r"(?<![\w'\u2019-])[A-Za-z]++(?![\w-])")  # whole words of letters; abbreviations among them
_IN_BRACKETS = re.compile(r"\(\s*+([A-Za-z]++)\s*+\)")  # "(LAAS)"
_BRACKETS_AFTER = re.compile(r"(?<![\w-])([A-Za-z]++)\s*+\(([^()]{3,160}+)\)")  # "AAS (Autism Advisory …)"
# Read backwards from a bracket: the (up to 14) words just before it, with only spaces and commas between them.
_WORDS_BEFORE_REVERSED = re.compile(r"[\s,]++((?:[\w'\u2019-]++[\s,]*+){1,14})")
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "to", "in", "with", "on", "at", "a", "an", "or", "by"})
_SPLIT_BEFORE = re.compile(r",\s+|\s+(?=(?:and|but|so|because|which|who|where|when|if|or|then)\s)|;\s*")


def words(text: str) -> list[str]:
    return _WORD.findall(_NOT_TEXT.sub(" ", text))


def sentences(text: str) -> list[str]:
    """The sentences of a piece of Markdown: paragraphs, list items and text ending . ! or ? each stand alone."""
    return [s.strip() for s in _SENTENCE_END.split(_NOT_TEXT.sub(" ", text)) if words(s)]


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")  # loaded once per process, only when a text is scored


def syllables(word: str) -> int:
    if word.isupper() and len(word) > 1:  # an abbreviation is read letter by letter: EHCP is 4
        return len(word)
    return len(_hyphenator().positions(word.lower())) + 1


def reading_ease(text: str) -> float:
    """Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. 60 to 70 is plain
    English; below 50 is hard to read; 100 is very easy."""
    found = words(text)
    if not found:
        return 100.0
    count = max(1, len(sentences(text)))
    return 206.835 - 1.015 * len(found) / count - 84.6 * sum(map(syllables, found)) / len(found)


def hardest_words(text: str, n: int = 3) -> list[str]:
    ranked = sorted(dict.fromkeys(w for w in words(text) if not w.isupper()), key=syllables, reverse=True)
    return [w for w in ranked if syllables(w) >= 4 or (syllables(w) == 3 and len(w) >= 10)][:n]


# ---- where in the file ---------------------------------------------------------------------------------------------


def locate(loaded: Loaded, path: PathParts, snippet: str) -> tuple[int, int]:
    """Line and column of `snippet` (its first words, however the file wraps them) inside the value at `path`."""
    line, col = loaded.where(path)
    first = words(snippet)[:4]
    if not loaded.text or not first:
        return line, col
    start = sum(len(row) + 1 for row in loaded.text.split("\n")[: line - 1]) + col - 1
    pattern = re.compile(r"(?<![\w-])" + r"[^\w]+".join(map(re.escape, first)))
    found = pattern.search(loaded.text, start)
    return position(loaded.text, found.start()) if found else (line, col)


def prose(data: Any, at: PathParts = ()) -> Iterator[tuple[PathParts, str]]:
    """Every text value of a record that is shown as prose, with its path."""
    if isinstance(data, str):
        yield at, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE:
                yield from prose(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from prose(value, (*at, i))


# ---- the checks ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Warn:
    path: PathParts
    snippet: str
    message: str
    hint: str


def _split_hint(sentence: str) -> str:
    """Where a long sentence could become two: the comma or joining word nearest its middle."""
    middle = len(sentence) // 2
    cuts = [m for m in _SPLIT_BEFORE.finditer(sentence) if 15 < m.start() < len(sentence) - 15]
    if not cuts:
        return "Split it into two shorter sentences, or use a list."
    cut = min(cuts, key=lambda m: abs(m.start() - middle))
    after = " ".join(sentence[cut.end() :].split()[:5])
    return f"Split it into two sentences, for example end one before '{after} …'."


def long_summary(text: str, path: PathParts, limit: int) -> Iterator[Warn]:
    count = len(words(text))
    if count > limit:
        message = f"is {count} words long; summaries show in lists and search results."
        hint = (
            f"Keep it to {limit} words or fewer: say what the service does and who it is for, and move the rest to "
            "the description."
        )
        yield Warn(path, text, message, hint)


def long_sentences(text: str, path: PathParts, limit: int) -> Iterator[Warn]:
    for sentence in sentences(text):
        count = len(words(sentence))
        if count > limit:
            start = " ".join(sentence.split()[:6])
            message = f"has a sentence of {count} words ('{start} …'); over {limit} is hard to follow."
            yield Warn(path, sentence, message, _split_hint(sentence))


def hard_to_read(text: str, path: PathParts, threshold: int) -> Iterator[Warn]:
    ease = reading_ease(text)
    if ease < threshold:
        hard = hardest_words(text)
        longest = max((len(words(s)) for s in sentences(text)), default=0)
        tips = [f"sentences of 15 words or fewer (the longest here has {longest})"] if longest > 15 else []
        if hard:
            tips.append("everyday words in place of " + ", ".join(f"'{w}'" for w in hard))
        hint = "Use " + (" and ".join(tips) if tips else "shorter sentences and shorter words") + "."
        message = f"is hard to read (reading ease {ease:.0f}; aim for {threshold} or more)."
        yield Warn(path, text, message, hint)


def _initials(text: str) -> str:
    return "".join(w[0].lower() for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS)


def _capitals(abbreviation: str) -> str:
    stem = abbreviation[:-1] if abbreviation.endswith("s") else abbreviation
    return "".join(c.lower() for c in stem if c.isupper())


def _in_order(letters: str, initials: str) -> bool:
    it = iter(initials)
    return all(letter in it for letter in letters)


def spelled_out(text: str) -> frozenset[str]:
    """The abbreviations a text writes out beside them: 'Autism Advisory Service (AAS)' or 'AAS (Autism
    Advisory Service)'. One pass over the text, however many abbreviations it has."""
    found: set[str] = set()
    backwards = text[::-1]
    for bracketed in _IN_BRACKETS.finditer(text):
        token = bracketed.group(1)
        letters = _capitals(token)
        before = _WORDS_BEFORE_REVERSED.match(backwards, len(text) - bracketed.start())
        if token in found or not before or not is_abbreviation(token) or not letters:
            continue
        initials = _initials(before.group(1)[::-1])[-(len(letters) + 3) :]
        if initials.endswith(letters[-1]) and _in_order(letters, initials):
            found.add(token)
    for after in _BRACKETS_AFTER.finditer(text):
        token = after.group(1)
        if is_abbreviation(token) and _in_order(_capitals(token), _initials(after.group(2))):
            found.add(token)
    return frozenset(found)


def is_abbreviation(token: str) -> bool:
    stem = token[:-1] if token.endswith("s") and len(token) > 2 else token
    capitals = sum(c.isupper() for c in stem)
    return capitals >= 2 and capitals * 2 >= len(stem)


def abbreviations(text: str) -> Iterator[str]:
    for found in _LETTERS.finditer(_NOT_TEXT.sub(" ", text)):
        if is_abbreviation(found.group(0)):
            yield found.group(0)


def unexplained(values: Sequence[tuple[PathParts, str]], known: frozenset[str]) -> Iterator[Warn]:
    """Each abbreviation neither in the glossary nor spelled out anywhere in the same record, once, where first used."""
    explained = spelled_out("\n".join(text for _, text in values))
    seen: set[str] = set()
    for path, text in values:
        for token in abbreviations(text):
            if token in seen or knows(known, token):
                continue
            seen.add(token)
            if token in explained:
                continue
            guess = difflib.get_close_matches(token, sorted(k for k in known if k[:1].isupper()), n=1, cutoff=0.75)
            message = (
                f"'{token}' is an abbreviation families may not know: it is not in the glossary "
                f"({GLOSSARY_FILE}) and not written out in this record."
            )
            hint = f"Did you mean '{guess[0]}'? Otherwise w" if guess else "W"
            hint += (
                f"rite what it stands for the first time it is used, with {token} in brackets after it, or add "
                f"{token} to the glossary."
            )
            yield Warn(path, token, message, hint)


def readability_problems(
    loaded: Loaded, context: Context, summary: str = "summary", sentence_fields: Iterable[str] = ()
) -> list[Problem]:
    """A record kind's rule (see KINDS): every readability warning for one record, placed on its line."""
    data = loaded.data
    limits = context.readability
    found: list[Warn] = []
    if isinstance(data.get(summary), str):
        found += long_summary(data[summary], (summary,), limits.summary_words)
    for name in sentence_fields:
        if isinstance(data.get(name), str):
            found += long_sentences(data[name], (name,), limits.sentence_words)
    if isinstance(data.get(summary), str):
        found += hard_to_read(data[summary], (summary,), limits.reading_ease)
    if context.known is not None:
        found += unexplained(list(prose(data)), context.known)
    return [warning(loaded, w) for w in found]


def warning(loaded: Loaded, w: Warn) -> Problem:
    line, col = locate(loaded, w.path, w.snippet)
    return Problem(loaded.file, line, col, field_label(w.path), w.message, w.hint, severity="warning")


def glossary_warnings(loaded: Loaded | None, limits: Readability, known: frozenset[str]) -> list[Problem]:
    """The glossary's own text: each explanation one short sentence, and its abbreviations explained too."""
    if loaded is None or not isinstance(loaded.data, list):
        return []
    found: list[Warn] = []
    for i, item in enumerate(loaded.data):
        explanation = item.get("explanation", "")
        if len(sentences(explanation)) > 1:
            hint = "Keep the first sentence here and move the rest to more."
            found.append(Warn((i, "explanation"), explanation, "is more than one sentence.", hint))
        found += long_sentences(explanation, (i, "explanation"), limits.sentence_words)
        found += unexplained(list(prose(item, (i,))), known)
    return [warning(loaded, w) for w in found]


def page_warnings(text: str, display: str, known: frozenset[str]) -> list[Problem]:
    """A hand-written page's abbreviations: each in the glossary or written out on the same page."""
    body = _CODE_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), without_placeholders(text))
    problems = []
    for w in unexplained([((), body)], known):
        found = re.search(r"(?<![\w-])" + re.escape(w.snippet) + r"(?![\w-])", body)
        line, col = position(body, found.start()) if found else (1, 1)
        problems.append(Problem(display, line, col, "", w.message, w.hint, severity="warning"))
    return problems


_CODE_BLOCK = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
