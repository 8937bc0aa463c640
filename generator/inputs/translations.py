"""Translations as reviewed data (content/translations/<code>/...): each file holds only the translated words of one
English source, who translated and reviewed them and when, and a fingerprint of the English they were made from.

Layout, one file per translated thing:

    content/translations/pl/services/<service id>.yaml
    content/translations/pl/schools/<setting id>.yaml
    content/translations/pl/transitions/<guide id>.yaml
    content/translations/pl/pages/<page>.yaml          (content/<page>.md; pages/index.yaml is the home page)
    content/translations/pl/glossary/<term anchor>.yaml
    content/translations/pl/interface.po               (the site's own words: generator/inputs/catalogues.py)

A translation is published (status reviewed or sample) only while its fingerprint matches the English. When the
English changes, `validate` warns and the translated page says so, with a link to the English page; after
`extra.translations.stale_after_days` the translated page is withdrawn.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from generator.inputs.catalogues import CATALOGUE_FILE, Catalogues, load_catalogue
from generator.inputs.handwritten import check_page
from generator.inputs.load import Loaded, load_file
from generator.inputs.messages import closest
from generator.inputs.problems import Problem
from generator.inputs.settings import Settings
from generator.records.languages import LANGUAGES
from generator.records.model import Guide, Record, Service, Setting

FOLDER = "translations"  # under content/
SCHEMA = "translation.schema.json"
PUBLISHED = frozenset({"reviewed", "sample"})
STAGING = ".local-offer-import"  # an import's files before they move in (generator/importing/journal.py)

# What is translated of each kind of source, and the folder its translations are kept in.
FIELDS: dict[str, tuple[str, ...]] = {
    "service": ("name", "summary", "description", "eligibility", "how_to_access"),
    "setting": ("name", "summary", "description", "how_to_apply"),
    "guide": ("title", "summary", "steps"),
    "page": ("title", "description", "body"),
    "glossary": ("term", "explanation"),
}
STEP_FIELDS = ("when", "title", "body")
FOLDERS = {"service": "services", "setting": "schools", "guide": "transitions", "page": "pages", "glossary": "glossary"}
KIND_OF_FOLDER = {folder: kind for kind, folder in FOLDERS.items()}


def flatten(fields: Mapping[str, Any]) -> dict[str, str]:
    """{'summary': …, 'steps/1/title': …}: every translatable string by its path (steps counted from 1)."""
    flat: dict[str, str] = {}
    for name, value in fields.items():
        if name == "steps" and isinstance(value, (list, tuple)):
            for n, step in enumerate(value, 1):
                for part in STEP_FIELDS:
                    text = step.get(part) if isinstance(step, Mapping) else getattr(step, part, None)
                    if isinstance(text, str):
                        flat[f"steps/{n}/{part}"] = text
        elif isinstance(value, str):
            flat[name] = value
    return flat


def unflatten(flat: Mapping[str, str]) -> dict[str, Any]:
    """The fields of a translation file from paths (the reverse of `flatten`), in the table's order."""
    fields: dict[str, Any] = {}
    steps: dict[int, dict[str, str]] = {}
    for path, text in flat.items():
        if path.startswith("steps/"):
            _, n, part = path.split("/")
            steps.setdefault(int(n), {})[part] = text
        else:
            fields[path] = text
    if steps:
        fields["steps"] = [{p: steps[n][p] for p in STEP_FIELDS if p in steps[n]} for n in sorted(steps)]
    return fields


def fingerprint(flat: Mapping[str, str]) -> str:
    """16 hex digits of the SHA-256 of the English strings: changes whenever any translated English word does."""
    text = json.dumps(dict(sorted(flat.items())), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Source:
    """One English thing that can be translated."""

    kind: str  # service, setting, guide, page, glossary
    id: str  # a record's id, a page's docs path without .md, a glossary term's anchor
    file: str  # the English file, as shown in messages
    page: str  # the docs path of the English page ("" for a glossary term, which has no page of its own)
    english: dict[str, str]  # flattened translatable fields
    changed: date | None = None  # when the English says it was last reviewed (records); None for pages

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.english)

    @property
    def translation_path(self) -> str:
        """Where its translation is kept under content/translations/<code>/."""
        return f"{FOLDERS[self.kind]}/{self.id}.yaml"


