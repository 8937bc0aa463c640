"""Help in your language, and the interface in the page's language: the "Help in your language" page lists, for each
language a service's staff speak or a page is written in, both names (the own-words one with its lang), the
services and the translated pages, and how to ask for an interpreter; every page's footer links to it; a translated
page's header, footer and the theme's own words are in the page's language (Material's where it has the language,
the site's catalogue where it does not). Real builds of the fixture project, on the tests' fixed day."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import axe_violations, serve
from conftest import build, make_project
from playwright.sync_api import Browser
from test_translations import _service_fields, _source, _translate

SOMALI_PO = """msgid ""
msgstr ""
"Language: so\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "ui_skip"
msgid "Skip to main content"
msgstr "U gudub waxa ugu muhiimsan"

msgctxt "ui_contact"
msgid "Contact us"
msgstr "Nala soo xiriir"

msgctxt "theme_nav"
msgid "Navigation"
msgstr "Hagitaan \\"sare\\" & hoose"

msgctxt "help_title"
msgid "Help in your language"
msgstr "Caawimo luqaddaada"
"""

POLISH_PO = """msgid ""
msgstr ""
"Language: pl\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgctxt "ui_skip"
msgid "Skip to main content"
msgstr "Przejdź do treści głównej"

#, python-brace-format
msgctxt "ui_published_by"
msgid "{site} is published by {council} Council."
msgstr "{site} publikuje samorząd {council}."
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("languages") / "project")
    hearing = root / "services" / "send" / "hearing-support.yaml"
    text = re.sub(r"(?m)^languages:.*\n", "", hearing.read_text(encoding="utf-8"))
    hearing.write_text(text + "languages: [Polish, Somali, Farsi]\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8")
    before = re.search(r"(?m)^    interpreter: >-\n(?:      .*\n)+", settings)
    assert before is not None
    interpreter = '    interpreter: Phone the family line & ask for "Language Link", free.\n'
    config.write_text(settings.replace(before.group(0), interpreter), encoding="utf-8")
    _translate(root, "pl", "service", "autism-advice", _service_fields(root, "Polski"))
    _translate(root, "so", "service", "autism-advice", _service_fields(root, "Soomaali"))
    _translate(root, "ar", "service", "autism-advice", _service_fields(root, "عربي"))
    english_home = _source(root, "page", "index").english
    _translate(root, "ar", "page", "index", {"title": "الصفحة الرئيسية", "body": english_home["body"]})
    (root / "content" / "translations" / "so" / "interface.po").write_text(SOMALI_PO, encoding="utf-8")
    (root / "content" / "translations" / "pl" / "interface.po").write_text(POLISH_PO, encoding="utf-8")
    result = build(root)
    assert result.generated.ok, result.generated.problems
    return root / "site"


def _html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _section(html: str, anchor: str) -> str:
    found = re.search(rf'<section aria-labelledby="{anchor}">(.*?)</section>', html, re.S)
    assert found is not None, anchor
    return found.group(1)


def test_the_help_page_lists_services_and_pages_by_language_with_both_names(site: Path) -> None:
    html = _html(site, "languages")
    polish = _section(html, "lang-pl")
    assert '<h2 id="lang-pl">Polish / <span lang="pl">polski</span></h2>' in polish
    assert 'href="../services/hearing-support/"' in polish
    assert 'href="../pl/services/autism-advice/" hreflang="pl" lang="pl">Polski name</a>' in polish
    somali = _section(html, "lang-so")
    assert '<span lang="so">Soomaali</span>' in somali
    assert '<p lang="so">Caawimo luqaddaada</p>' in somali  # the help page's title in Somali, from its catalogue
    assert 'href="../services/hearing-support/"' in somali
    assert 'href="../so/services/autism-advice/"' in somali
    arabic = _section(html, "lang-ar")
    assert '<span lang="ar" dir="rtl">العربية</span>' in arabic
    assert 'href="../ar/" hreflang="ar" lang="ar" dir="rtl">الصفحة الرئيسية</a>' in arabic
    persian = _section(html, "lang-fa")  # the record says Farsi: one language, named as the table names it
    assert 'Persian / <span lang="fa" dir="rtl">فارسی</span>' in persian
    portuguese = _section(html, "lang-pt")
    assert 'href="../services/autism-advice/"' in portuguese
    assert "Pages in" not in portuguese  # nothing is translated into Portuguese here
    assert '<h2 id="lang-bfi">British Sign Language</h2>' in html  # a sign language: no written name, no lang
    assert '<a href="#lang-pl">Polish / <span lang="pl">polski</span></a>' in html
    # the council's own words on interpreters, escaped
    assert "Phone the family line &amp; ask for &#34;Language Link&#34;, free." in html


