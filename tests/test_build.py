"""A real build of the fixture records: every page holds what the records say, and nothing else gets out."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES, build, make_project
from sitepages import listed_services, main_text, page

from generator.inputs.kinds import Context
from generator.inputs.settings import load_settings, today
from generator.inputs.validate import validate

PUBLISHED = {"autism-advice", "hearing-support", "stay-and-play", "supported-internships", "reintegration"}


def test_each_published_record_has_a_page_with_its_fields(fixture_site: Path) -> None:
    soup = page(fixture_site, "services/autism-advice/")
    text = main_text(soup)
    assert soup.select_one("#main-content h1").get_text(strip=True) == "Autism Advisory Team"
    assert soup.title.get_text() == "Autism Advisory Team – Lambeth SEND Local Offer"
    for expected in [
        "Teachers who help schools and families to support autistic children",
        "Fixture Borough Council",
        "4 to 19 years",
        "Communication and interaction",
        "Primary school, Secondary school, Post-16",
        "Free",
        "North, Central",
        "Languages Portuguese, British Sign Language",
        "Monday to Friday, 9am to 5pm",
        "Training for school staff",
        "Ask your child's SENCo to refer",
        "Civic Centre",
        "SW2 1EG",
        "Step-free entrance and a hearing loop.",
        "Last reviewed: 1 May 2026",
    ]:
        assert expected in text, expected
    hrefs = {a["href"] for a in soup.select("#main-content a[href]")}
    assert "tel:+442070000001" in hrefs
    assert "mailto:autism@example.gov.uk" in hrefs
    assert "https://www.example.gov.uk/autism" in hrefs
    report = soup.find("a", string="Report a problem with this page")
    assert report["href"].startswith("mailto:localoffer@lambeth.gov.uk?subject=")
    update = soup.find("a", string="Update this information")
    assert update["href"].endswith("/services/send/autism-advice.yaml")
    assert "mainstream schools" in [s.get_text() for s in soup.select("#main-content section strong")]


def test_every_fixture_record_except_the_closed_one_is_published(fixture_site: Path) -> None:
    built = {p.name for p in (fixture_site / "services").iterdir() if p.is_dir()}
    assert built == PUBLISHED | {"old-programme"}  # the closed one only as a tombstone page
    tombstone = fixture_site / "services" / "old-programme" / "index.html"
    others = [p for p in fixture_site.rglob("*.html") if p != tombstone]
    everything = " ".join(p.read_text(encoding="utf-8") for p in others)
    assert "Closed Careers Programme" not in everything
    assert "old-programme" not in everything
    for listing in ("sitemap.xml", "feed.xml", "services.csv", "openreferral/services.json"):
        assert "old-programme" not in (fixture_site / listing).read_text(encoding="utf-8"), listing
    assert "data-pagefind-body" not in tombstone.read_text(encoding="utf-8")
    robots = page(fixture_site, "services/old-programme/").select('meta[name="robots"]')
    assert [m["content"] for m in robots] == ["noindex"]
    assert not page(fixture_site, "services/autism-advice/").select('meta[name="robots"]')


def test_temporarily_closed_is_in_the_feed_the_json_ld_the_a_to_z_and_the_shortlist_data(fixture_site: Path) -> None:
    assert "<title>Supported Internships (temporarily closed)</title>" in (fixture_site / "feed.xml").read_text()
    ld = page(fixture_site, "services/supported-internships/").select_one("script[type='application/ld+json']")
    assert '"description": "Temporarily closed.' in ld.get_text()
    a_to_z = page(fixture_site, "services/")
    item = next(li for li in a_to_z.select(".lo-a-z__list li") if "Supported Internships" in li.get_text())
    assert "Temporarily closed" in item.get_text()
    assert '"status":"temporarily-closed"' in (fixture_site / "assets/shortlist.json").read_text()


def test_closed_service_address_serves_a_tombstone_with_open_alternatives(fixture_site: Path) -> None:
    soup = page(fixture_site, "services/old-programme/")
    assert soup.select_one("#main-content h1").get_text(strip=True) == "This service has closed"
    assert "Closed Careers Programme" in main_text(soup)
    alternatives = listed_services(fixture_site, "services/old-programme/")
    assert 1 <= len(alternatives) <= 3
    assert "supported-internships" not in alternatives  # temporarily closed is no alternative


def test_temporarily_closed_service_says_so(fixture_site: Path) -> None:
    assert "This service is temporarily closed" in main_text(page(fixture_site, "services/supported-internships/"))
    assert "This service is temporarily closed" not in main_text(page(fixture_site, "services/autism-advice/"))


def test_a_to_z_lists_every_published_service_alphabetically(fixture_site: Path) -> None:
    listed = listed_services(fixture_site, "services/")
    assert listed == ["autism-advice", "hearing-support", "stay-and-play", "reintegration", "supported-internships"]


def test_category_pages_list_the_right_records(fixture_site: Path) -> None:
    expected = {
        "send": ["autism-advice", "hearing-support"],
        "early-years": ["stay-and-play"],
        "careers": ["supported-internships"],
        "alternative-provision": ["reintegration"],
    }
    for category, ids in expected.items():
        assert listed_services(fixture_site, f"category/{category}/") == ids, category


def test_need_pages_list_their_own_services_first_then_all_needs_collapsed(fixture_site: Path) -> None:
    expected = {
        "communication-and-interaction": ["autism-advice", "supported-internships", "stay-and-play"],
        "cognition-and-learning": ["supported-internships", "stay-and-play"],
        "social-emotional-and-mental-health": ["reintegration", "stay-and-play"],
        "sensory-and-physical": ["hearing-support", "stay-and-play"],
    }
    for need, ids in expected.items():
        assert listed_services(fixture_site, f"needs/{need}/") == ids, need
        also = page(fixture_site, f"needs/{need}/").select_one("details.lo-also")
        assert also is not None and not also.has_attr("open")
        assert also.summary.get_text(strip=True) == "Also for all needs (1 service)"
        assert [a.get_text() for a in also.select(".lo-card__title a")] == ["Inclusive Stay and Play"]
    overview = main_text(page(fixture_site, "needs/"))
    assert "Communication and interaction: for example autism, speech and language" in overview
    need_page = main_text(page(fixture_site, "needs/communication-and-interaction/"))
    assert "for example autism, speech and language." in need_page


def test_age_band_pages_use_overlapping_ranges(fixture_site: Path) -> None:
    expected = {
        "0-4": ["autism-advice", "stay-and-play", "hearing-support"],  # all ages (0 to 25) last, collapsed
        "5-10": ["autism-advice", "hearing-support"],
        "11-15": ["autism-advice", "reintegration", "hearing-support"],
        "16-18": ["autism-advice", "reintegration", "supported-internships", "hearing-support"],
        "19-25": ["autism-advice", "supported-internships", "hearing-support"],
    }
    for band, ids in expected.items():
        assert listed_services(fixture_site, f"ages/{band}/") == ids, band
    overview = main_text(page(fixture_site, "ages/"))
    assert "Ages 16 to 18 (4 services)" in overview


def test_service_pages_are_not_listed_in_the_navigation(fixture_site: Path) -> None:
    soup = page(fixture_site, "")
    nav_links = [a["href"] for a in soup.select("nav.md-nav--primary a[href]")]
    assert nav_links, "the sidebar navigation should exist"
    assert not [h for h in nav_links if re.search(r"services/[a-z0-9-]+/$", h)]
    size = (fixture_site / "services" / "autism-advice" / "index.html").stat().st_size
    assert size < 25_000, f"service page is {size} bytes"


def test_no_third_party_requests_or_builtin_search(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*.html"):
        soup = page(path.parent, path.name)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr, "")
                if (
                    tag == "link"
                    and "stylesheet" not in element.get("rel", [])
                    and "preconnect" not in element.get("rel", [])
                ):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{path}: {tag} loads {value}"
    html = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_generated_pages_record_their_source(fixture_site: Path) -> None:
    edit = page(fixture_site, "services/hearing-support/").select_one(".lo-service")
    assert edit is not None and edit["data-source"] == "services/send/hearing-support.yaml"


def test_fixture_records_are_all_valid_and_include_a_closed_one(tmp_path: Path) -> None:
    settings = load_settings(make_project(tmp_path / "project") / "mkdocs.yml")
    checked = validate(settings, Context(settings.council, today()))
    assert [p.text() for p in checked.problems if p.severity == "error"] == []
    services = checked.records["service"]
    assert len(services) == len(list((FIXTURES / "services").rglob("*.yaml")))
    assert [s.id for s in services if s.status == "closed"] == ["old-programme"]


def test_only_content_pages_are_marked_for_the_search_index(fixture_site: Path) -> None:
    def indexed(url: str) -> bool:
        return page(fixture_site, url).select_one("#main-content").has_attr("data-pagefind-body")

    assert indexed("services/autism-advice/") and indexed("about/")
    for url in (
        "services/",
        "category/send/",
        "needs/",
        "needs/sensory-and-physical/",
        "ages/",
        "ages/0-4/",
        "search/",
    ):
        assert not indexed(url), url


STATEMENT_HEADINGS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website's accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we're doing to improve accessibility",
    "Preparation of this accessibility statement",
]


def test_accessibility_statement_has_the_required_sections(fixture_site: Path) -> None:
    soup = page(fixture_site, "accessibility/")
    headings = [h.get_text() for h in soup.select("#main-content h2, #main-content h3")]
    for heading in STATEMENT_HEADINGS:
        assert heading in headings, heading
    text = main_text(soup)
    assert "partially compliant" in text and "Web Content Accessibility Guidelines version 2.2" in text
    assert "Equality Advisory and Support Service" in text
    assert "large print, easy read" in text
    assert "10 working days" in text


def test_statement_reports_the_last_automated_test_run(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    record = root / "artefacts" / "accessibility" / "last-run.json"
    record.parent.mkdir(parents=True)
    record.write_text('{"date": "2026-11-20T10:00:00+00:00", "pages": 17, "violations": 0}')
    assert build(root).built
    paragraphs = [p.get_text() for p in page(root / "site", "accessibility/").select("#main-content p")]
    assert "The automated tests last ran on 20 November 2026, checking 17 types of page with no failures." in paragraphs


def test_a_temporary_closure_says_why_and_when_it_reopens(fixture_site: Path) -> None:
    notice = page(fixture_site, "services/supported-internships/").select_one(".lo-status")
    assert notice is not None
    text = " ".join(notice.get_text(" ").split())
    assert "The programme is between intakes" in text and "temporarily closed until 11 January 2027" in text


def test_closure_details_only_with_a_temporary_closure_and_a_date_to_come(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    record = root / "services" / "careers" / "supported-internships.yaml"
    record.write_text(record.read_text().replace("reopens: 2027-01-11", "reopens: 2026-01-11"))
    active = root / "services" / "send" / "autism-advice.yaml"
    active.write_text(active.read_text() + "status_reason: Closed for the summer.\n")
    problems = build(root).generated.problems
    texts = [p.text() for p in problems if p.severity == "error"]
    assert any(
        t.startswith("services/careers/supported-internships.yaml:") and "reopens: 2026-01-11 has passed" in t
        for t in texts
    ), texts
    assert any(
        t.startswith("services/send/autism-advice.yaml:") and "status_reason: is only for" in t for t in texts
    ), texts
