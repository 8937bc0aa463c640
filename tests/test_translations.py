"""Translations as reviewed data: pages under /<code>/ only where a published translation exists, with lang, dir,
reciprocal hreflang and a switcher; staleness (notice, then withdrawal); the PO export/import round trip and its
refusals. Real builds of the fixture project, on the tests' fixed day (2026-11-22)."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from conftest import build, make_project

from generator.commands.cli import main
from generator.commands.translations import export, read_import, write_all
from generator.inputs.settings import load_settings
from generator.pipeline import check

DAY = date(2026, 11, 22)
SERVICE = "services/send/autism-advice.yaml"


def _source(root: Path, kind: str, item: str):  # type: ignore[no-untyped-def]
    return check(load_settings(root / "mkdocs.yml"), DAY).translations.sources[(kind, item)]


def _translate(root: Path, lang: str, kind: str, item: str, fields: dict[str, object], status: str = "sample") -> Path:
    source = _source(root, kind, item)
    path = root / "content" / "translations" / lang / source.translation_path
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"status": status, "translator": "Test team", "reviewer": "Second reader", "reviewed": "2026-11-01"}
    data.update(fingerprint=source.fingerprint, fields=fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _service_fields(root: Path, word: str) -> dict[str, object]:
    english = _source(root, "service", "autism-advice").english
    return {name: f"{word} {name}" if "](" not in text else text for name, text in english.items()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    _translate(root, "pl", "service", "autism-advice", _service_fields(root, "Polski"))
    _translate(root, "ar", "service", "autism-advice", _service_fields(root, "عربي"))
    _translate(root, "es", "service", "autism-advice", _service_fields(root, "Borrador"), status="draft")
    english_home = _source(root, "page", "index").english
    _translate(
        root,
        "pt",
        "page",
        "index",
        {"title": "Início", "body": english_home["body"].replace("Lambeth", "Lambeth (pt)")},
    )
    return root


def _html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def _hreflang(site: Path, rel: str) -> set[tuple[str, str]]:
    """The page's hreflang set, from the sitemap (where search engines read it); the page's own head has none,
    because the theme fetches sitemap.xml from every <link rel="alternate"> address."""
    assert 'rel="alternate"' not in _html(site, rel)
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for url in root.findall("s:url", ns):
        if (url.findtext("s:loc", namespaces=ns) or "").endswith("/" + rel + "/"):
            return {(link.get("hreflang", ""), link.get("href", "")) for link in url.findall("x:link", ns)}
    raise AssertionError(f"{rel} is not in sitemap.xml")


def test_translated_pages_have_lang_dir_reciprocal_hreflang_and_a_switcher(project: Path) -> None:
    result = build(project)
    assert result.built, result.log
    site = project / "site"
    pages = {"en": "services/autism-advice", "pl": "pl/services/autism-advice", "ar": "ar/services/autism-advice"}
    sets = {lang: _hreflang(site, rel) for lang, rel in pages.items()}
    base = "https://localoffer.lambeth.gov.uk/"
    expected = {(lang, base + rel + "/") for lang, rel in pages.items()} | {("x-default", base + pages["en"] + "/")}
    assert all(found == expected for found in sets.values()), sets  # the same set on every page: reciprocal
    assert '<html lang="pl" dir="ltr"' in _html(site, pages["pl"])
    ar = _html(site, pages["ar"])
    assert '<html lang="ar" dir="rtl"' in ar and '<body dir="rtl"' in ar
    assert "عربي summary" in ar and "Polski" not in ar
    for rel in pages.values():  # the switcher, naming each language in its own words
        nav = re.search(r'<nav class="lo-languages".*?</nav>', _html(site, rel), re.S)
        assert nav and "polski" in nav.group(0) and "العربية" in nav.group(0), rel
    assert not (site / "es").exists()  # a draft never publishes; no English copy under a foreign address
    assert not (site / "pl" / "index.html").exists()  # nothing is translated into Polish but the service
    home = _html(site, "pt")
    assert '<html lang="pt"' in home and "Lambeth (pt)" in home
    assert 'href="../ages/' in home  # links to pages with no Portuguese translation go to the English page
    assert "sample translation" in home  # the sample note (the catalogue has no Portuguese yet: shown in English)


def test_a_changed_english_field_warns_then_notices_then_withdraws(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = project / SERVICE
    record.write_text(record.read_text(encoding="utf-8").replace("Teachers who help", "Teachers who now help"), "utf-8")
    assert main(["--config", str(project / "mkdocs.yml"), "validate"]) == 0
    err = capsys.readouterr()
    warned = [line for line in (err.out + err.err).splitlines() if "changed since this Polish (pl)" in line]
    assert warned and warned[0].startswith("content/translations/pl/services/autism-advice.yaml:")
    assert SERVICE in warned[0]
    result = build(project)
    assert result.built
    pl = _html(project / "site", "pl/services/autism-advice")
    assert "This page was updated in English on" in pl and 'href="../../../services/autism-advice/"' in pl
    # the limit (extra.translations.stale_after_days) counts from the English change: the English record's
    # last_reviewed, or the translation's review date when that is later
    t = next(t for t in check(load_settings(project / "mkdocs.yml"), DAY).translations.items if t.lang == "pl")
    days = (DAY - check(load_settings(project / "mkdocs.yml"), DAY).translations.changed_on(t)).days
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nextra:\n", f"\nextra:\n  translations:\n    stale_after_days: {days}\n"), "utf-8")
    assert build(project).built  # on the limit day: still shown, with the notice
    assert "Polski summary" in _html(project / "site", "pl/services/autism-advice")
    config.write_text(
        text.replace("\nextra:\n", f"\nextra:\n  translations:\n    stale_after_days: {days - 1}\n"), "utf-8"
    )
    assert build(project).built
    gone = _html(project / "site", "pl/services/autism-advice")
    assert "Polski" not in gone and "no longer available" in gone and 'href="../../../services/autism-advice/"' in gone
    assert "pl/services/autism-advice" not in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="pl"' not in _html(project / "site", "services/autism-advice")


def _tree(root: Path) -> dict[str, str]:
    folder = root / "content" / "translations"
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _edit(po: bytes, changes: dict[str, str]) -> bytes:
    catalog = read_po(io.BytesIO(po))
    for message in catalog:
        if message.context in changes:
            message.string = changes[message.context]
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def test_export_import_round_trips_every_field_and_changed_words_become_drafts(project: Path) -> None:
    settings = load_settings(project / "mkdocs.yml")
    before = _tree(project)
    po = export(settings, "pl", DAY)
    lang, files, problems = read_import(settings, po, "pl.po", DAY)
    assert (lang, files, problems) == ("pl", {}, [])  # unchanged: nothing to write, reviews stand
    markdown = "Pierwszy akapit.\n\n- punkt z **pogrubieniem**\n- [link](https://www.example.gov.uk/transition)\n"
    english = _source(project, "guide", "primary-to-secondary").english
    step = {f"guide:primary-to-secondary:{path}": f"PL {text}" for path, text in english.items() if "](" not in text}
    changes = {
        "service:autism-advice:description": markdown,
        "interface:read_english": "Przeczytaj po angielsku",
        **step,
    }
    edited = _edit(po, changes)
    lang, files, problems = read_import(settings, edited, "pl.po", DAY)
    assert not problems
    write_all(settings, lang, files)
    after = check(load_settings(project / "mkdocs.yml"), DAY).translations
    service = next(t for t in after.items if t.key == ("service", "autism-advice") and t.lang == "pl")
    assert service.fields["description"] == markdown and service.status == "draft"
    guide = next(t for t in after.items if t.key == ("guide", "primary-to-secondary"))
    assert guide.fields == {path[len("guide:primary-to-secondary:") :]: text for path, text in step.items()}
    assert after.catalogues.texts["pl"]["read_english"] == "Przeczytaj po angielsku"
    again = export(load_settings(project / "mkdocs.yml"), "pl", DAY)  # every field comes back as it went in
    exported = {m.context: m.string for m in read_po(io.BytesIO(again)) if m.id}
    assert all(exported[context] == text for context, text in changes.items())
    assert {k: v for k, v in _tree(project).items() if k.startswith("ar/")} == {
        k: v for k, v in before.items() if k.startswith("ar/")
    }


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"interface:stale_notice": "Zaktualizowano po angielsku."}, "is missing {date}"),
        ({"interface:withdrawn": "Strona {language} {name}"}, "has {name}, which the English does not"),
        ({"service:autism-advice:summary": "Pomoc <b>dla</b> rodzin."}, "has HTML (<b>)"),
        ({"service:autism-advice:how_to_access": "Zadzwoń."}, "links to other addresses than the English"),
    ],
)
def test_a_bad_entry_is_refused_on_its_line_and_nothing_is_written(
    project: Path, change: dict[str, str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(project / "mkdocs.yml")
    edited = _edit(export(settings, "pl", DAY), {"service:autism-advice:name": "Nowa nazwa", **change})
    po = project.parent / "pl.po"
    po.write_bytes(edited)
    before = _tree(project)
    assert main(["--config", str(project / "mkdocs.yml"), "translations", "import", str(po)]) == 1
    err = capsys.readouterr().err
    context = next(iter(change))
    lines = edited.decode().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text == f'msgctxt "{context}"') + 1  # its msgid
    assert f"{po}:{line}:1: {context}: {expected}" in err, err
    assert "Nothing was imported." in err and _tree(project) == before


def test_a_wrong_language_or_a_changed_english_is_refused(project: Path) -> None:
    settings = load_settings(project / "mkdocs.yml")
    po = export(settings, "pl", DAY)
    wrong = po.replace(b'"Language: pl\\n"', b'"Language: xx\\n"')
    _, files, problems = read_import(settings, wrong, "pl.po", DAY)
    assert not files and "'xx' is not a language code" in problems[0].text()
    assert problems[0].line == next(n for n, t in enumerate(wrong.decode().splitlines(), 1) if "Language:" in t)
    _, files, problems = read_import(settings, po, "pl.po", DAY, expected="pt")
    assert not files and "is pl, but this file is for pt" in problems[0].text()
    record = project / SERVICE  # the English changes after the export: the old file may not overwrite newer English
    record.write_text(record.read_text(encoding="utf-8").replace("Teachers who help", "Teachers who now help"), "utf-8")
    edited = _edit(po, {"service:autism-advice:summary": "Nauczyciele."})
    _, files, problems = read_import(load_settings(project / "mkdocs.yml"), edited, "pl.po", DAY)
    assert not files
    assert any("was exported from English that has changed since" in p.message for p in problems)


def test_report_shows_coverage_per_language(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(project / "mkdocs.yml"), "report"]) == 0
    rows = {
        line.split(")")[0] + ")": line.split(")")[1].split()
        for line in capsys.readouterr().out.splitlines()
        if line.startswith(("Polish (pl)", "Spanish (es)", "Portuguese (pt)"))
    }
    pages = len([s for s in check(load_settings(project / "mkdocs.yml"), DAY).translations.sources.values() if s.page])
    # translated, stale, withdrawn, draft, missing (of the pages that can be translated)
    assert rows["Polish (pl)"] == ["1", "0", "0", "0", str(pages - 1)]
    assert rows["Spanish (es)"] == ["0", "0", "0", "1", str(pages - 1)]
    assert rows["Portuguese (pt)"] == ["1", "0", "0", "0", str(pages - 1)]


def test_a_stale_translation_sent_back_unchecked_is_not_taken_as_current(project: Path) -> None:
    """Exported entries whose English changed are marked fuzzy; a file returned with the marks still on (the
    translator did not get to them) imports none of them, with a warning on each line, so the old words never
    pass as a translation of the new English."""
    record = project / SERVICE
    record.write_text(record.read_text(encoding="utf-8").replace("Teachers who help", "Teachers who now help"), "utf-8")
    settings = load_settings(project / "mkdocs.yml")
    po = export(settings, "pl", DAY)
    fuzzy = [m for m in read_po(io.BytesIO(po)) if m.fuzzy]
    assert fuzzy and all(str(m.context).startswith("service:autism-advice:") for m in fuzzy)
    before = _tree(project)
    lang, files, problems = read_import(settings, po, "pl.po", DAY)
    assert (lang, files) == ("pl", {})
    assert {p.field for p in problems} == {str(m.context) for m in fuzzy if m.string}
    assert all(p.severity == "warning" and "still marked fuzzy" in p.message for p in problems)
    lines = po.decode().splitlines()
    first = problems[0]
    assert lines[first.line - 2] == f'msgctxt "{first.field}"'  # on the entry's msgid line
    checked = read_po(io.BytesIO(po))  # the translator checks one entry and clears its mark: that one is imported
    summary = next(m for m in checked if m.context == "service:autism-advice:summary")
    summary.string, summary.flags = "Nauczyciele, którzy teraz pomagają.", set()
    out = io.BytesIO()
    write_po(out, checked)  # a tool's own line wrapping
    lang, files, problems = read_import(settings, out.getvalue(), "pl.po", DAY)
    assert len(files) == 1 and "service:autism-advice:summary" not in {p.field for p in problems}
    (path, text), = files.items()
    written, had = yaml.safe_load(text.decode("utf-8")), yaml.safe_load(path.read_text(encoding="utf-8"))
    assert written["status"] == "draft" and written["fields"]["summary"] == "Nauczyciele, którzy teraz pomagają."
    # the fields still marked fuzzy keep their translation (nothing lost), and the file keeps the fingerprint of the
    # English it was made from: some of it is not yet checked against the new English, so it is still behind it
    assert {k: v for k, v in written["fields"].items() if k != "summary"} == {
        k: v for k, v in had["fields"].items() if k != "summary"
    } and len(had["fields"]) > 1
    assert written["fingerprint"] == had["fingerprint"]
    assert _tree(project) == before


def test_the_export_tells_the_translator_what_to_keep_and_whom_to_send_it_to(project: Path) -> None:
    settings = load_settings(project / "mkdocs.yml")
    po = export(settings, "pl", DAY)
    catalog = read_po(io.BytesIO(po))
    assert catalog.msgid_bugs_address == settings.council.coordinator_email
    header = po.decode().split("\n\n")[0]
    assert f"Project-Id-Version: {settings.council.site_name} " in header and "Language-Team: Polish (pl)" in header
    assert "ORGANIZATION" not in header and "FIRST AUTHOR" not in header and "LL@li.org" not in header
    notes = {str(m.context): m.auto_comments for m in catalog if m.id}
    body = notes["page:index:body"]
    assert "Keep each link's (address) as it is; translate the words in [ ]." in body
    assert "Markdown: keep the #, -, 1. and ** marks and the blank lines." in body
    assert "Keep each {name} as it is: the site puts a value there." in notes["interface:stale_notice"]
    assert not any(n.startswith("Keep") for n in notes["interface:read_english"])
    guide = [str(m.context).split(":")[2] for m in catalog if str(m.context).startswith("guide:primary-to-secondary:")]
    assert guide[:2] == ["title", "summary"] and guide[2].startswith("steps/1/")  # its own table's order


def test_without_a_site_address_the_sitemap_gives_no_hreflang(project: Path) -> None:
    """hreflang needs whole addresses: a site built without site_url (a preview, a first try) lists its pages but
    gives no language alternates, rather than addresses that would be read against the sitemap's own."""
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project)
    assert result.built, result.log
    root = ElementTree.parse(project / "site" / "sitemap.xml").getroot()
    assert root.findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert root.findall(".//{http://www.w3.org/1999/xhtml}link") == []
    assert (project / "site" / "pl" / "services" / "autism-advice" / "index.html").is_file()  # still translated
