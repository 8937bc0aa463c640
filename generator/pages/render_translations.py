"""Pages in other languages, made only where a published translation exists (never an English copy under a foreign
address): /<code>/ + the English page's path. Every page in a group of translations (the English one included)
gets the same set of alternates in its front matter (`lo_alternates`), from which site_overrides/main.html writes
reciprocal hreflang links with x-default and the language switcher; `lo_lang` sets <html lang dir> (publish/plugin)."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from generator.inputs.glossary import PAGE as GLOSSARY_PAGE
from generator.inputs.glossary import Glossary
from generator.inputs.settings import Council
from generator.inputs.translations import FIELDS, Source, Translation, Translations, translated_page, unflatten
from generator.pages.render import page, render_template
from generator.pages.translated_glossary import by_language, glossary_page
from generator.pages.wording import long_date_in
from generator.records.languages import language
from generator.records.model import Record, SiteData
from generator.records.urls import relative_link, url_of

Pages = dict[str, str]

_MD_LINK = re.compile(r"(\]\(\s*<?)([^)\s>#:]+\.md)")
_REF_LINK = re.compile(r"^(\s*\[[^\]]+\]:\s*<?)([^\s>#:]+\.md)", re.MULTILINE)


def _front(front: Mapping[str, Any]) -> str:
    # \u escapes, which YAML reads in any language: nothing a translation holds can end the front matter early
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=True)}\n" for key, value in front.items())


def with_front_matter(text: str, extra: Mapping[str, Any]) -> str:
    """A page with more front matter (written as JSON, which YAML reads as it is): added to what it has, or new."""
    if text.startswith("---\n"):
        return "---\n" + _front(extra) + text[4:]
    return "---\n" + _front(extra) + "---\n\n" + text


def localised_links(body: str, english_page: str, lang: str, translated: set[str]) -> str:
    """Links of a translated hand-written page: to the page's translation in the same language where there is one,
    else to the English page (the translated page sits one folder deeper)."""
    here = posixpath.dirname(english_page)

    def fix(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(2)))
        if target in translated:
            return match.group(0)
        own = posixpath.join(lang, here)
        return match.group(1) + posixpath.relpath(target, own)

    return _REF_LINK.sub(fix, _MD_LINK.sub(fix, body))


def _notices(t: Translation, tr: Translations, at: str, today: date) -> list[dict[str, str]]:
    source = tr.sources[t.key]
    notices = []
    if t.status == "sample":
        text, lang = tr.catalogues.text(t.lang, "sample_note")
        notices.append({"text": text, "lang": lang})
    if tr.state(t, today) == "stale":
        day = long_date_in(tr.changed_on(t), t.lang)
        text, lang = tr.catalogues.text(t.lang, "stale_notice", date=day)
        link_text, link_lang = tr.catalogues.text(t.lang, "read_english")
        href = relative_link(at, source.page)
        notices.append({"text": text, "lang": lang, "link": link_text, "link_lang": link_lang, "href": href})
    return notices


def _record_of(site: SiteData, t: Translation) -> Record | None:
    found: Any = {"service": site.services, "setting": site.settings, "guide": site.guides}.get(t.kind, ())
    return next((r for r in found if r.id == t.id), None)


def _translated(t: Translation, tr: Translations, site: SiteData, today: date, published: set[str]) -> str | None:
    """The translated page of `t`, or None when it has no page (a glossary term, a record not published)."""
    source = tr.sources[t.key]
    at = translated_page(t.lang, source.page)
    fields = unflatten(t.fields)
    front: dict[str, Any] = {"lo_lang": t.lang, "lo_notices": _notices(t, tr, at, today)}
    front["lo_ui"] = tr.catalogues.interface(t.lang)
    if t.kind == "page":
        title = fields.get("title") or source.english.get("title", "")
        front = {"title": title, **({"description": fields["description"]} if "description" in fields else {}), **front}
        body = localised_links(fields.get("body", ""), source.page, t.lang, published)
        return "---\n" + _front(front) + "---\n\n" + body + "\n"
    record = _record_of(site, t)
    if record is None:
        return None

    def text(key: str) -> tuple[str, str]:
        return tr.catalogues.text(t.lang, key)

    f = {name: fields.get(name) for names in FIELDS.values() for name in names if name != "steps"}
    html = render_template(
        "translated.md.j2",
        at,
        f=f,
        steps=fields.get("steps", []),
        contact=getattr(record, "contact", None),
        source=source.file,
        lang=t.lang,
        text=text,
    )
    front = {"title": f.get("name") or f.get("title") or record.id, "lo_type": f"translated-{t.kind}", **front}
    if f.get("summary"):
        front["description"] = f["summary"]
    return page(front, html)


def _withdrawn(lang: str, english_page: str, tr: Translations) -> str:
    """The address of a withdrawn translation: a link to the English page."""
    at = translated_page(lang, english_page)
    message = tr.catalogues.text(lang, "withdrawn", language=language(lang).own)
    read = tr.catalogues.text(lang, "read_english")
    values = {"message": message, "read": read, "english": english_page, "lang": lang}
    html = render_template("translation_withdrawn.md.j2", at, **values)
    front = {"title": message[0], "search": "exclude", "sitemap": False, "lo_tombstone": True, "lo_lang": lang}
    front["lo_ui"] = tr.catalogues.interface(lang)
    return page({**front, "hide": ["toc"]}, html)


def alternates(group: Mapping[str, str], at: str, council: Council) -> list[dict[str, Any]]:
    """The alternates of one page of a group (language → docs path): hreflang and the switcher's links."""
    found = []
    for code, rel in sorted(group.items(), key=lambda item: (item[0] != "en", item[0])):
        lang = language(code)
        absolute = council.site_url + url_of(rel) if council.site_url else ""
        found.append(
            {
                "lang": code,
                "name": lang.own,
                "english": lang.english,
                "href": relative_link(at, rel),
                "abs": absolute,
                "current": rel == at,
            }
        )
    return found


