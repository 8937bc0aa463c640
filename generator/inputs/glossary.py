"""The glossary (content/glossary.yaml): every term families meet, each explained in one plain sentence.

One source for four things: the explanation at a term's first use on every page (generator.pages.glossary_terms), the
glossary page, the search synonyms (each term is one synonym group), and the abbreviations the readability check
knows. Checked with the same loader and messages as records: every problem on its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.inputs.load import Loaded, load_file
from generator.inputs.messages import closest, slug
from generator.inputs.problems import Problem, field_label
from generator.records.model import Fields
from generator.records.schemas import inlined_schema

GLOSSARY_FILE = "glossary.yaml"
SCHEMA = "glossary.schema.json"
PAGE = "glossary.md"  # the generated glossary page (docs path)


class Term(Fields):
    """One glossary entry; its attributes are the schema's fields."""

    term: str
    acronyms: tuple[str, ...]
    variants: tuple[str, ...]
    search_words: tuple[str, ...]
    explanation: str
    more: str | None
    needs: tuple[str, ...]
    services: tuple[str, ...]
    guides: tuple[str, ...]
    pages: tuple[str, ...]

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(data, inlined_schema(SCHEMA)["items"])

    @property
    def anchor(self) -> str:
        """The id of the term on the glossary page (`glossary/#education-health-and-care-plan`)."""
        return slug(self.term, "term")

    @property
    def acronym_forms(self) -> tuple[str, ...]:
        """Abbreviations as pages may write them: as listed, and all in capitals (SENCo, SENCO)."""
        return tuple(dict.fromkeys(f for a in self.acronyms for f in (a, a.upper())))

    @property
    def word_forms(self) -> tuple[str, ...]:
        """The term and its variants, matched whatever their capitals."""
        return (self.term, *self.variants)

    @property
    def words(self) -> tuple[str, ...]:
        """Every way search should find this term by: the term, abbreviations, variants and search words."""
        return tuple(dict.fromkeys((self.term, *self.acronyms, *self.variants, *self.search_words)))

    @property
    def full_name(self) -> str:
        """'Education, health and care plan (EHCP)': the term with its first abbreviation."""
        return f"{self.term} ({self.acronyms[0]})" if self.acronyms else self.term

    @property
    def tip(self) -> str:
        """What the explanation at a term's first use says."""
        return f"{self.full_name}: {self.explanation}"


def _plural_stem(token: str) -> str:
    return token[:-1] if len(token) > 2 and token.endswith("s") else token


@dataclass(frozen=True)
class Glossary:
    """Every term, in the file's order. Empty when the council has no glossary file."""

    terms: tuple[Term, ...] = ()
    file: str = ""

    @cached_property
    def by_acronym(self) -> dict[str, Term]:
        return {form: t for t in self.terms for form in t.acronym_forms}

    @cached_property
    def by_word(self) -> dict[str, Term]:
        return {form.casefold(): t for t in self.terms for form in t.word_forms}

    @cached_property
    def by_anchor(self) -> dict[str, Term]:
        return {t.anchor: t for t in self.terms}

    def find(self, text: str) -> Term | None:
        """The term a piece of page text is a way of writing ('EHCPs', 'ehc plan'), or None."""
        for candidate in (text, _plural_stem(text)):
            found = self.by_acronym.get(candidate) or self.by_word.get(candidate.casefold())
            if found is not None:
                return found
        return None

    @cached_property
    def marking(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...]:
        """What the explanations marked on pages are made from (generator.pages.glossary_terms): when this is unchanged,
        every page is marked as before."""
        return tuple((t.anchor, t.acronym_forms, t.word_forms, t.tip) for t in self.terms)

    @cached_property
    def known(self) -> frozenset[str]:
        """Every form pages are explained by (abbreviations exactly, words case-folded): what the readability
        check accepts as explained. Small, so it travels cheaply to worker processes."""
        return frozenset([*self.by_acronym, *self.by_word])


def knows(known: frozenset[str], token: str) -> bool:
    """Whether an abbreviation written on a page is a glossary form (`known` is `Glossary.known`)."""
    return any(t in known or t.casefold() in known for t in (token, _plural_stem(token)))