def test_every_page_links_to_the_help_page_and_service_languages_are_search_filters(site: Path) -> None:
    pages = [p for p in site.rglob("index.html") if "pagefind" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        footer = html[html.index("<footer") :]
        assert re.search(r'<a href="((\.\./)*languages/|\./)">', footer), path
    service = _html(site, "services/hearing-support")
    polish = 'href="../../languages/#lang-pl" data-pagefind-filter="language[data-language]" data-language="Polish"'
    assert f"<a {polish}>Polish</a>" in service
    assert 'data-language="Persian">Farsi</a>' in service
    assert 'href="../languages/#choose">Services by language spoken</a>' in _html(site, "services")


def test_a_translated_page_has_its_interface_in_its_language(site: Path) -> None:
    polish = _html(site, "pl/services/autism-advice")
    assert '<a class="lo-skip" href="#main-content">Przejdź do treści głównej</a>' in polish
    assert 'aria-label="Nawigacja"' in polish  # Material's own Polish
    assert "publikuje samorząd" in polish
    # what the Polish catalogue does not have stays English, marked so
    assert '<a href="../../../contact/"><span lang="en">Contact us</span></a>' in polish
    english = _html(site, "services/autism-advice")
    assert '<a class="lo-skip" href="#main-content">Skip to main content</a>' in english
    assert 'aria-label="Navigation"' in english
    assert 'lang="en"' not in english[english.index("<footer") :]
    # pages outside the navigation in one folder share its rendering: never across languages (ar/ and languages/)
    assert 'aria-label="تصفح"' in _html(site, "ar")
    assert 'aria-label="Navigation"' in _html(site, "languages")


def test_a_language_the_theme_lacks_uses_the_site_catalogue(site: Path) -> None:
    somali = _html(site, "so/services/autism-advice")
    assert '<html lang="so" dir="ltr"' in somali
    assert '<a class="lo-skip" href="#main-content">U gudub waxa ugu muhiimsan</a>' in somali
    # the theme's "Navigation", from the site's Somali catalogue: escaped, as the council's text always is
    assert 'aria-label="Hagitaan &#34;sare&#34; &amp; hoose"' in somali
    assert '<a href="../../../contact/">Nala soo xiriir</a>' in somali
    assert '<a href="../../../languages/">Caawimo luqaddaada</a>' in somali
    # a theme word the catalogue lacks is the theme's English
    assert 'aria-label="Header"' in somali


def test_arabic_pages_fit_320_pixels_and_axe_finds_nothing(site: Path, chromium: Browser) -> None:
    with serve(site) as url:
        context = chromium.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        for rel in ("ar/", "ar/services/autism-advice/", "languages/"):
            page.goto(url + rel)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (rel, overflow)
            assert axe_violations(page) == [], rel
        context.close()


def test_a_control_character_in_interface_text_is_located_and_left_out(tmp_path: Path) -> None:
    """One invisible character in a catalogue would stop YAML reading a page's settings (the page would quietly lose
    its language): it is a problem on its line, and the entry is not used."""
    from generator.inputs.catalogues import load_catalogue

    po = tmp_path / "interface.po"
    po.write_text(SOMALI_PO.replace("Nala soo xiriir", "Nala soo\u0086 xiriir"), encoding="utf-8")
    texts, problems = load_catalogue(po, "content/translations/so/interface.po", "so")
    assert "ui_contact" not in texts and texts["ui_skip"] == "U gudub waxa ugu muhiimsan"
    (found,) = problems
    assert found.field == "ui_contact" and "control character U+0086" in found.message
    assert found.line == SOMALI_PO.splitlines().index('msgid "Contact us"') + 1


def test_a_translated_page_has_no_english_glossary_explanations(site: Path) -> None:
    """The glossary's explanations are English: on a page in another language they would be read out as if in that
    language, so its words are not marked (the English page, with the same words, has them)."""
    english, arabic = _html(site, ""), _html(site, "ar")  # the Arabic home holds the English home's words
    assert 'class="lo-term' in english
    assert 'class="lo-term' not in arabic
