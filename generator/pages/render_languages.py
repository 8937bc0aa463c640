"""The "Help in your language" page (languages/): for each language a published service's staff speak, or that a
page is translated into, the services that speak it and the pages in it, and how to ask for an interpreter (the
council's setting `extra.council.interpreter`). Each language is named in English and in its own words (marked with
its `lang`), so a parent can find theirs without reading English. Its sections are the site's "language spoken"
filter that needs no JavaScript: the A to Z links to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.inputs.catalogues import Catalogues
from generator.inputs.settings import Council
from generator.pages.render import page, render_template
from generator.records.languages import LANGUAGES, Language, anchor_of, spoken
from generator.records.model import Service

PAGE = "languages.md"
TITLE = "Help in your language"


@dataclass
class SpokenLanguage:
    key: str  # groups one language's spellings ("farsi" and "persian" are one); the section's anchor is made from it
    english: str
    language: Language | None  # None: a sign language, or one without a written name of its own here
    services: list[Service] = field(default_factory=list)
    pages: list[tuple[str, str]] = field(default_factory=list)  # (title in that language, docs path)
    help_text: str = ""  # "Help in your language" in the language itself, where its catalogue has it

    @property
    def anchor(self) -> str:
        return anchor_of(self.key)

    @property
    def own(self) -> str:
        """The name in its own words, when that differs from the English."""
        if self.language is None or self.language.own == self.english:
            return ""
        return self.language.own


def spoken_languages(
    services: Iterable[Service],
    translated: Mapping[str, list[tuple[str, str]]],
    catalogues: Catalogues,
) -> list[SpokenLanguage]:
    """Every language other than English that a service speaks or a page is written in, by English name."""
    found: dict[str, SpokenLanguage] = {}

    def entry(name: str) -> SpokenLanguage | None:
        key, lang = spoken(name)
        if key == "en":
            return None
        if key not in found:
            found[key] = SpokenLanguage(key, lang.english if lang else " ".join(name.split()), lang)
        return found[key]

    for service in services:
        for name in service.languages:
            got = entry(name)
            if got is not None and service not in got.services:
                got.services.append(service)
    for code, pages in translated.items():
        got = entry(code_name(code))
        if got is not None:
            got.pages = sorted(pages)
    for got in found.values():
        got.services.sort(key=lambda s: s.name.casefold())
        if got.language is not None:
            text, lang = catalogues.text(got.language.code, "help_title")
            got.help_text = text if lang == got.language.code else ""
    return sorted(found.values(), key=lambda got: got.english.casefold())


def code_name(code: str) -> str:
    """The English name of a translation language's code (what `spoken` reads)."""
    return LANGUAGES[code].english


def languages_page(
    services: Iterable[Service],
    translated: Mapping[str, list[tuple[str, str]]],
    catalogues: Catalogues,
    council: Council,
) -> str:
    languages = spoken_languages(services, translated, catalogues)
    html = render_template(PAGE.replace(".md", ".md.j2"), PAGE, languages=languages, council=council, title=TITLE)
    description = "Services whose staff speak your language, pages in your language, and how to ask for an interpreter."
    return page({"title": TITLE, "description": description}, html)
