"""The glossary in another language (/<code>/glossary/): made only where glossary terms are translated, each term in
the language with the English term beside it (lang="en") under the English page's id, untranslated terms only as
links to the English glossary (never their English explanation under the foreign address); staleness per term
(notice, then withdrawal; the page itself withdrawn when every term is); the sitemap's hreflang group, the switcher
and the help page. Real builds of the fixture project, on the tests' fixed day (2026-11-22)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import build, make_project
from test_translations import _hreflang, _html, _translate

from generator.commands.cli import main
from generator.inputs.messages import slug

GLOSSARY = "content/glossary.yaml"


def _terms(root: Path) -> list[dict[str, object]]:
    terms = yaml.safe_load((root / GLOSSARY).read_text(encoding="utf-8"))
    assert isinstance(terms, list)
    return terms


def _anchor(term: dict[str, object]) -> str:
    return slug(str(term["term"]), "term")


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, list[dict[str, object]]]:
    """Two terms (one with abbreviations) translated into Portuguese as samples, one into Spanish as a draft."""
    root = make_project(tmp_path / "project")
    terms = _terms(root)
    with_acronym = next(t for t in terms if t.get("acronyms"))
    plain = next(t for t in terms if not t.get("acronyms") and t is not with_acronym)
    chosen = [with_acronym, plain]
    for n, term in enumerate(chosen, 1):
        fields = {"term": f"Termo {n} em português", "explanation": f"Explicação {n} em português."}
        _translate(root, "pt", "glossary", _anchor(term), fields)
    _translate(root, "es", "glossary", _anchor(plain), {"term": "Borrador", "explanation": "Borrador."}, "draft")
    return root, chosen


def _article(html: str) -> str:
    found = re.search(r"<article.*?</article>", html, re.S)
    assert found
    return found.group(0)


def test_a_glossary_in_another_language_shows_only_its_translated_terms(
    project: tuple[Path, list[dict[str, object]]],
) -> None:
    root, chosen = project
    assert build(root).built
    site = root / "site"
    page = _html(site, "pt/glossary")
    article = _article(page)
    assert '<html lang="pt" dir="ltr"' in page
    for n, term in enumerate(chosen, 1):
        anchor = _anchor(term)
        # the same id as on the English glossary, the term in Portuguese, the English term (and abbreviations) beside
        assert f'<h2 id="{anchor}">Termo {n} em português</h2>' in article
        english = str(term["term"]) + (f" ({', '.join(term['acronyms'])})" if term.get("acronyms") else "")  # type: ignore[call-overload]
        assert f'<span lang="en">{english}</span>' in article
        assert f"Explicação {n} em português." in article
        assert f'id="{anchor}"' in _html(site, "glossary")  # the English page keeps its ids
    for term in _terms(root):  # never an English explanation under the Portuguese address
        assert str(term["explanation"]) not in article
        if term not in chosen:  # an untranslated term: its name, as a link to its English entry
            link = f'<a href="../../glossary/#{_anchor(term)}" hreflang="en" lang="en">{term["term"]}</a>'
            assert link in article, term["term"]
    assert 'class="lo-term' not in article  # its words are not explained again from the English glossary
    assert "sample translation" in page  # sample translations say so
    assert not (site / "es" / "glossary").exists()  # a draft never publishes
    assert not (site / "pl" / "glossary").exists()
    # the hreflang group in the sitemap, the switcher on both pages, and the help page's list for Portuguese
    base = "https://localoffer.lambeth.gov.uk/"
    expected = {("en", base + "glossary/"), ("x-default", base + "glossary/"), ("pt", base + "pt/glossary/")}
    assert _hreflang(site, "glossary") == expected == _hreflang(site, "pt/glossary")
    english_switcher = re.search(r'<nav class="lo-languages".*?</nav>', _html(site, "glossary"), re.S)
    assert english_switcher and 'href="../pt/glossary/" hreflang="pt"' in english_switcher.group(0)
    help_page = _html(site, "languages")
    assert re.search(r'<a href="\.\./pt/glossary/" hreflang="pt" lang="pt">\s*Words we use', help_page)


def test_a_changed_english_term_warns_then_notices_then_is_withdrawn(
    project: tuple[Path, list[dict[str, object]]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, chosen = project
    changed, kept = chosen
    anchor = _anchor(changed)
    terms = _terms(root)
    for term in terms:
        if term["term"] == changed["term"]:
            term["explanation"] = str(term["explanation"]) + " Changed."
    (root / GLOSSARY).write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["--config", str(root / "mkdocs.yml"), "validate"]) == 0
    out = capsys.readouterr()
    warned = [line for line in (out.out + out.err).splitlines() if "changed since this Portuguese (pt)" in line]
    assert warned and warned[0].startswith(f"content/translations/pt/glossary/{anchor}.yaml:")
    assert build(root).built
    article = _article(_html(root / "site", "pt/glossary"))
    entry = re.search(rf'<h2 id="{anchor}">.*?</div>', article, re.S)
    assert entry and "was updated on" in entry.group(0) and f'href="../../glossary/#{anchor}"' in entry.group(0)
    assert "was updated on" not in article.split(f'<h2 id="{_anchor(kept)}">')[1].split("</div>")[0]
    # the limit counts from the translation's review date (2026-11-01; the glossary has no review date): 21 days
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nextra:\n", "\nextra:\n  translations:\n    stale_after_days: 21\n"), "utf-8")
    assert build(root).built
    assert "Termo 1 em português" in _html(root / "site", "pt/glossary")
    config.write_text(text.replace("\nextra:\n", "\nextra:\n  translations:\n    stale_after_days: 20\n"), "utf-8")
    assert build(root).built
    article = _article(_html(root / "site", "pt/glossary"))
    assert "Termo 1 em português" not in article and "Termo 2 em português" in article  # the stale one withdrawn
    assert f'<a href="../../glossary/#{anchor}" hreflang="en" lang="en">{changed["term"]}</a>' in article
    # every term withdrawn: the address says so and links to the English glossary; the group loses Portuguese
    terms = _terms(root)
    for term in terms:
        if term["term"] == kept["term"]:
            term["explanation"] = str(term["explanation"]) + " Changed too."
    (root / GLOSSARY).write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert build(root).built
    gone = _html(root / "site", "pt/glossary")
    assert "em português" not in gone and "no longer available" in gone and 'href="../../glossary/"' in gone
    assert "pt/glossary" not in (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="pt"' not in _html(root / "site", "glossary")