def load_glossary(content_dir: Path, root: Path) -> tuple[Glossary, Loaded | None, list[Problem]]:
    """The glossary, the file as loaded (for placing later problems), and every problem found in the file alone.
    A glossary with errors is empty, so nothing is built from it."""
    from generator.inputs.validate import check_against_schema  # validate imports the kinds, which use this module

    path = content_dir / GLOSSARY_FILE
    if not path.is_file():
        return Glossary(), None, []
    loaded = load_file(path, path.relative_to(root).as_posix())
    problems = loaded.problems + check_against_schema(loaded, SCHEMA, expect=list)
    if problems:
        return Glossary(file=loaded.file), loaded, problems
    glossary = Glossary(tuple(Term(item) for item in loaded.data or []), loaded.file)
    return glossary, loaded, _clashes(glossary, loaded)


def _forms_at(loaded: Loaded) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path, text, kind) for every way of writing each entry, in file order; kind is 'acronym' or 'word'."""
    for i, item in enumerate(loaded.data or []):
        yield (i, "term"), item["term"], "word"
        for j, acronym in enumerate(item.get("acronyms", [])):
            yield (i, "acronyms", j), acronym, "acronym"
        for j, variant in enumerate(item.get("variants", [])):
            yield (i, "variants", j), variant, "word"


def _clashes(glossary: Glossary, loaded: Loaded) -> list[Problem]:
    """A way of writing a term belongs to one entry only, and each entry has its own anchor."""
    problems = []
    seen: dict[str, int] = {}
    for path, text, kind in _forms_at(loaded):
        index = path[0]
        assert isinstance(index, int)
        keys = {text.casefold()} | ({text.upper().casefold()} if kind == "acronym" else set())
        owner = next((seen[k] for k in keys if k in seen), None)
        if owner is not None and owner != index:
            other = glossary.terms[owner].term
            line, col = loaded.where(path)
            message = f"'{text}' is already a way of writing '{other}' (item {owner + 1})."
            hint = "A term is explained one way only: delete it here, or merge the two items."
            problems.append(Problem(loaded.file, line, col, _label(path), message, hint))
        for key in keys:
            seen.setdefault(key, index)
    anchors: dict[str, int] = {}
    for i, term in enumerate(glossary.terms):
        if term.anchor in anchors and not any(p.field == _label((i, "term")) for p in problems):
            line, col = loaded.where((i, "term"))
            message = f"would have the same address on the glossary page as item {anchors[term.anchor] + 1}."
            problems.append(Problem(loaded.file, line, col, _label((i, "term")), message, "Merge the two items."))
        anchors.setdefault(term.anchor, i)
    return problems


def _label(path: tuple[str | int, ...]) -> str:
    return field_label(path)


@dataclass(frozen=True)
class Targets:
    """What glossary entries may name: published service and guide ids, and hand-written pages with their titles."""

    services: Iterable[str] = ()
    guides: Iterable[str] = ()
    pages: Mapping[str, str] = field(default_factory=dict)
    # Records that exist but are not published (closed, past their review, or with problems of their own), by id,
    # with why: naming one is a warning and the entry leaves it out, so closing a service never stops a build.
    unpublished: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


_WHAT = {"services": "service", "guides": "transition guide", "pages": "page in content/"}


def reference_problems(glossary: Glossary, loaded: Loaded | None, targets: Targets) -> list[Problem]:
    """Every service, guide and page an entry names exists and is published."""
    if loaded is None:
        return []
    known = {"services": sorted(targets.services), "guides": sorted(targets.guides), "pages": sorted(targets.pages)}
    problems = []
    for i, term in enumerate(glossary.terms):
        for name in ("services", "guides", "pages"):
            for j, ref in enumerate(getattr(term, name)):
                if ref in known[name]:
                    continue
                line, col = loaded.where((i, name, j))
                why = targets.unpublished.get(name, {}).get(ref)
                if why is not None:
                    message = f"'{ref}' {why}, so this entry leaves it out."
                    hint = f"Remove it from this entry, or name another {_WHAT[name]}."
                    problems.append(Problem(loaded.file, line, col, _label((i, name, j)), message, hint, "warning"))
                    continue
                guess = closest(ref, known[name])
                hint = f"Did you mean '{guess}'?" if guess else f"Write the file name of a {_WHAT[name]}."
                message = f"'{ref}' is not a published {_WHAT[name]}."
                problems.append(Problem(loaded.file, line, col, _label((i, name, j)), message, hint))
    return problems


_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def page_title(markdown: str, meta: Mapping[str, Any]) -> str:
    """A hand-written page's title as MkDocs shows it: front matter `title`, else its first '# heading'."""
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = _TITLE.search(markdown)
    return heading.group(1) if heading else ""
