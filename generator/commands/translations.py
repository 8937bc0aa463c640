"""`local-offer translations export --lang pl` and `translations import FILE`: every translatable field of the site
(records, guides, hand-written pages, glossary terms) and the interface text, as one gettext PO file that
translators' tools read (Poedit, Weblate, an agency's CAT tool), and back.

Each entry's msgctxt names what it is (`service:<id>:summary`, `guide:<id>:steps/2/body`, `interface:<key>`), its
msgid is the English, and an extracted comment holds the fingerprint of the English it was exported with. An import
is checked whole before anything is written: the language, each entry's English (unchanged since the export), its
placeholders, HTML and link addresses, and the translation files it makes (their schema). Then every file is written
or none (generator/importing/journal.py). A translation whose words change is written as a draft: a person marks it
reviewed before it is published."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from generator.importing.journal import commit, finish_stopped_import, one_import_at_a_time, stage
from generator.inputs.catalogues import (
    CATALOGUE_FILE,
    MESSAGES,
    language_problem,
    read_catalog,
    string_problems,
)
from generator.inputs.load import load_text
from generator.inputs.problems import Problem
from generator.inputs.schema import schema_header
from generator.inputs.settings import Settings
from generator.inputs.translations import FIELDS, FOLDER, SCHEMA, STEP_FIELDS, Translations, unflatten
from generator.inputs.validate import check_against_schema
from generator.pipeline import check
from generator.records.languages import LANGUAGES

FINGERPRINT = "fingerprint: "
_LINK = re.compile(r"\]\(")
_NAME = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_MARKS = re.compile(r"^(#+ |[-*] |\d+\. )|\*\*", re.MULTILINE)


class _Dumper(yaml.SafeDumper):
    """Text exactly as translated: several lines as a literal block, its line breaks at the end kept as they are."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def translation_yaml(data: Mapping[str, Any], header: str) -> str:
    return header + yaml.dump(dict(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)


_PLACEHOLDER_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"


def _order(path: str, kind: str) -> tuple[int, int, int]:
    """Fields in the order of their kind's table (steps by number, then when, title, body)."""
    name, *rest = path.split("/")
    names = FIELDS[kind]
    if rest:
        return (names.index(name), int(rest[0]), STEP_FIELDS.index(rest[1]))
    return (names.index(name), 0, 0)


def _catalog(lang: str, today: date, settings: Settings | None = None) -> Catalog:
    """A catalogue whose header names the site, the council and whom to ask, rather than Babel's placeholders."""
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    catalog = Catalog(locale=lang, project="Local Offer", creation_date=stamp, revision_date=stamp, fuzzy=False)
    if settings is not None:
        council = settings.council
        catalog.project, catalog.version = council.site_name, stamp.date().isoformat()
        catalog.copyright_holder = f"{council.name} Council"
        catalog.msgid_bugs_address = council.coordinator_email
        name = LANGUAGES[lang].english if lang in LANGUAGES else lang
        catalog.language_team = f"{name} ({lang})"
        catalog.header_comment = (
            f"# {name} translations for {council.site_name}.\n"
            f"# Write your name in Last-Translator below: it is recorded as the translator.\n"
            f"# Entries marked fuzzy were translated from older English: check each, then clear the mark.\n"
            f"# Send the file back to {council.coordinator_email}, who loads it with\n"
            f"# local-offer translations import FILE"
        )
    return catalog


# Said to the translator beside each entry that has links, {placeholders} or Markdown marks.
KEEP_LINKS = "Keep each link's (address) as it is; translate the words in [ ]."
KEEP_PLACEHOLDERS = "Keep each {name} as it is: the site puts a value there."
KEEP_MARKDOWN = "Markdown: keep the #, -, 1. and ** marks and the blank lines."
CHANGED = "The English changed since this was translated: check it."
FUZZY_HINT = (
    "Check the translation against the English, correct it, then clear the fuzzy mark (Poedit: untick 'Needs work')."
)


def translator_notes(english: str) -> list[str]:
    """What a translator must keep of this English: link addresses, placeholders, Markdown structure."""
    notes = []
    if _LINK.search(english):
        notes.append(KEEP_LINKS)
    if _NAME.search(english):
        notes.append(KEEP_PLACEHOLDERS)
    if _MARKS.search(english):
        notes.append(KEEP_MARKDOWN)
    return notes


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False)
    return out.getvalue()


