"""Open data from a real build: Open Referral UK feed, CSV, JSON-LD, sitemap and Atom feed."""

from __future__ import annotations

import csv
import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import FIXTURES
from jsonschema import Draft202012Validator, FormatChecker
from sitepages import page

PUBLISHED = {"autism-advice", "hearing-support", "stay-and-play", "supported-internships", "reintegration"}
ORUK = Draft202012Validator(
    json.loads((Path(__file__).parent / "oruk-service.schema.json").read_text()), format_checker=FormatChecker()
)


def test_openreferral_feed_pages_and_services_validate(fixture_site: Path) -> None:
    feed = json.loads((fixture_site / "openreferral" / "services.json").read_text())
    assert {
        k: feed[k] for k in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
    } == {
        "total_items": 5,
        "total_pages": 1,
        "page_number": 1,
        "size": 5,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    assert {item["id"] for item in feed["contents"]} == PUBLISHED
    for item in feed["contents"]:
        assert list(ORUK.iter_errors(item)) == [], item["id"]
        single = json.loads((fixture_site / "openreferral" / "services" / f"{item['id']}.json").read_text())
        assert single == item
    autism = next(i for i in feed["contents"] if i["id"] == "autism-advice")
    assert autism["eligibilitys"][0]["minimum_age"] == 4 and autism["phones"] == [{"number": "020 7000 0001"}]
    assert autism["service_at_locations"][0]["location"]["physical_addresses"][0]["postal_code"] == "SW2 1EG"
    closed = next(i for i in feed["contents"] if i["id"] == "supported-internships")
    assert closed["status"] == "temporarily closed"


def test_csv_lists_every_published_service(fixture_site: Path) -> None:
    rows = list(csv.DictReader((fixture_site / "services.csv").open(encoding="utf-8")))
    assert {r["id"] for r in rows} == PUBLISHED
    assert next(r for r in rows if r["id"] == "stay-and-play")["cost"] == "£2 per session"


def test_service_page_has_json_ld_naming_the_service(fixture_site: Path) -> None:
    script = page(fixture_site, "services/autism-advice/").select_one("script[type='application/ld+json']")
    data = json.loads(script.string)
    assert data["@type"] == "GovernmentService" and data["name"] == "Autism Advisory Team"
    assert data["provider"]["name"] == "Fixture Borough Council" and data["dateModified"] == "2026-05-01"


def test_sitemap_lists_every_published_page_and_no_closed_record(fixture_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(fixture_site / "sitemap.xml").getroot()
    entries = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in root.findall("s:url", ns)
    }
    base = "https://localoffer.lambeth.gov.uk/"
    for service in PUBLISHED:
        assert f"{base}services/{service}/" in entries
    assert entries[f"{base}services/autism-advice/"] == "2026-05-01"
    assert not [u for u in entries if "old-programme" in u]
    built = {p.parent.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("index.html")}
    unlisted = ("search", "shortlist", "services/old-programme")  # the closed service's tombstone is in no index
    built = {b for b in built if b not in unlisted and not b.startswith("pagefind")}
    assert {u.removeprefix(base).rstrip("/") or "." for u in entries} == built
    sitemap = (fixture_site / "sitemap.xml").read_bytes()
    assert gzip.decompress((fixture_site / "sitemap.xml.gz").read_bytes()) == sitemap


def test_atom_feed_lists_recent_changes(fixture_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles[0] == "Reintegration Outreach"  # reviewed 2026-10-01, the newest
    assert "Closed Careers Programme" not in titles
    assert len(titles) == len(PUBLISHED) + len(list((FIXTURES / "transitions").glob("*.yaml")))
