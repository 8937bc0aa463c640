"""Schools, colleges and other settings (SEND Regulations 2014, Schedule 2): their pages, the browse pages and the
page of provision outside the council's area, links both ways with services and guides, validation with the line
and field, search, open data and coverage, on real builds."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import DEMO, FIXTURES, build, make_project
from playwright.sync_api import Page, expect
from sitepages import main_text, page, words_of

from generator.commands.cli import main

GIAS = "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/"


def linked_settings(site: Path, url: str, scope: str = "#main-content") -> list[str]:
    """Setting ids linked from the page at `url` (within `scope`), in order."""
    ids = []
    for link in page(site, url).select(f"{scope} a[href]"):
        target = urlsplit(urljoin(f"http://site/{url}", link["href"]))
        parts = [p for p in target.path.split("/") if p]
        if target.netloc == "site" and len(parts) == 2 and parts[0] == "schools":
            ids.append(parts[1])
    return ids


def records(folder: Path) -> list[dict[str, object]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.yaml"))]


def facts(site: Path, url: str) -> dict[str, str]:
    found = {}
    for row in page(site, url).select("#main-content .lo-facts > div"):
        found[row.dt.get_text(" ", strip=True)] = " ".join(row.dd.get_text(" ", strip=True).replace(" ,", ",").split())
    return found


# ----------------------------------------------------------------------------------------------------------------
# Pages


def test_special_school_page_shows_type_needs_places_urn_and_sen_report(fixture_site: Path) -> None:
    url = "schools/riverside-school/"
    shown = facts(fixture_site, url)
    assert shown["Type"] == "Special school"
    assert shown["Designated for"] == "Autism, Speech, language and communication needs"
    assert shown["Places"] == "120"
    assert shown["Ages"] == "4 to 19 years"
    soup = page(fixture_site, url)
    official = soup.select_one("#main-content a[href='" + GIAS + "100001']")
    assert official is not None and "Get Information about Schools" in official.get_text()
    assert "unique reference number 100001" in main_text(soup)
    report = soup.select_one("#main-content a[href='https://www.riverside.example.org/send/sen-information-report']")
    assert report is not None and report.get_text(" ", strip=True).startswith("SEN information report")
    # "How to get a place" comes before the contact details and the rest of the page, with the route in words
    headings = [h.get_text() for h in soup.select("#main-content h2")]
    assert headings[0] == "How to get a place", headings
    place = words_of(soup.select_one("#main-content section.lo-place"))
    assert "Through an EHC plan" in place and "Ask for the school at your child's annual review" in place


def test_a_setting_without_urn_or_report_says_so_and_links_nowhere_official(fixture_site: Path) -> None:
    soup = page(fixture_site, "schools/northfield-college/")
    assert not soup.select("#main-content a[href^='https://get-information-schools']")
    assert "We do not have a link to this setting's SEN information report yet" in main_text(soup)
    # a nursery with a URN has its official record, and no school performance data (it teaches no key stage)
    nursery = page(fixture_site, "schools/little-acorns-nursery/")
    assert nursery.select("#main-content a[href='" + GIAS + "100003']")
    assert not nursery.select("#main-content a[href*='compare-school-performance']")


def _outside(folder: Path, council: str) -> set[str]:
    return {
        str(r["id"])
        for r in records(folder)
        if r.get("local_authority") and str(r["local_authority"]).casefold() != council.casefold()
    }


def test_out_of_area_page_lists_exactly_the_settings_outside_the_council(fixture_site: Path) -> None:
    expected = _outside(FIXTURES / "schools", "Lambeth")
    assert expected == {"northfield-college", "valley-school-for-deaf-children"}  # not the one naming Lambeth itself
    soup = page(fixture_site, "schools/area/outside/")
    assert soup.select_one("#main-content h1").get_text() == "Specialist provision outside Lambeth"
    assert set(linked_settings(fixture_site, "schools/area/outside/", "#main-content .lo-cards")) == expected
    assert "Outside Lambeth: Kent" in main_text(soup)


def test_sample_out_of_area_page_lists_exactly_the_sample_settings_outside_lambeth(sample_site: Path) -> None:
    expected = _outside(DEMO / "schools", "Lambeth")
    assert len(expected) >= 3
    found = linked_settings(sample_site, "schools/area/outside/", "#main-content .lo-cards")
    assert sorted(found) == sorted(expected)


def test_resource_base_links_to_its_host_school_and_back(fixture_site: Path) -> None:
    base = facts(fixture_site, "schools/hillside-autism-base/")
    assert base["Part of"] == "Hillside Primary School"
    assert linked_settings(fixture_site, "schools/hillside-autism-base/", ".lo-facts") == ["hillside-primary"]
    host = facts(fixture_site, "schools/hillside-primary/")
    assert host["Resource base here"] == "Autism resource base at Hillside Primary School"
    assert linked_settings(fixture_site, "schools/hillside-primary/", ".lo-facts") == ["hillside-autism-base"]


def test_every_sample_resource_base_names_a_mainstream_host_that_lists_it(sample_site: Path) -> None:
    all_records = {str(r["id"]): r for r in records(DEMO / "schools")}
    bases = [r for r in all_records.values() if r["type"] == "resource-base"]
    assert len(bases) == 12
    for base in bases:
        host = all_records[str(base["host"])]
        assert host["type"] in ("mainstream-school", "academy")
        assert base["id"] in linked_settings(sample_site, f"schools/{host['id']}/", ".lo-facts")


def test_services_and_guides_link_to_settings_and_settings_link_back(fixture_site: Path) -> None:
    service = facts(fixture_site, "services/autism-advice/")
    assert service["Works in"] == "Riverside School, Autism resource base at Hillside Primary School"
    school = page(fixture_site, "schools/riverside-school/")
    here = school.select_one("section[aria-labelledby='services-here']").get_text(" ")
    assert "Autism Advisory Team" in here
    guides = school.select_one("section[aria-labelledby='part-of']").get_text(" ")
    assert "Moving to secondary school" in guides
    step = page(fixture_site, "transitions/primary-to-secondary/").select("ol.lo-timeline > li")[1]
    assert [a.get_text() for a in step.select(".lo-step__settings a")] == ["Riverside School"]
    # a setting no service or guide names has neither section
    assert not page(fixture_site, "schools/northfield-college/").select("section[aria-labelledby='services-here']")


def test_browse_pages_by_type_stage_and_need(fixture_site: Path) -> None:
    cards = "#main-content .lo-cards"
    assert linked_settings(fixture_site, "schools/type/special-school/", cards) == ["riverside-school"]
    assert linked_settings(fixture_site, "schools/type/resource-base/", cards) == ["hillside-autism-base"]
    assert linked_settings(fixture_site, "schools/need/autism/", cards) == ["hillside-autism-base", "riverside-school"]
    assert linked_settings(fixture_site, "schools/phase/post-16/", cards) == ["northfield-college", "riverside-school"]
    assert "There are none" in main_text(page(fixture_site, "schools/type/academy/"))
    index = main_text(page(fixture_site, "schools/"))
    assert "Special schools (1)" in index and "Resource bases in mainstream schools (1)" in index
    assert "Academies" not in index  # types with nothing listed are left out of the index
    assert "Specialist provision outside Lambeth (2)" in index


def test_names_and_text_are_escaped_where_they_land(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    path = root / "schools" / "riverside-school.yaml"
    text = path.read_text().replace("name: Riverside School", "name: 'Tom & Jerry \"Academy\" {{ 7*7 }}'")
    path.write_text(text.replace("summary: A special", 'summary: =HYPERLINK("x") A special'))
    assert build(root).built
    html = (root / "site" / "schools" / "riverside-school" / "index.html").read_text()
    assert "<h1>Tom &amp; Jerry &#34;Academy&#34; {{ 7*7 }}</h1>" in html
    assert "<title>Tom &amp; Jerry &#34;Academy&#34; {{ 7*7 }}" in html.replace("&quot;", "&#34;")
    rows = {r["id"]: r for r in csv.DictReader((root / "site" / "schools.csv").open(encoding="utf-8"))}
    assert rows["riverside-school"]["summary"].startswith("'=HYPERLINK")


# ----------------------------------------------------------------------------------------------------------------
# Validation: file:line:col: field, with a hint


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--config", str(root / "mkdocs.yml"), "build"])
    err = capsys.readouterr().err
    assert not (root / "site").exists(), "nothing is built from a bad record"
    return code, err.splitlines()


def _place(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where `needle` starts in the file text."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


BAD = {  # (file under schools/, text, its replacement, where the problem is, field, words of the message)
    "URN of five digits": (
        "riverside-school.yaml",
        'urn: "100001"',
        'urn: "10001"',
        '"10001"',
        "urn",
        "'10001' is not written the way we need. Write the six-digit URN in quotes",
    ),
    "URN not in quotes": (
        "riverside-school.yaml",
        'urn: "100001"',
        "urn: 100001",
        "100001",
        "urn",
        "should be text, not '100001'. YAML read 100001 as '100001': put it in quotes, like \"100001\".",
    ),
    "host that is not a record": (
        "hillside-autism-base.yaml",
        "host: hillside-primary",
        "host: hillside-primry",
        "hillside-primry",
        "host",
        "'hillside-primry' is not the id of a school or setting record. Did you mean 'hillside-primary'?",
    ),
    "SEN information report over http": (
        "riverside-school.yaml",
        "sen_information_report: https://",
        "sen_information_report: http://",
        "http://",
        "sen_information_report",
        "is not written the way we need. Write the report's full web address starting with https://",
    ),
    "service working in a setting that is not there": (
        "../services/send/autism-advice.yaml",
        "works_in: [riverside-school, hillside-autism-base]",
        "works_in: [riverside-scool, hillside-autism-base]",
        "riverside-scool",
        "works_in › item 1",
        "'riverside-scool' is not the id of a school or setting record. Did you mean 'riverside-school'?",
    ),
    "guide naming a setting that is not there": (
        "../content/transitions/primary-to-secondary.yaml",
        "settings: [riverside-school]",
        "settings: [riversid-school]",
        "riversid-school",
        "steps › item 2 › settings › item 1",
        "'riversid-school' is not the id of a school or setting record. Did you mean 'riverside-school'?",
    ),
    "resource base with no host": (
        "hillside-autism-base.yaml",
        "host: hillside-primary\n",
        "",
        "type:",
        "host",
        "is missing: a resource base is part of a mainstream school. Add 'host:'",
    ),
    "host on a school that is not a resource base": (
        "riverside-school.yaml",
        "type: special-school\n",
        "type: special-school\nhost: hillside-primary\n",
        "host:",
        "host",
        "is only for a resource base (this setting's type is special-school).",
    ),
    "resource base that is its own host": (
        "hillside-autism-base.yaml",
        "host: hillside-primary",
        "host: hillside-autism-base",
        "hillside-autism-base\ns",
        "host",
        "'hillside-autism-base' is this record's own id",
    ),
    "special school with no designated needs": (
        "riverside-school.yaml",
        "designated_needs: [autism, speech-language-and-communication]\n",
        "",
        "type:",
        "designated_needs",
        "is missing: a special school says which needs it is designated for.",
    ),
    "designated need misspelt": (
        "riverside-school.yaml",
        "designated_needs: [autism, speech-language-and-communication]",
        "designated_needs: [autsm, speech-language-and-communication]",
        "autsm",
        "designated_needs › item 1",
        "'autsm' is not one of the allowed values. Did you mean 'autism'?",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_setting_or_reference_fails_with_file_line_and_field(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, old, new, at, field, words = BAD[case]
    root = make_project(tmp_path / "project")
    path = (root / "schools" / name).resolve()
    text = path.read_text()
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path.write_text(text)
    line, col = _place(text, at)
    code, lines = _validate(root, capsys)
    assert code == 1
    where = f"{path.relative_to(root.resolve()).as_posix()}:{line}:{col}: {field}: "
    assert any(row.startswith(where) and words in row for row in lines), f"{where}{words}\n not in:\n" + "\n".join(
        lines
    )


def test_a_council_can_keep_its_settings_in_another_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "schools").rename(root / "education")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("extra:\n", "extra:\n  folders: {setting: education}\n", 1))
    assert build(root).built
    assert (root / "site" / "schools" / "riverside-school" / "index.html").is_file()


def test_a_council_with_no_settings_still_builds_every_linked_page(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    for path in (root / "schools").glob("*.yaml"):
        path.unlink()
    for record in (
        root / "services" / "send" / "autism-advice.yaml",
        root / "content/transitions/primary-to-secondary.yaml",
    ):
        text = record.read_text()
        record.write_text(re.sub(r"\n *(works_in|settings): \[[^\]]*\]", "", text))
    assert build(root).built
    index = main_text(page(root / "site", "schools/"))
    assert "There are no schools or settings listed yet." in index
    assert "There are none" in main_text(page(root / "site", "schools/type/special-school/"))


# ----------------------------------------------------------------------------------------------------------------
# Search, open data, coverage


def test_setting_pages_carry_their_search_filters(fixture_site: Path) -> None:
    def filters(url: str) -> set[tuple[str, str]]:
        spans = page(fixture_site, url).select("#main-content [data-pagefind-filter]")
        return {(s["data-pagefind-filter"], s.get_text()) for s in spans}

    riverside = filters("schools/riverside-school/")
    assert {("setting", "special-school"), ("where", "inside")} <= riverside
    assert not {f for f in riverside if f[0] == "category"}  # not a service: ranked below services, like guides
    assert {
        ("need", "communication-and-interaction"),
        ("phase", "post-16"),
        ("age", "16-18"),
        ("years", "4"),
    } <= riverside
    assert not {f for f in riverside if f[0] == "need" and f[1] != "communication-and-interaction"}
    assert ("where", "outside") in filters("schools/valley-school-for-deaf-children/")
    assert ("where", "inside") in filters("schools/little-acorns-nursery/")  # names its own council
    form = page(fixture_site, "search/")
    legends = [f.legend.get_text() for f in form.select("fieldset[data-filter]")]
    assert "Type of school or setting" in legends and "In or outside Lambeth" in legends
    types = [i["value"] for i in form.select("fieldset[data-filter=setting] input")]
    assert types == [
        "mainstream-school",
        "special-school",
        "resource-base",
        "nursery",
        "specialist-post-16",
        "non-maintained-special-school",
    ]


def _results(page_: Page) -> list[str]:
    expect(page_.locator("[data-lo-status]")).to_contain_text("result")
    return [a.inner_text() for a in page_.locator("[data-lo-results] a").all()]


def test_search_filters_settings_by_type_and_by_in_or_outside_the_area(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "search/?setting=special-school")
    assert _results(browser_page) == ["Riverside School"]
    browser_page.goto(fixture_url + "search/?where=outside")
    assert sorted(_results(browser_page)) == ["Northfield College", "Valley School for Deaf Children"]
    browser_page.goto(fixture_url + "search/?q=deaf&where=outside")
    assert _results(browser_page) == ["Valley School for Deaf Children"]
    browser_page.goto(fixture_url + "search/?q=autism&where=inside")
    found = _results(browser_page)
    # the settings designated for autism first; the host school, whose summary mentions its autism base, after them
    assert sorted(found[:2]) == ["Autism resource base at Hillside Primary School", "Riverside School"]
    assert found[2:] == ["Hillside Primary School"]
    expect(browser_page.locator("[data-lo-results] .lo-result__facts").first).to_contain_text("Resource base")
    expect(browser_page.locator("[data-lo-results] .lo-result__facts").first).to_contain_text("Ages 4 to 11")
    # with no filter, the autism service comes before the schools designated for autism
    browser_page.goto(fixture_url + "search/?q=autism")
    found = _results(browser_page)
    assert found[0] == "Autism Advisory Team"


def test_schools_csv_has_a_row_per_setting(fixture_site: Path) -> None:
    rows = {r["id"]: r for r in csv.DictReader((fixture_site / "schools.csv").open(encoding="utf-8"))}
    assert set(rows) == {str(r["id"]) for r in records(FIXTURES / "schools")}
    riverside = rows["riverside-school"]
    assert riverside["urn"] == "100001" and riverside["dfe_record"] == GIAS + "100001"
    assert riverside["designated_needs"] == "autism;speech-language-and-communication"
    assert riverside["outside_area"] == "no" and riverside["local_authority"] == "Lambeth"
    assert rows["valley-school-for-deaf-children"]["outside_area"] == "yes"
    assert rows["valley-school-for-deaf-children"]["local_authority"] == "Kent"
    assert rows["hillside-autism-base"]["host"] == "hillside-primary"
    assert riverside["page"] == "https://localoffer.lambeth.gov.uk/schools/riverside-school/"


def _coverage(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--config", str(root / "mkdocs.yml"), "coverage"]) == 0
    return capsys.readouterr().out


def test_coverage_counts_settings_and_flags_missing_reports_and_stale_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    stale = root / "schools" / "northfield-college.yaml"
    stale.write_text(stale.read_text().replace("last_reviewed: 2026-06-01", "last_reviewed: 2025-06-01"))
    out = _coverage(root, capsys)
    assert (
        "    Provision outside the local area: 2 schools or settings (for example northfield-college, "
        "valley-school-for-deaf-children)"
    ) in out
    assert "Education: alternative provision and pupil referral units: 1 service or page" in out
    assert "Education: early years providers: 1 service or page (for example stay-and-play); 1 school or setting" in out
    # the resource base is covered by its host school's report
    assert (
        "Schools and settings with no SEN information report link (3): little-acorns-nursery, northfield-college, "
        "valley-school-for-deaf-children."
    ) in out
    assert "Schools and settings due for review (not checked for 12 months): northfield-college (2025-06-01)." in out
    assert main(["--config", str(root / "mkdocs.yml"), "report"]) == 0
    table = capsys.readouterr().out
    assert "northfield-college  Northfield College" in table and "1 records due for review." in table


def test_coverage_of_the_sample_no_longer_reports_provision_outside_the_area(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _coverage(DEMO, capsys)
    assert "GAP Provision outside the local area" not in out
    assert re.search(r"^ {6}Provision outside the local area: \d+ schools or settings", out, re.MULTILINE), out


def test_sample_has_the_settings_the_strategies_describe() -> None:
    by_type: dict[str, list[dict[str, object]]] = {}
    for r in records(DEMO / "schools"):
        by_type.setdefault(str(r["type"]), []).append(r)
    assert len(by_type["special-school"]) == 6  # six special schools, five with sixth forms
    assert sum("post-16" in r["phases"] for r in by_type["special-school"]) == 5  # type: ignore[operator]
    bases = by_type["resource-base"]
    assert [sum(p in r["phases"] for r in bases) for p in ("primary", "secondary")] == [8, 4]  # type: ignore[operator]
    assert len(by_type["nursery"]) == 5
    assert any(r["name"] == "Evolve Academy" for r in by_type["alternative-provision"])
    assert [r["name"] for r in by_type["further-education-college"]] == ["South Bank Colleges"]
    assert len(_outside(DEMO / "schools", "Lambeth")) >= 3
    assert not [r["id"] for t in by_type.values() for r in t if "urn" in r], "no URN the seeds do not give"


# ----------------------------------------------------------------------------------------------------------------
# The home page reaches the special schools in two clicks on a phone


def _special_schools_list(browser_page: Page) -> bool:
    heading = browser_page.locator("#main-content h1")
    return heading.count() == 1 and heading.inner_text() == "Special schools"


def test_special_schools_are_at_most_two_clicks_from_the_home_page_at_320_pixels(
    browser_page: Page, sample_url: str
) -> None:
    """Follow only links a family can see and tap at 320 px (the menu drawer closed), breadth first."""
    browser_page.set_viewport_size({"width": 320, "height": 640})
    visible_links = """() => [...document.querySelectorAll('a[href]')].filter((a) => {
        const box = a.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && !a.closest('[inert], [hidden]')
            && getComputedStyle(a).visibility !== 'hidden';
    }).map((a) => a.href).filter((href) => href.startsWith(location.origin))"""
    frontier, seen, clicks = [sample_url], {sample_url}, None
    for depth in (1, 2):
        following = []
        for url in frontier:
            browser_page.goto(url)
            for href in browser_page.evaluate(visible_links):
                href = href.split("#")[0]
                if href not in seen:
                    seen.add(href)
                    following.append(href)
        for url in following:
            browser_page.goto(url)
            if _special_schools_list(browser_page):
                clicks = depth
                break
        if clicks:
            break
        frontier = following
    assert clicks is not None and clicks <= 2, "the special schools list is not within two clicks of the home page"
    specials = sorted(str(r["name"]) for r in records(DEMO / "schools") if r["type"] == "special-school")
    listed = sorted(browser_page.locator("#main-content .lo-card__title a").all_inner_texts())
    assert listed == specials
    print(f"\nspecial schools list: {clicks} click(s) from the home page at 320 px")