def export(settings: Settings, lang: str, today: date) -> bytes:
    """Every translatable English string with its translation into `lang` where there is one."""
    result = check(settings, today)
    tr = result.translations
    have = {t.key: t for t in tr.items if t.lang == lang}
    catalog = _catalog(lang, today, settings)
    for key, source in sorted(tr.sources.items()):
        existing = have.get(key)
        for path in sorted(source.english, key=lambda path: _order(path, source.kind)):
            translated = existing.fields.get(path, "") if existing else ""
            stale = bool(existing and translated and existing.fingerprint != source.fingerprint)
            comments = [FINGERPRINT + source.fingerprint, f"English: {source.file}"]
            comments += translator_notes(source.english[path])
            if stale:
                comments.append(CHANGED)
            flags = ["fuzzy"] if stale else []
            context = f"{source.kind}:{source.id}:{path}"
            catalog.add(source.english[path], translated, context=context, auto_comments=comments, flags=flags)
    texts = tr.catalogues.texts.get(lang, {})
    for msg_key, english in MESSAGES.items():
        notes = ["Interface text", *translator_notes(english)]
        catalog.add(english, texts.get(msg_key, ""), context=f"interface:{msg_key}", auto_comments=notes)
    return _po_bytes(catalog)


def _fingerprint_of(comments: list[str]) -> str | None:
    return next((c.removeprefix(FINGERPRINT).strip() for c in comments if c.startswith(FINGERPRINT)), None)


def _translator(catalog: Catalog) -> str:
    named = str(catalog.last_translator or "").strip()
    return "" if not named or named == _PLACEHOLDER_TRANSLATOR else named.split("<")[0].strip() or named


def read_import(
    settings: Settings, data: bytes, shown: str, today: date, expected: str | None = None
) -> tuple[str, dict[Path, bytes], list[Problem]]:
    """The language, the files an import would write (path → bytes; unchanged ones left out), and every problem.
    With any error, no files."""
    catalog, text, problems = read_catalog(data, shown)
    if catalog is None:
        return "", {}, problems
    wrong = language_problem(catalog, text, shown, expected)
    if wrong is not None:
        return "", {}, [wrong]
    lang = str(dict(catalog.mime_headers)["Language"]).strip()
    tr = check(settings, today).translations
    incoming: dict[tuple[str, str], dict[str, str]] = {}
    first_line: dict[tuple[str, str], int] = {}
    interface: dict[str, str] = {}
    held: set[tuple[str, str]] = set()  # records with entries still marked fuzzy: not yet wholly checked
    for message in catalog:
        if not message.id:
            continue
        line, context = message.lineno or 1, str(message.context or "")
        english, translated = str(message.id), str(message.string or "")

        def problem(what: str, hint: str, at: str = context, line: int = line) -> None:
            problems.append(Problem(shown, line, 1, at, what, hint))

        kind, _, rest = context.partition(":")
        if translated and message.fuzzy:
            what = "is still marked fuzzy (needs checking), so it was not imported."
            problems.append(Problem(shown, line, 1, context, what, FUZZY_HINT, "warning"))
            held.add((kind, rest.rpartition(":")[0]))
            continue
        if kind == "interface":
            if rest not in MESSAGES:
                problem("is not interface text the site has.", "Export the file again and translate that.")
            elif english != MESSAGES[rest]:
                problem("has English that the site no longer uses.", "Export the file again.")
            elif translated:
                for what, hint in string_problems(english, translated):
                    problem(what, hint)
                interface[rest] = translated
            continue
        item_id, _, path = rest.rpartition(":")
        source = tr.sources.get((kind, item_id))
        if source is None or path not in source.english:
            problem("names nothing the site has (renamed or removed since the export?).", "Export the file again.")
            continue
        wanted = _fingerprint_of([str(c) for c in message.auto_comments])
        if (wanted is not None and wanted != source.fingerprint) or english != source.english[path]:
            what = f"was exported from English that has changed since ({source.file})."
            problem(what, f"Export the file again (translations export --lang {lang}) and copy the translation over.")
            continue
        if translated:
            for what, hint in string_problems(english, translated):
                problem(what, hint)
            incoming.setdefault(source.key, {})[path] = translated
            first_line.setdefault(source.key, line)
    files = _files(settings, tr, lang, incoming, first_line, _translator(catalog), shown, problems, held)
    texts = tr.catalogues.texts.get(lang, {})
    if interface and interface != {k: v for k, v in texts.items() if k in MESSAGES}:
        merged = {**texts, **interface}
        catalog_out = _catalog(lang, today)
        for key, english in MESSAGES.items():
            if merged.get(key):
                catalog_out.add(english, merged[key], context=key)
        files[settings.content_dir / FOLDER / lang / CATALOGUE_FILE] = _po_bytes(catalog_out)
    if any(p.severity == "error" for p in problems):
        return lang, {}, problems
    return lang, files, problems


