"""Interface text in other languages: the words the site itself writes on translated pages (headings, notices, the
language switcher), one gettext PO catalogue per language at content/translations/<code>/interface.po, the format
translators' tools read. Also the checks every translated string gets, in a catalogue or in an imported file:
the same {placeholders} as the English, no HTML, the same link addresses."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from generator.inputs.messages import closest
from generator.inputs.problems import Problem
from generator.records.languages import LANGUAGES

CATALOGUE_FILE = "interface.po"

# Every piece of interface text a translated page uses: key → English. {name} marks a value put in.
MESSAGES: dict[str, str] = {
    "sample_note": "This is a sample translation, written to show how translated pages work. It has not been checked"
    " by a professional translator.",
    "stale_notice": "This page was updated in English on {date}. This translation may be out of date.",
    "read_english": "Read this page in English",
    "withdrawn": "This page is no longer available in {language} because the English page has changed.",
    "languages": "This page in other languages",
    "who_for": "Who it is for",
    "how_to_get": "How to get it",
    "how_to_apply": "How to apply",
    "contact": "Contact",
    "phone": "Phone",
    "email": "Email",
    "website": "Website",
    "steps": "Step by step",
    # The glossary in another language (/<code>/glossary/).
    "glossary_title": "Words we use",
    "glossary_intro": "What the words schools, the council and health services use mean. Each word has the English"
    " word beside it, so you can recognise it when you hear it.",
    "glossary_in_english": "In English:",
    "glossary_stale": "The English explanation of this word was updated on {date}. This translation may be out of"
    " date.",
    "glossary_read_english": "Read it in English",
    "glossary_untranslated": "Words not translated yet",
    "glossary_untranslated_lead": "These words are explained on the English page:",
    # The words around every page (site_overrides/main.html, partials/header.html), on a page in this language.
    "help_title": "Help in your language",
    "ui_skip": "Skip to main content",
    "ui_search_label": "Search the Local Offer",
    "ui_search_button": "Search",
    "ui_menu": "Menu",
    "ui_display": "Text size and colours",
    "ui_site_information": "Site information",
    "ui_contact": "Contact us",
    "ui_accessibility": "Accessibility statement",
    "ui_privacy": "Privacy and cookies",
    "ui_a_to_z": "A to Z of services",
    "ui_open_data": "Open data for developers (Open Referral UK)",
    "ui_published_by": "{site} is published by {council} Council.",
    "ui_questions": "Questions or feedback about this website:",
    "ui_or_phone": "or phone",
    # The theme's own words, for a language the theme (Material for MkDocs) has no translation of: Somali, Yoruba, Twi.
    "theme_skip": "Skip to content",
    "theme_header": "Header",
    "theme_nav": "Navigation",
    "theme_toc": "Table of contents",
    "theme_top": "Back to top",
}

# The theme's keys (its partials/languages/<code>.html) each theme_ message stands for.
THEME_KEYS = {
    "theme_skip": "action.skip",
    "theme_header": "header",
    "theme_nav": "nav",
    "theme_toc": "toc",
    "theme_top": "top",
}
UI_KEYS = tuple(key for key in MESSAGES if key.startswith(("ui_", "theme_")) or key == "help_title")

_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>|&#?[A-Za-z0-9]+;")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # invisible, and refused by YAML and by HTML


def string_problems(english: str, translated: str) -> list[tuple[str, str]]:
    """What is wrong with one translated string, as (message, hint) pairs: placeholders, HTML, link addresses."""
    found: list[tuple[str, str]] = []
    want, have = sorted(set(_PLACEHOLDER.findall(english))), sorted(set(_PLACEHOLDER.findall(translated)))
    missing = [p for p in want if p not in have]
    extra = [p for p in have if p not in want]
    if missing:
        found.append((f"is missing {', '.join(missing)}, which the English has.", "Keep each {…} exactly as written."))
    if extra:
        found.append((f"has {', '.join(extra)}, which the English does not.", "Use only the English {…} names."))
    control = _CONTROL.search(translated)
    if control:
        code = ord(control.group(0))
        found.append((f"contains the control character U+{code:04X}.", "Delete it; it is invisible in most editors."))
    html = _HTML.search(translated)
    if html:
        found.append((f"has HTML ({html.group(0)}), which is never published.", "Write plain text or Markdown."))
    links_en, links = sorted(set(_LINK_TARGET.findall(english))), sorted(set(_LINK_TARGET.findall(translated)))
    if links_en != links:
        gone = [u for u in links_en if u not in links] or ["none"]
        added = [u for u in links if u not in links_en] or ["none"]
        message = f"links to other addresses than the English (missing: {', '.join(gone)}; added: {', '.join(added)})."
        found.append((message, "Keep each (address) after the link words exactly as in the English."))
    return found


@dataclass
class Catalogues:
    """The interface text of each language (code → key → text); a key not translated is left out."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def text(self, lang: str, key: str, **values: str) -> tuple[str, str]:
        """The text and the language it is in: the catalogue's, or the English (with "en") when it has none."""
        got = self.texts.get(lang, {}).get(key)
        lang_used = lang if got else "en"
        text = got or MESSAGES[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text, lang_used

    def interface(self, lang: str) -> dict[str, list[str]]:
        """The words around a page in `lang`: key → [text, the language it is in] (English where not translated)."""
        return {key: list(self.text(lang, key)) for key in UI_KEYS}


def header_line(text: str, name: str) -> int:
    """The line of a PO header field ("Language: pl"), or 1."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip('"').startswith(f"{name}:"):
            return n
    return 1


def read_catalog(data: bytes, shown: str) -> tuple[Catalog | None, str, list[Problem]]:
    """A PO file read with Babel, its text, and problems that stop it being used."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, "", [Problem(shown, 1, 1, "", f"is not UTF-8 text (byte {exc.start}).", "Save it as UTF-8.")]
    try:
        catalog = read_po(io.StringIO(text), abort_invalid=True)
    except Exception as exc:  # noqa: BLE001 - Babel raises PoFileError and others for a broken file
        line = getattr(exc, "lineno", 1) or 1
        return None, text, [Problem(shown, line, 1, "", f"cannot be read as a PO file ({exc}).", "Export it again.")]
    return catalog, text, []


def language_problem(catalog: Catalog, text: str, shown: str, expected: str | None) -> Problem | None:
    """The PO file's Language header must be a known code (and `expected`, when given)."""
    lang = str(catalog.mime_headers and dict(catalog.mime_headers).get("Language", "") or "").strip()
    line = header_line(text, "Language")
    known = ", ".join(sorted(LANGUAGES))
    if lang not in LANGUAGES:
        hint = f"Write one of {known}" + (f" (did you mean {closest(lang, list(LANGUAGES))}?)" if lang else "") + "."
        return Problem(shown, line, 1, "Language", f"'{lang}' is not a language code this site knows.", hint)
    if expected is not None and lang != expected:
        hint = f"Write Language: {expected}, or move the file to the {lang} folder."
        return Problem(shown, line, 1, "Language", f"is {lang}, but this file is for {expected}.", hint)
    return None


def load_catalogue(path: Path, shown: str, lang: str) -> tuple[dict[str, str], list[Problem]]:
    """One language's interface text, and every problem with it (an entry with a problem is left out)."""
    catalog, text, problems = read_catalog(path.read_bytes(), shown)
    if catalog is None:
        return {}, problems
    wrong = language_problem(catalog, text, shown, lang)
    if wrong is not None:
        return {}, [wrong]
    texts: dict[str, str] = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        key, line = str(message.context or ""), message.lineno or 1
        if key not in MESSAGES:
            hint = f"Did you mean {closest(key, list(MESSAGES))}?" if closest(key, list(MESSAGES)) else ""
            problems.append(Problem(shown, line, 1, "msgctxt", f"'{key}' is not interface text the site has.", hint))
            continue
        found = string_problems(MESSAGES[key], str(message.string))
        problems += [Problem(shown, line, 1, key, m, h) for m, h in found]
        if not found:
            texts[key] = str(message.string)
    return texts, problems


def catalogue_entries(texts: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(key, English, translation) for every interface message, in the table's order."""
    return [(key, english, texts.get(key, "")) for key, english in MESSAGES.items()]