@dataclass(frozen=True)
class Translation:
    lang: str
    kind: str
    id: str
    file: str  # as shown in messages
    status: str
    translator: str
    reviewer: str
    reviewed: date | None
    fingerprint: str
    fields: dict[str, str]  # flattened
    loaded: Loaded

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass
class Translations:
    """Every translation file, the English they translate, and the interface catalogues."""

    items: list[Translation] = field(default_factory=list)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    catalogues: Catalogues = field(default_factory=Catalogues)
    stale_after_days: int = 90

    def state(self, t: Translation, today: date) -> str:
        """draft, orphan (no English), current, stale (English changed; still shown with a notice) or withdrawn."""
        source = self.sources.get(t.key)
        if source is None:
            return "orphan"
        if t.status not in PUBLISHED:
            return "draft"
        if t.fingerprint == source.fingerprint:
            return "current"
        return "withdrawn" if today > self.changed_on(t) + timedelta(days=self.stale_after_days) else "stale"

    def changed_on(self, t: Translation) -> date:
        """When the English changed, as far as the files tell: the English record's review date when it is after the
        translation's, else the translation's own review date (the English changed after it was made)."""
        source = self.sources[t.key]
        known = [d for d in (source.changed, t.reviewed) if d is not None]
        return max(known) if known else date.min

    def published(self, today: date) -> list[Translation]:
        """Translations with a page: reviewed or sample, English unchanged or changed less than the limit ago."""
        return [t for t in self.items if self.state(t, today) in ("current", "stale")]

    def withdrawn(self, today: date) -> list[Translation]:
        return [t for t in self.items if self.state(t, today) == "withdrawn"]

    @property
    def languages(self) -> list[str]:
        return sorted({t.lang for t in self.items})


def page_source(rel: str, data: bytes, shown: str) -> Source | None:
    """A hand-written page as something to translate: its title, description and body."""
    body, meta = get_data(data.decode("utf-8", "replace").removeprefix("\ufeff"))
    english = {"title": str(meta.get("title") or ""), "description": str(meta.get("description") or "")}
    english["body"] = body.strip("\n")
    english = {k: v for k, v in english.items() if v}
    return Source("page", rel.removesuffix(".md"), shown, rel, english) if english else None


def sources_of(
    records: Iterable[Record], pages: Mapping[str, bytes], terms: Iterable[Any], settings: Settings
) -> dict[tuple[str, str], Source]:
    """Every English thing a translation may translate: published records, hand-written pages, glossary terms."""
    found: list[Source] = []
    for record in records:
        kind = "service" if isinstance(record, Service) else "setting" if isinstance(record, Setting) else "guide"
        if not isinstance(record, (Service, Setting, Guide)):
            continue
        english = flatten({name: getattr(record, name) for name in FIELDS[kind]})
        found.append(Source(kind, record.id, record.file, record.page, english, record.last_reviewed))
    for rel, data in pages.items():
        if rel.endswith(".md") and not rel.startswith(FOLDER + "/"):
            shown = (settings.content_dir / rel).relative_to(settings.root).as_posix()
            source = page_source(rel, data, shown)
            if source is not None:
                found.append(source)
    for term in terms:
        english = flatten({"term": term.term, "explanation": term.explanation})
        found.append(Source("glossary", term.anchor, "content/glossary.yaml", "", english))
    return {s.key: s for s in found}


def _shown(path: Path, settings: Settings) -> str:
    return path.relative_to(settings.root).as_posix()


def translation_files(settings: Settings) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """(language code, file) for every translation file, and problems with the folders themselves."""
    root = settings.content_dir / FOLDER
    files: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return files, problems
    for lang_dir in sorted(p for p in root.iterdir() if not p.name.startswith(".")):
        shown = _shown(lang_dir, settings)
        if not lang_dir.is_dir():
            hint = "Keep translations in a folder named by the language's code, for example translations/pl/."
            problems.append(Problem(shown, 1, 1, "", "is not a language folder.", hint))
            continue
        if lang_dir.name not in LANGUAGES:
            near = closest(lang_dir.name, list(LANGUAGES))
            hint = (f"Did you mean {near}? " if near else "") + f"Codes: {', '.join(sorted(LANGUAGES))}."
            message = f"'{lang_dir.name}' is not a language code this site knows."
            problems.append(Problem(shown, 1, 1, "", message, hint))
            continue
        if (lang_dir / STAGING).exists():
            message = "holds an import that was stopped before it finished; nothing in this language is published."
            hint = "Run `local-offer translations import` again, or delete the .local-offer-import folder."
            problems.append(Problem(shown + "/" + STAGING, 1, 1, "", message, hint))
        for path in sorted(lang_dir.rglob("*")):
            rel = path.relative_to(lang_dir)
            if any(part.startswith(".") for part in rel.parts) or path.is_dir() or rel.as_posix() == CATALOGUE_FILE:
                continue
            if path.suffix != ".yaml" or rel.parts[0] not in KIND_OF_FOLDER or len(rel.parts) < 2:
                folders = ", ".join(f"{f}/" for f in KIND_OF_FOLDER)
                hint = f"Put each translation in one of {folders} as a .yaml file; interface text in {CATALOGUE_FILE}."
                problems.append(Problem(_shown(path, settings), 1, 1, "", "is not where a translation goes.", hint))
                continue
            files.append((lang_dir.name, path))
    return files, problems


def _problem(loaded: Loaded, at: tuple[str | int, ...], message: str, hint: str, severity: str = "error") -> Problem:
    line, col = loaded.key_where(at)
    label = " › ".join(str(p) if isinstance(p, str) else f"item {p + 1}" for p in at)
    return Problem(loaded.file, line, col, label, message, hint, "warning" if severity == "warning" else "error")