def _files(
    settings: Settings,
    tr: Translations,
    lang: str,
    incoming: Mapping[tuple[str, str], dict[str, str]],
    first_line: Mapping[tuple[str, str], int],
    translator: str,
    shown: str,
    problems: list[Problem],
    held: set[tuple[str, str]],
) -> dict[Path, bytes]:
    """Each record's translation file as the import leaves it: the fields imported over those it had (a field the
    file did not send back is kept), made from the English of now only when no entry of the record is still marked
    fuzzy (otherwise it keeps the fingerprint it had, so it is still shown and reported as behind the English)."""
    have = {t.key: t for t in tr.items if t.lang == lang}
    folder = settings.content_dir / FOLDER / lang
    files: dict[Path, bytes] = {}
    for key, sent in incoming.items():
        source, existing = tr.sources[key], have.get(key)
        flat = {**(existing.fields if existing else {}), **sent}
        fingerprint = source.fingerprint if key not in held or existing is None else existing.fingerprint
        if existing and existing.fields == flat and existing.fingerprint == fingerprint:
            continue  # unchanged: its review stands
        ordered = dict(sorted(flat.items(), key=lambda item: _order(item[0], source.kind)))
        data: dict[str, Any] = {
            "status": "draft",
            "translator": translator or (existing.translator if existing else "") or "not named",
            "fingerprint": fingerprint,
            "fields": unflatten(ordered),
        }
        path = folder / source.translation_path
        text = translation_yaml(data, schema_header(SCHEMA, path.parent, settings.root))
        loaded = load_text(text, path.relative_to(settings.root).as_posix())
        for found in loaded.problems + check_against_schema(loaded, SCHEMA):
            where = f"{source.kind}:{source.id}:{found.field}"
            problems.append(Problem(shown, first_line[key], 1, where, found.message, found.hint))
        files[path] = text.encode("utf-8")
    return files


def write_all(settings: Settings, lang: str, files: Mapping[Path, bytes]) -> None:
    """Every file or none: staged beside the language's folder, then moved in following a journal."""
    folder = settings.content_dir / FOLDER / lang
    folder.mkdir(parents=True, exist_ok=True)
    with one_import_at_a_time(folder):
        finish_stopped_import(folder, folder.relative_to(settings.root).as_posix())
        staged = stage(folder, list(files.items()))
        commit(staged)


def coverage_table(tr: Translations, today: date) -> str:
    """Per language: pages translated (published and current), stale (English changed: shown with a notice),
    withdrawn, drafts, and missing (English with a page and no translation at all)."""
    with_pages = [s for s in tr.sources.values() if s.page]
    if not tr.items:
        return ""
    lines = ["Translations (pages with a translation, of the pages that can be translated):"]
    lines.append(f"{'language':<22} {'translated':>10} {'stale':>6} {'withdrawn':>9} {'draft':>6} {'missing':>8}")
    for lang in tr.languages:
        states = [tr.state(t, today) for t in tr.items if t.lang == lang and tr.sources.get(t.key, None) is not None]
        have = {t.key for t in tr.items if t.lang == lang}
        missing = sum(1 for s in with_pages if s.key not in have)
        name = f"{LANGUAGES[lang].english} ({lang})"
        counts = [states.count(s) for s in ("current", "stale", "withdrawn", "draft")]
        lines.append(f"{name:<22} {counts[0]:>10} {counts[1]:>6} {counts[2]:>9} {counts[3]:>6} {missing:>8}")
    return "\n".join(lines)
