"""Plain language (issue 17): the glossary explains each term where it is first used, readability warnings tell the
coordinator what to change, search synonyms come from the glossary, and the EHC needs assessment page is linked
from every service and guide that mentions EHC plans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from browser import axe_violations, serve
from conftest import DEMO, build, make_project, write_record
from playwright.sync_api import Browser, Page, expect
from sitepages import page

from generator.commands.cli import main
from generator.inputs.settings import load_settings, today
from generator.pipeline import check

EHCP_RECORD = """\
id: plan-advice
name: Plan Advice Line
organisation: Fixture Borough Council
category: send
summary: Advice for families who want an EHCP for their child.
description: |
  ### What an EHCP is

  Read the [EHCP guide](https://www.example.gov.uk/ehcp) first.

  We explain each EHCP step. Every EHCP is reviewed each year.
age_range: {min: 0, max: 25}
needs: [all-needs]
eligibility: Families in the borough.
how_to_access: Phone the advice line.
referral: self
cost: free
contact:
  phone: "020 7000 0009"
last_reviewed: 2026-10-01
"""

HANDWRITTEN = """\
# Talking to the SENCo

The SENCo at your school can help. Ask the SENCo about [SEN support](contact.md) and `SEND` codes.
"""


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("marked") / "p")
    write_record(root, "send", "plan-advice", EHCP_RECORD)
    (root / "content" / "senco.md").write_text(HANDWRITTEN, encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    return root / "site"


def test_ehcp_on_a_service_page_is_explained_at_its_first_use(marked_site: Path) -> None:
    soup = page(marked_site, "services/plan-advice/")
    marks = soup.select("#main-content a.lo-term")
    ehcp = [a for a in marks if a.get_text() == "EHCP"]
    assert len(ehcp) == 1  # first use only
    first = ehcp[0]
    assert first.find_parent("p", class_="lo-lead") is not None  # the summary is the first use
    assert first["href"] == "../../glossary/#education-health-and-care-plan"
    assert first.abbr["title"] == "Education, health and care plan"
    assert first["data-lo-tip"].startswith("Education, health and care plan (EHCP): A legal document")
    glossary = page(marked_site, "glossary/")
    assert (
        glossary.select_one("h3#education-health-and-care-plan")
        .get_text(" ", strip=True)
        .startswith("Education, health and care plan")
    )


def test_terms_in_headings_links_code_and_hidden_text_are_not_marked(marked_site: Path) -> None:
    soup = page(marked_site, "services/plan-advice/")
    main = soup.select_one("#main-content")
    for element in main.select("h1, h2, h3, h4, a:not(.lo-term), code, [hidden], footer"):
        assert element.select("a.lo-term") == [], element
    assert main.select_one("h3").get_text() == "What an EHCP is"
    assert main.find("a", string="EHCP guide") is not None
    assert main.select_one("a.lo-term a") is None  # never a link inside a link
    written = page(marked_site, "senco/")
    marked = written.select("#main-content a.lo-term")
    assert [a.get_text() for a in marked] == ["SENCo"]  # the heading's and the link's are left alone
    assert written.select_one("#main-content h1").get_text() == "Talking to the SENCo"
    assert written.select_one("#main-content code").get_text() == "SEND"
    assert "Talking to the SENCo" in written.title.get_text()
    search = page(marked_site, "search/").select_one("#main-content form")
    assert "speech therapy" in search.get_text() and search.select("a.lo-term") == []  # nothing between label and box


def test_the_glossary_page_is_not_marked_and_lists_every_term_a_to_z(marked_site: Path) -> None:
    soup = page(marked_site, "glossary/")
    assert soup.select("#main-content a.lo-term") == []
    terms = yaml.safe_load((DEMO / "content" / "glossary.yaml").read_text(encoding="utf-8"))
    headings = [h.get("id") for h in soup.select("#main-content h3")]
    assert len(headings) == len(terms) == len(set(headings))
    letters = [a.get_text() for a in soup.select("nav.lo-letters a")]
    assert letters == sorted(letters)
    assert soup.select_one("a[href='../ehc-needs-assessment/']") is not None


def test_the_glossary_page_and_a_page_with_terms_pass_axe_and_the_toggletip_works(
    browser_page: Page, marked_site: Path
) -> None:
    with serve(marked_site) as url:
        browser_page.goto(url + "glossary/")
        assert axe_violations(browser_page) == []
        browser_page.goto(url + "services/plan-advice/")
        term = browser_page.locator("#main-content a.lo-term", has_text="EHCP")
        expect(term).to_have_attribute("role", "button")
        expect(term).to_have_attribute("aria-expanded", "false")
        before = browser_page.locator("#main-content h2#contact").bounding_box()
        term.focus()
        browser_page.keyboard.press("Enter")
        expect(term).to_have_attribute("aria-expanded", "true")
        tip = browser_page.locator(f"#{term.get_attribute('aria-controls')}")
        expect(tip).to_have_attribute("role", "status")
        expect(tip).to_contain_text("A legal document")
        expect(tip.locator("a")).to_have_attribute("href", "../../glossary/#education-health-and-care-plan")
        assert browser_page.locator("#main-content h2#contact").bounding_box() == before  # nothing moved
        assert axe_violations(browser_page) == []
        browser_page.keyboard.press("Escape")
        expect(term).to_have_attribute("aria-expanded", "false")
        expect(tip).to_be_empty()
        assert browser_page.evaluate("document.activeElement.textContent") == "EHCP"
        browser_page.keyboard.press("Space")
        expect(tip).to_contain_text("A legal document")
        browser_page.mouse.click(5, 5)
        expect(tip).to_be_empty()
        browser_page.set_viewport_size({"width": 320, "height": 640})
        term.click()
        expect(tip).to_contain_text("A legal document")
        overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0


def test_without_javascript_a_term_is_a_link_to_the_glossary(chromium: Browser, marked_site: Path) -> None:
    with serve(marked_site) as url:
        context = chromium.new_context(java_script_enabled=False)
        browser_page = context.new_page()
        browser_page.goto(url + "services/plan-advice/")
        browser_page.locator("#main-content a.lo-term", has_text="EHCP").click()
        browser_page.wait_for_url("**/glossary/#education-health-and-care-plan")
        context.close()


def _validate(root: Path, capsys: pytest.CaptureFixture[str], *files: Path) -> list[str]:
    main(["--config", str(root / "mkdocs.yml"), "validate", *map(str, files)])
    out = capsys.readouterr()
    return (out.err + out.out).splitlines()


def test_an_unknown_acronym_is_a_warning_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    added = "The ZQRT team and the Lambeth Quiet Room (LQR) help."
    text = EHCP_RECORD.replace("Every EHCP is reviewed each year.", added)
    path = write_record(root, "send", "plan-advice", text)
    lines = _validate(root, capsys, path)
    row = "  We explain each EHCP step. The ZQRT team and the Lambeth Quiet Room (LQR) help."
    line, col = text.splitlines().index(row) + 1, row.index("ZQRT") + 1
    warning = [x for x in lines if "ZQRT" in x]
    assert warning == [
        f"services/send/plan-advice.yaml:{line}:{col}: description: warning: 'ZQRT' is an abbreviation families may "
        "not know: it is not in the glossary (glossary.yaml) and not written out in this record. Write what it stands "
        "for the first time it is used, with ZQRT in brackets after it, or add ZQRT to the glossary."
    ]
    assert not [x for x in lines if "LQR" in x]  # written out beside it
    assert lines[-1] == "No problems found. 1 warning."


def test_readability_warnings_say_where_and_what_to_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    summary = (
        "Comprehensive multidisciplinary assessment, consultation and intervention for children experiencing "
        "considerable communication difficulties, including individualised programmes, collaborative training "
        "and recommendations."
    )
    eligibility = (
        "Children and young people who live in the borough, who go to a school or college in the borough, and who "
        "have been referred by a professional who knows them well and has talked to their family first."
    )
    text = EHCP_RECORD.replace("Advice for families who want an EHCP for their child.", summary).replace(
        "Families in the borough.", eligibility
    )
    path = write_record(root, "send", "plan-advice", text)
    lines = _validate(root, capsys, path)
    summary_line = text.splitlines().index(f"summary: {summary}") + 1
    eligibility_line = text.splitlines().index(f"eligibility: {eligibility}") + 1
    hard = [x for x in lines if f"plan-advice.yaml:{summary_line}:10: summary: warning: is hard to read" in x]
    assert hard and "(reading ease" in hard[0] and "everyday words in place of" in hard[0], lines
    long_one = [x for x in lines if f"plan-advice.yaml:{eligibility_line}:14: eligibility: warning:" in x]
    assert long_one and "has a sentence of 38 words" in long_one[0], lines
    assert "Split it into two sentences, for example end one before" in long_one[0]
    assert lines[-1].startswith("No problems found.")  # warnings never fail a check
    longer = EHCP_RECORD.replace(
        "Advice for families who want an EHCP for their child.",
        "Advice for families who want an EHCP. " + "We help you fill in the form and we go with you. " * 3,
    )
    write_record(root, "send", "plan-advice", longer)
    lines = _validate(root, capsys, path)
    assert any("summary: warning: is 43 words long" in x and "30 words or fewer" in x for x in lines), lines
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  readability: {summary_words: 45}\n", 1))
    assert not any("words long" in x for x in _validate(root, capsys, path))


def test_the_glossary_is_checked_with_lines_and_hints(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    glossary = root / "content" / "glossary.yaml"
    extra = (
        "- term: Education plan\n"
        "  acronyms: [EHCP]\n"
        "  explanation: A plan for a child's education, written with the family.\n"
        "  services: [autism-advise]\n"
    )
    before = glossary.read_text(encoding="utf-8").count("\n")
    glossary.write_text(glossary.read_text(encoding="utf-8") + extra, encoding="utf-8")
    lines = _validate(root, capsys)
    clash = [x for x in lines if x.startswith(f"content/glossary.yaml:{before + 2}:")]
    assert clash and "'EHCP' is already a way of writing 'Education, health and care plan'" in clash[0]
    synonyms = root / "content" / "synonyms.yaml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8") + "- words: [SENCo, school helper]\n")
    lines = _validate(root, capsys)
    assert any(
        x.startswith("content/synonyms.yaml:") and "'SENCo' is in the glossary" in x and "Delete it here" in x
        for x in lines
    ), lines
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  acronyms: [EHCP]\n", ""), encoding="utf-8")
    synonyms.write_text(synonyms.read_text(encoding="utf-8").replace("- words: [SENCo, school helper]\n", ""))
    lines = _validate(root, capsys)
    missing = [x for x in lines if x.startswith(f"content/glossary.yaml:{before + 3}:")]
    assert missing and "'autism-advise' is not a published service" in missing[0]
    assert "Did you mean 'autism-advice'?" in missing[0]


def test_the_sample_reads_plainly_and_its_glossary_covers_every_abbreviation() -> None:
    checked = check(load_settings(DEMO / "mkdocs.yml"), today())
    plain = ("words long", "has a sentence", "hard to read", "abbreviation", "more than one sentence")
    assert [p.text() for p in checked.problems if any(w in p.message for w in plain)] == []


def test_every_service_and_guide_that_mentions_ehc_plans_links_to_the_ehc_page(sample_site: Path) -> None:
    mentions = re.compile(r"\bEHC\b|\bEHCPs?\b|education,? health and care", re.IGNORECASE)
    checked = check(load_settings(DEMO / "mkdocs.yml"), today())
    pages = {s.url: " ".join([s.summary, s.description, s.eligibility, s.how_to_access]) for s in checked.site.services}
    pages |= {g.url: " ".join([g.summary, *(f"{s.title} {s.body}" for s in g.steps)]) for g in checked.site.guides}
    linked = 0
    for url, text in pages.items():
        soup = page(sample_site, url)
        link = soup.select_one("#main-content a[href$='ehc-needs-assessment/']")
        assert (link is not None) == bool(mentions.search(text)), url
        linked += link is not None
    assert linked >= 5


def test_report_lists_the_20_hardest_to_read_records(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--config", str(DEMO / "mkdocs.yml"), "report"])
    out = capsys.readouterr().out
    assert "20 hardest-to-read records." in out
    rows = re.findall(r"^\s+(-?\d+)\s+(\d+) words  (\S+\.yaml)$", out, re.MULTILINE)
    assert len(rows) == 20
    eases = [int(r[0]) for r in rows]
    assert eases == sorted(eases)
