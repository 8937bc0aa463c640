"""Open data from a real build: Open Referral UK feed, CSV, JSON-LD, sitemap and Atom feed."""

from __future__ import annotations

import csv
import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import FIXTURES
from sitepages import page

PUBLISHED = {"autism-advice", "hearing-support", "stay-and-play", "supported-internships", "reintegration"}


def test_openreferral_lists_every_published_service_and_no_closed_one(fixture_site: Path) -> None:
    """(The feed's shape, ids and conformance to the standard: test_openreferral.py.)"""
    feed = json.loads((fixture_site / "openreferral" / "services-page-1.json").read_text())
    pages = sorted(p.name for p in (fixture_site / "openreferral").glob("services-page-*.json"))
    settings = len(list((FIXTURES / "schools").glob("*.yaml")))  # each school or setting is a service too
    assert pages == ["services-page-1.json"] and feed["total_items"] == len(feed["contents"]) == len(PUBLISHED) + 6
    names = {item["name"] for item in feed["contents"]}
    assert "Closed Careers Programme" not in names and "Autism Advisory Team" in names
    assert len({n for n in names if n.startswith("Places at ")}) == settings == 6
    assert len(list((fixture_site / "openreferral" / "services").iterdir())) == len(PUBLISHED) + settings


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
