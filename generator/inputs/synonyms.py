"""The search synonyms (content/synonyms.yaml): groups of everyday words that find the same services, read and
checked here; the glossary's terms make a group each (every way of writing a term)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.inputs.glossary import Glossary
from generator.inputs.load import Loaded, load_file
from generator.inputs.problems import Problem, field_label
from generator.inputs.validate import check_against_schema

SYNONYMS_SCHEMA = "synonyms.schema.json"
SYNONYMS_FILE = "synonyms.yaml"


@dataclass(frozen=True)
class SynonymGroup:
    words: tuple[str, ...]
    needs: tuple[str, ...] = ()


def load_synonyms(
    path: Path, root: Path, glossary: Glossary | None = None
) -> tuple[tuple[SynonymGroup, ...], list[Problem]]:
    """The search synonyms: one group for each glossary term (every way of writing it), then the groups of everyday
    words in synonyms.yaml, which may not repeat a glossary term, acronym or variant (one list to keep, never two);
    everyday words may be in both (a term's search_words and a group here)."""
    glossary = glossary or Glossary()
    from_glossary = tuple(SynonymGroup(t.words, t.needs) for t in glossary.terms)
    if not path.is_file():
        return from_glossary, []
    loaded = load_file(path, path.relative_to(root).as_posix())
    problems = loaded.problems + check_against_schema(loaded, SYNONYMS_SCHEMA, expect=list)
    if problems:
        return (), problems
    problems = _repeats_glossary(loaded, glossary)
    if problems:
        return (), problems
    groups = tuple(SynonymGroup(tuple(g["words"]), tuple(g.get("needs", ()))) for g in loaded.data or [])
    return from_glossary + groups, []


def _repeats_glossary(loaded: Loaded, glossary: Glossary) -> list[Problem]:
    owners = {w.casefold(): t for t in glossary.terms for w in (t.term, *t.acronyms, *t.variants)}
    problems = []
    for i, group in enumerate(loaded.data or []):
        for j, word in enumerate(group["words"]):
            term = owners.get(word.casefold())
            if term is None:
                continue
            line, col = loaded.where((i, "words", j))
            message = f"'{word}' is in the glossary ({term.term}), which already makes search find it."
            hint = (
                f"Delete it here. To make '{term.term}' find more, add words to its search_words in "
                f"{glossary.file or 'the glossary'}."
            )
            problems.append(Problem(loaded.file, line, col, field_label((i, "words", j)), message, hint))
    return problems