Translated = tuple[Pages, Pages, dict[str, list[dict[str, Any]]]]


def render_translations(
    tr: Translations,
    site: SiteData,
    council: Council,
    today: date,
    english: Mapping[str, str],
    glossary: Glossary | None = None,
) -> Translated:
    """(generated pages, translated hand-written pages, alternates by docs path). `english` holds every English page
    the site has (docs path → text), so a translation whose English page is not built makes no page; the glossary's
    translated terms make one glossary page per language (pages/translated_glossary.py)."""
    generated: Pages = {}
    handwritten: Pages = {}
    groups: dict[str, dict[str, str]] = {}
    live = [t for t in tr.published(today) if tr.sources[t.key].page in english]
    # a translated record makes a page only while the record is published (a closed service's has none): links in
    # translated pages go to the translation only where it will exist
    live = [t for t in live if t.kind in ("page", "glossary") or _record_of(site, t) is not None]
    per_lang = {(t.lang, tr.sources[t.key].page) for t in live}
    for t in live:
        source: Source = tr.sources[t.key]
        made = _translated(t, tr, site, today, {p for lang, p in per_lang if lang == t.lang})
        if made is None:
            continue
        at = translated_page(t.lang, source.page)
        (handwritten if t.kind == "page" else generated)[at] = made
        groups.setdefault(source.page, {"en": source.page})[t.lang] = at
    for t in tr.withdrawn(today):
        source = tr.sources[t.key]
        if source.page in english:
            generated[translated_page(t.lang, source.page)] = _withdrawn(t.lang, source.page, tr)
    if glossary is not None and glossary.terms and GLOSSARY_PAGE in english:
        shown, withdrawn = by_language(tr, glossary, today)
        for lang, terms in sorted(shown.items()):
            at = translated_page(lang, GLOSSARY_PAGE)
            generated[at] = glossary_page(lang, terms, glossary, tr, today)
            groups.setdefault(GLOSSARY_PAGE, {"en": GLOSSARY_PAGE})[lang] = at
        for lang in sorted(withdrawn):
            generated[translated_page(lang, GLOSSARY_PAGE)] = _withdrawn(lang, GLOSSARY_PAGE, tr)
    by_page = {at: alternates(group, at, council) for group in groups.values() for at in group.values()}
    return generated, handwritten, by_page


def translated_titles(tr: Translations, translated: Translated) -> dict[str, list[tuple[str, str]]]:
    """The pages published in each language, as (title, docs path), for the "Help in your language" page."""
    generated, handwritten, alternates = translated
    found: dict[str, list[tuple[str, str]]] = {}
    for at, alts in alternates.items():
        current = next(a for a in alts if a["current"])
        if current["lang"] == "en":
            continue
        text = generated.get(at) or handwritten.get(at) or ""
        title = _TITLE.search(text)
        found.setdefault(current["lang"], []).append((json.loads(title.group(1)) if title else at, at))
    return found


_TITLE = re.compile(r'^title: ("(?:[^"\\]|\\.)*")$', re.MULTILINE)