def load_translation(lang: str, path: Path, settings: Settings) -> tuple[Translation | None, list[Problem]]:
    from generator.inputs.validate import check_against_schema  # validate imports the kinds, which come first

    lang_dir = settings.content_dir / FOLDER / lang
    rel = path.relative_to(lang_dir).as_posix()
    folder, _, rest = rel.partition("/")
    loaded = load_file(path, _shown(path, settings))
    problems = loaded.problems + check_against_schema(loaded, SCHEMA)
    if problems or not isinstance(loaded.data, dict):
        return None, problems
    data = loaded.data
    reviewed = data.get("reviewed")
    translation = Translation(
        lang=lang,
        kind=KIND_OF_FOLDER[folder],
        id=rest.removesuffix(".yaml"),
        file=loaded.file,
        status=data["status"],
        translator=data["translator"],
        reviewer=data.get("reviewer", ""),
        reviewed=date.fromisoformat(reviewed) if isinstance(reviewed, str) else reviewed,
        fingerprint=data["fingerprint"],
        fields=flatten(data["fields"]),
        loaded=loaded,
    )
    return translation, problems


def _field_problems(t: Translation, source: Source) -> list[Problem]:
    """Fields the English does not have, and (for a published translation) English fields left untranslated."""
    loaded, problems = t.loaded, []
    allowed = FIELDS[t.kind]
    for name in loaded.data["fields"]:
        if name not in allowed:
            hint = f"A {t.kind} translation has {', '.join(allowed)}."
            problems.append(_problem(loaded, ("fields", name), f"is not translated for a {t.kind}.", hint))
    for path in t.fields:
        if path not in source.english and path.split("/")[0] in allowed:
            at = tuple(int(p) - 1 if p.isdigit() else p for p in path.split("/"))
            problems.append(_problem(loaded, ("fields", *at), f"has no English in {source.file}.", "Remove it."))
    if t.status in PUBLISHED:
        missing = [p for p in source.english if p not in t.fields]
        if missing:
            hint = "Translate them, or set status: draft until they are."
            problems.append(_problem(loaded, ("fields",), f"leaves out {', '.join(missing)} of the English.", hint))
    return problems


def _page_problems(t: Translation, settings: Settings, md: Any, images: Sequence[str]) -> list[Problem]:
    """A translated page's body is held to the hand-written pages' rules (links, HTML, size)."""
    body = t.fields.get("body")
    if body is None:
        return []
    line = t.loaded.where(("fields", "body"))[0]
    found = check_page(body.encode("utf-8"), t.id + ".md", t.file, md, frozenset(images))
    return [Problem(t.file, line, 1, "fields › body", p.message, p.hint, p.severity) for p in found]


def stale_problems(translations: Translations, today: date) -> list[Problem]:
    """A warning for each translation whose English changed since, or whose English is gone."""
    problems: list[Problem] = []
    for t in translations.items:
        state = translations.state(t, today)
        name = LANGUAGES[t.lang].english
        if state == "orphan":
            message = f"translates a {t.kind} '{t.id}' the site does not have, so it is not published."
            hint = "Rename the file to match the English, or delete it."
            problems.append(_problem(t.loaded, (), message, hint, "warning"))
        elif state in ("stale", "withdrawn"):
            source = translations.sources[t.key]
            since = translations.changed_on(t)
            until = since + timedelta(days=translations.stale_after_days)
            if state == "stale":
                what = f"The {name} page says so and links to the English until {until}, then is withdrawn."
            else:
                limit = translations.stale_after_days
                what = f"The {name} page was withdrawn on {until} (stale_after_days: {limit})."
            message = f"{source.file} changed since this {name} ({t.lang}) translation was made. {what}"
            hint = f"Run local-offer translations export --lang {t.lang}, update the translation and import it."
            problems.append(_problem(t.loaded, ("fingerprint",), message, hint, "warning"))
    return problems


def load_translations(
    settings: Settings, sources: dict[tuple[str, str], Source], md: Any, images: Sequence[str], today: date
) -> tuple[Translations, list[Problem]]:
    """Every translation and catalogue, checked against the English, with every problem found."""
    files, problems = translation_files(settings)
    result = Translations(sources=sources, stale_after_days=settings.stale_after_days)
    for lang, path in files:
        translation, found = load_translation(lang, path, settings)
        problems += found
        if translation is None:
            continue
        source = sources.get(translation.key)
        found = _field_problems(translation, source) if source else []
        if translation.kind == "page":
            found += _page_problems(translation, settings, md, images)
        problems += found
        if not any(p.severity == "error" for p in found):
            result.items.append(translation)
    root = settings.content_dir / FOLDER
    for lang in sorted({lang for lang, _ in files} | {p.parent.name for p in root.glob(f"*/{CATALOGUE_FILE}")}):
        path = root / lang / CATALOGUE_FILE
        if lang in LANGUAGES and path.is_file():
            texts, found = load_catalogue(path, _shown(path, settings), lang)
            result.catalogues.texts[lang] = texts
            problems += found
    problems += stale_problems(result, today)
    return result, problems


def translated_page(lang: str, english_page: str) -> str:
    """The docs path of a page's translation: the English path under the language's folder."""
    return posixpath.join(lang, english_page)
