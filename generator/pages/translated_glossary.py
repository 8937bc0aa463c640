"""The glossary in another language (/<code>/glossary/), made only where glossary terms are translated into it
(content/translations/<code>/glossary/<term anchor>.yaml). Each translated term is shown in the language with the
English term and its abbreviations beside it (marked lang="en"), so a family can match what professionals say, under
the same id as on the English glossary. A term with no published translation is never explained in English here:
it is listed by name, as a link to its entry on the English glossary. Staleness is per term, as for other translated
pages: a term whose English changed says so (with a link to the English entry), and after
`extra.translations.stale_after_days` it is withdrawn (listed with the untranslated terms); when every term of a
language is withdrawn, the page itself is (render_translations makes its tombstone)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.inputs.glossary import PAGE, Glossary, Term
from generator.inputs.translations import Translation, Translations, translated_page
from generator.pages.render import page, render_template
from generator.pages.wording import long_date_in

TEMPLATE = "translated_glossary.md.j2"
PAGE_TYPE = TEMPLATE.split(".")[0]  # its lo_type: the plugin never marks its words with the English glossary's


@dataclass(frozen=True)
class Entry:
    anchor: str  # the id it has on the English glossary page too
    term: str  # in the language
    explanation: str  # in the language
    english: str  # the English term with its abbreviations: "Education, health and care plan (EHCP)"
    stale: tuple[str, str] | None  # the notice (text, its language) when the English changed since


def english_name(term: Term) -> str:
    """The English term as the English glossary's heading writes it, with every abbreviation."""
    return f"{term.term} ({', '.join(term.acronyms)})" if term.acronyms else term.term


def _sort_key(text: str) -> str:
    """Alphabetical whatever the accents: "Órgão" sorts with O, not after Z."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def by_language(tr: Translations, glossary: Glossary, today: date) -> tuple[dict[str, list[Translation]], set[str]]:
    """The glossary translations shown in each language (current or stale), and the languages whose glossary
    translations are all withdrawn."""
    anchors = {t.anchor for t in glossary.terms}
    shown: dict[str, list[Translation]] = {}
    withdrawn: set[str] = set()
    for t in tr.items:
        if t.kind != "glossary" or t.id not in anchors:
            continue
        state = tr.state(t, today)
        if state in ("current", "stale"):
            shown.setdefault(t.lang, []).append(t)
        elif state == "withdrawn":
            withdrawn.add(t.lang)
    return shown, withdrawn - set(shown)


def _entries(
    lang: str, shown: Iterable[Translation], terms: Mapping[str, Term], tr: Translations, today: date
) -> list[Entry]:
    entries = []
    for t in shown:
        stale = None
        if tr.state(t, today) == "stale":
            stale = tr.catalogues.text(lang, "glossary_stale", date=long_date_in(tr.changed_on(t), lang))
        term = t.fields.get("term") or terms[t.id].term
        explanation = t.fields.get("explanation", "")
        entries.append(Entry(t.id, term, explanation, english_name(terms[t.id]), stale))
    return sorted(entries, key=lambda e: (_sort_key(e.term), e.anchor))


def glossary_page(lang: str, shown: list[Translation], glossary: Glossary, tr: Translations, today: date) -> str:
    """The page at /<lang>/glossary/: the translated terms, then the others as links to the English glossary."""
    at = translated_page(lang, PAGE)
    terms = {t.anchor: t for t in glossary.terms}
    entries = _entries(lang, shown, terms, tr, today)
    done = {e.anchor for e in entries}
    untranslated = sorted((t for t in glossary.terms if t.anchor not in done), key=lambda t: t.term.casefold())

    def text(key: str) -> tuple[str, str]:
        return tr.catalogues.text(lang, key)

    title, intro = text("glossary_title"), text("glossary_intro")
    html = render_template(
        TEMPLATE,
        at,
        lang=lang,
        title=title,
        intro=intro,
        entries=entries,
        untranslated=untranslated,
        english=PAGE,
        text=text,
    )
    notices: list[dict[str, str]] = []
    if any(t.status == "sample" for t in shown):
        note, note_lang = text("sample_note")
        notices.append({"text": note, "lang": note_lang})
    front: dict[str, Any] = {"title": title[0], "description": intro[0], "lo_lang": lang, "lo_notices": notices}
    front["lo_ui"] = tr.catalogues.interface(lang)
    return page(front, html)
