"""The Open Referral UK 3.0 feed, checked against the published standard (tests/oruk/spec-3.0, `$ref`s resolved
locally): every file of the fixture site, the sample site and a 2,000-service site; stable UUIDs; nothing empty;
everything a record holds in its 3.0 place; the CSP pass never touching JSON."""

from __future__ import annotations

import csv
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DEMO, FIXTURES, build, make_project
from feedfiles import feed_documents, schema_for, walk
from oruk_standard import errors

from generator.inputs.settings import load_settings, today
from generator.pipeline import generate

pytestmark = pytest.mark.xdist_group("synthetic-directory")  # shares conftest's synthetic_directory

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _conformance(documents: list[tuple[str, Any]]) -> list[str]:
    """Every error of every feed file against the schema its API address answers with."""
    found = []
    for rel, document in documents:
        found += [f"{rel}: {e}" for e in errors(schema_for(rel), document)]
        if rel.startswith("services/"):  # HSDS 3.0's phones (ORUK 3.0 lists none) meet the standard's phone.json
            for phone in document.get("phones", []):
                found += [f"{rel} phone: {e}" for e in errors("phone.json", phone)]
    return found


def test_the_published_schemas_refuse_the_old_feed_shape() -> None:
    """The check itself: a service as the feed wrote it before (record ids, v1 names, empty email) fails."""
    old = {
        "id": "autism-advice",
        "name": "Autism Advisory Team",
        "status": "active",
        "email": "",
        "organization": {"id": "fixture-borough-council", "name": "Fixture Borough Council"},
        "languages": [{"language": "English"}],
    }
    found = errors("service.json", old)
    assert any("is not a 'uuid'" in e for e in found) and any("'description' is a required" in e for e in found)
    assert any("is not a 'email'" in e for e in found) and any("languages/0: 'id' is a required" in e for e in found)


def test_every_file_of_the_fixture_feed_meets_the_standard(fixture_site: Path) -> None:
    documents = list(feed_documents(fixture_site / "openreferral"))
    assert {rel.split("/")[0].split("-page-")[0].removesuffix("-all.json") for rel in dict(documents)} == {
        "index.json",
        "services",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
    }
    assert _conformance(documents) == []


SETTING_TYPES = "Types of school and setting"  # the taxonomy that tells a school's or setting's service apart


def _is_setting(service: dict[str, Any]) -> bool:
    return any(a["taxonomy_term"]["taxonomy"] == SETTING_TYPES for a in service.get("attributes", []))


def test_every_file_of_the_sample_feed_meets_the_standard(sample_site: Path) -> None:
    """Every published service of the demonstration, and each of its schools and settings as a service of its own."""
    documents = dict(feed_documents(sample_site / "openreferral"))
    services = [rel for rel in documents if rel.startswith("services/")]
    settings = [rel for rel in services if _is_setting(documents[rel])]
    listed = sample_site / "services.csv"  # the published services, one row each (open data of its own)
    published = len(list(csv.DictReader(listed.open(encoding="utf-8"))))
    assert len(settings) == len(list((DEMO / "schools").glob("*.yaml"))) > 0
    assert len(services) == documents["services-page-1.json"]["total_items"] == published + len(settings)
    assert _conformance(list(documents.items())) == []


@pytest.fixture(scope="module")
def synthetic_feed(synthetic_directory: tuple[Path, dict[str, bytes]]) -> dict[str, str]:
    """The feed of a 2,000-service directory with the sample's 42 schools and settings, exactly as a build publishes
    it (made in memory: the same files)."""
    _, files = synthetic_directory
    return {rel: data.decode("utf-8") for rel, data in files.items() if rel.startswith("openreferral/")}


def test_every_file_of_a_2000_service_feed_meets_the_standard(synthetic_feed: dict[str, str]) -> None:
    documents = list(feed_documents(synthetic_feed))
    services = [document for rel, document in documents if rel.startswith("services/")]
    assert len(services) == 2042 and sum(map(_is_setting, services)) == 42
    assert _conformance(documents) == []


def test_pages_hold_at_most_per_page_items_with_true_totals(synthetic_feed: dict[str, str]) -> None:
    """2,042 services (2,000 and 42 schools' and settings'): 20 full pages of 100 and a last page of 42."""
    pages = [json.loads(synthetic_feed[f"openreferral/services-page-{n}.json"]) for n in range(1, 22)]
    assert "openreferral/services-page-22.json" not in synthetic_feed
    assert [p["page_number"] for p in pages] == list(range(1, 22))
    assert all(p["total_items"] == 2042 and p["total_pages"] == 21 for p in pages)
    assert [p["size"] for p in pages] == [100] * 20 + [42]
    assert [(p["first_page"], p["last_page"], p["empty"]) for p in (pages[0], pages[9], pages[20])] == [
        (True, False, False),
        (False, False, False),
        (False, True, False),
    ]
    listed = [item["id"] for p in pages for item in p["contents"]]
    assert len(set(listed)) == 2042 and all(f"openreferral/services/{i}" in synthetic_feed for i in listed)


def test_a_council_sets_how_many_items_a_page_holds(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  open_referral:\n", "  open_referral:\n    per_page: 10\n"))
    files = generate(load_settings(config), today()).files
    terms = json.loads(files["openreferral/taxonomy_terms-page-2.json"])
    assert terms["size"] <= 10 and terms["page_number"] == 2 and terms["total_items"] > 10
    services = json.loads(files["openreferral/services-page-1.json"])  # 5 services and 6 schools and settings
    assert services["size"] == 10 and services["total_pages"] == 2 and services["total_items"] == 11


SINGULAR = {"organization": "organizations", "taxonomy_term": "taxonomy_terms", "location": "locations"}


def _kind(rel: str, at: str) -> str:
    """What the object holding the id at `at` is: the list or field it sits in, or the file's collection."""
    parts = [p for p in at.split("/") if p and not p.isdigit()]
    collection = rel.split("/")[0].split("-page-")[0].removesuffix("-all.json")
    owner = parts[-2] if len(parts) > 1 and parts[-2] != "contents" else collection
    return SINGULAR.get(owner, owner)


def test_every_object_has_its_own_uuid_and_no_value_is_empty(fixture_site: Path) -> None:
    kinds: dict[str, set[str]] = {}
    for rel, document in feed_documents(fixture_site / "openreferral"):
        for at, value in walk(document):
            assert value not in ("", None, [], {}) or at.endswith("/contents"), f"{rel}{at} is empty"
            if at.endswith("/id"):
                assert isinstance(value, str) and UUID.match(value), f"{rel}{at}: {value}"
                kinds.setdefault(value, set()).add(_kind(rel, at))
    assert {"services", "organizations", "phones", "contacts", "locations", "addresses", "schedules"} <= {
        kind for found in kinds.values() for kind in found
    }
    assert {value: found for value, found in kinds.items() if len(found) > 1} == {}  # one id, one kind of thing


def _ids(files: dict[str, bytes]) -> list[str]:
    return sorted(
        value
        for rel, text in files.items()
        if rel.startswith("openreferral/")
        for at, value in walk(json.loads(text))
        if at.endswith("id") and not at.rsplit("/", 1)[-1].startswith("x_")  # x_local_offer_id: the record's own name
    )


def test_ids_are_the_same_in_every_build_and_belong_to_the_council(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = generate(load_settings(root / "mkdocs.yml"), today()).files
    record = root / "services" / "send" / "autism-advice.yaml"
    record.write_text(record.read_text().replace("summary: Teachers who", "summary: Specialist teachers who"))
    second = generate(load_settings(root / "mkdocs.yml"), today()).files
    assert first["openreferral/services-page-1.json"] != second["openreferral/services-page-1.json"]
    assert _ids(first) == _ids(second)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("5b0f2c59-7d1e-4a8e-9a43-0c5e1f6d2b87", str(uuid.uuid4())))
    other = generate(load_settings(config), today()).files
    assert not set(_ids(first)) & set(_ids(other))


def _service(site: Path, name: str) -> dict[str, Any]:
    for path in (site / "openreferral" / "services").iterdir():
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data["name"] == name:
            return data
    raise AssertionError(f"no service called {name}")


def _terms(service: dict[str, Any]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for attribute in service["attributes"]:
        term = attribute["taxonomy_term"]
        found.setdefault(term["taxonomy"], set()).add(term["code"])
        assert attribute["link_id"] == service["id"] and attribute["taxonomy_term_id"] == term["id"]
    return found


def test_a_service_holds_everything_its_record_does_in_its_place(fixture_site: Path) -> None:
    autism = _service(fixture_site, "Autism Advisory Team")
    assert autism["description"].startswith("Teachers who help schools")
    # plain text: the page's words, a link's address after its words, no Markdown marks (opendata/plaintext.py)
    assert "visit mainstream schools and colleges" in autism["description"] and "**" not in autism["description"]
    assert "- Support with transition (https://www.example.gov.uk/transition)" in autism["description"]
    assert autism["eligibility_description"].startswith("Children and young people with a diagnosis of autism")
    assert autism["application_process"].startswith("Ask your child's SENCo to refer.")
    assert (autism["minimum_age"], autism["maximum_age"]) == (4, 19)
    assert autism["email"] == "autism@example.gov.uk" and autism["url"] == "https://www.example.gov.uk/autism"
    assert [p["number"] for p in autism["phones"]] == ["020 7000 0001"]
    assert autism["contacts"][0]["phones"] == autism["phones"] and autism["contacts"][0]["email"] == autism["email"]
    location = autism["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical" and location["name"] == "Civic Centre"
    assert location["addresses"][0] | {"id": ""} == {
        "id": "",
        "address_1": "1 High Street",
        "city": "Fixtureton",
        "state_province": "Fixtureton",
        "postal_code": "SW2 1EG",
        "country": "GB",
        "address_type": "physical",
    }
    assert location["accessibility"][0]["description"] == "Step-free entrance and a hearing loop."
    weekly, words = autism["schedules"]
    assert (weekly["freq"], weekly["byday"], weekly["opens_at"], weekly["closes_at"]) == (
        "WEEKLY",
        "MO,TU,WE,TH,FR",
        "09:00",
        "17:00",
    )
    assert weekly["description"] == "Monday to Friday, 9am to 5pm"
    assert words["description"] == "Closed on bank holidays."
    assert [(x["name"], x.get("code")) for x in autism["languages"]] == [
        ("English", "en"),
        ("Portuguese", "pt"),
        ("British Sign Language", "bfi"),
    ]
    assert [a["name"] for a in autism["service_areas"]] == ["North", "Central"]
    assert autism["cost_options"][0] | {"id": ""} == {"id": "", "amount": 0, "amount_description": "Free"}
    assert _terms(autism) == {
        "Local Offer categories": {"send"},
        "SEND areas of need": {"communication-and-interaction"},
        "Stages of education": {"primary", "secondary", "post-16"},
        "How to get a service": {"self-or-professional"},
    }
    assert autism["status"] == "active" and autism["assured_date"] == "2026-05-01"
    assert autism["organization"]["name"] == "Fixture Borough Council" and autism["organization"]["description"]

    play = _service(fixture_site, "Inclusive Stay and Play")
    assert play["cost_options"][0]["amount"] == 2 and play["cost_options"][0]["amount_description"] == "£2 per session"
    assert play["url"] == "https://localoffer.lambeth.gov.uk/services/stay-and-play/"  # no website: its page
    assert [a["name"] for a in play["service_areas"]] == ["Lambeth"]  # no areas named: the whole council area
    assert "email" not in play and "service_at_locations" not in play
    internships = _service(fixture_site, "Supported Internships")
    assert internships["status"] == "temporarily closed" and internships["alert"].startswith("Temporarily closed")


def test_taxonomies_publish_every_term_with_a_description(fixture_site: Path) -> None:
    feed = fixture_site / "openreferral"
    taxonomies = json.loads((feed / "taxonomies-page-1.json").read_text())["contents"]
    assert {t["name"] for t in taxonomies} == {
        "Local Offer categories",
        "SEND areas of need",
        "Stages of education",
        "How to get a service",
        SETTING_TYPES,
        "Needs a school or setting is designated for",
        "How places are given",
        "Where the school or setting is",
    }
    terms = json.loads((feed / "taxonomy_terms-page-1.json").read_text())["contents"]
    by_taxonomy = {t["id"]: {x["code"] for x in terms if x["taxonomy_id"] == t["id"]} for t in taxonomies}
    assert sorted(len(codes) for codes in by_taxonomy.values()) == [2, 3, 4, 4, 5, 5, 11, 11]
    for taxonomy in taxonomies:
        whole = json.loads((feed / "taxonomies" / taxonomy["id"]).read_text())
        assert {t["code"] for t in whole["taxonomy_terms"]} == by_taxonomy[taxonomy["id"]]
    autism = next(t for t in terms if t["code"] == "communication-and-interaction")
    assert autism["term_uri"] == "https://localoffer.lambeth.gov.uk/needs/communication-and-interaction/"
    assert "autism" in autism["description"]
    for term in terms:
        assert json.loads((feed / "taxonomy_terms" / term["id"]).read_text()) == term


def test_organizations_list_the_services_they_run(fixture_site: Path) -> None:
    feed = fixture_site / "openreferral"
    orgs = json.loads((feed / "organizations-page-1.json").read_text())["contents"]
    council = next(o for o in orgs if o["name"] == "Fixture Borough Council")
    whole = json.loads((feed / "organizations" / council["id"]).read_text())
    assert {s["name"] for s in whole["services"]} >= {"Autism Advisory Team"}
    for s in whole["services"]:
        assert json.loads((feed / "services" / s["id"]).read_text())["organization_id"] == council["id"]


def _published(site: Path) -> dict[str, bytes]:
    folder = site / "openreferral"
    return {  # the JSON as published (not a host's compressed copies of it, .br and .gz)
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in (".br", ".gz")
    }


def test_two_builds_publish_the_feed_byte_for_byte_as_generated(tmp_path: Path) -> None:
    """Same ids and bytes in every build; the Content-Security-Policy pass reads only .html files, never the JSON."""
    root = make_project(tmp_path / "project")
    assert build(root).built  # (a build lets its files go once written: they are made again here to compare)
    made = {rel: data for rel, data in generate(load_settings(root / "mkdocs.yml"), today()).files.items()}
    made = {rel: data for rel, data in made.items() if rel.startswith("openreferral/")}
    first = _published(root / "site")
    assert first == made
    assert not any(b"Content-Security-Policy" in data or b"<meta" in data for data in first.values())
    assert build(root).built
    assert _published(root / "site") == first


def test_a_service_imported_with_a_uuid_keeps_it_in_the_feed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    record = root / "services" / "send" / "hearing-support.yaml"
    kept = "3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
    record.write_text(record.read_text().replace("last_reviewed:", f'source_id: "{kept}"\nlast_reviewed:'))
    files = generate(load_settings(root / "mkdocs.yml"), today()).files
    assert json.loads(files[f"openreferral/services/{kept}"])["name"] == "Hearing and Vision Support"
    listed = {s["id"] for s in json.loads(files["openreferral/services-page-1.json"])["contents"]}
    assert kept in listed and len(listed) == 11  # five services, six schools and settings


def test_two_services_cannot_keep_the_same_source_id(tmp_path: Path) -> None:
    """A source UUID becomes the service's id in the feed, so two records holding one would be one service there."""
    root = make_project(tmp_path / "project")
    kept = "3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"
    for rel in ("send/hearing-support.yaml", "send/autism-advice.yaml"):
        record = root / "services" / rel
        record.write_text(record.read_text().replace("last_reviewed:", f'source_id: "{kept}"\nlast_reviewed:'))
    result = generate(load_settings(root / "mkdocs.yml"), today())
    assert not result.ok and not any(rel.startswith("openreferral/") for rel in result.files)
    shared = sorted(p.text() for p in result.problems if p.field == "source_id")
    assert len(shared) == 2 and shared[0].startswith("services/send/autism-advice.yaml:")
    assert f"source_id: '{kept}' is the source_id of services/send/hearing-support.yaml too." in shared[0]


def _organization(site: Path, org_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "openreferral" / "organizations" / org_id).read_text(encoding="utf-8"))
    return data


def test_a_special_school_is_an_organization_with_its_urn_running_its_places(fixture_site: Path) -> None:
    riverside = _service(fixture_site, "Places at Riverside School")
    org = _organization(fixture_site, riverside["organization_id"])
    assert org["name"] == "Riverside School" and org["website"] == "https://www.riverside.example.org"
    assert org["organization_identifiers"] == [
        {
            "id": org["organization_identifiers"][0]["id"],
            "organization_id": org["id"],
            "identifier_scheme": "GB-EDU",
            "identifier_type": "Department for Education unique reference number (URN)",
            "identifier": "100001",
        }
    ]
    assert org["uri"] == "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/100001"
    assert [s["name"] for s in org["services"]] == ["Places at Riverside School"]
    assert riverside["url"] == "https://localoffer.lambeth.gov.uk/schools/riverside-school/"
    assert (riverside["minimum_age"], riverside["maximum_age"]) == (4, 19)
    assert riverside["application_process"].startswith("Through an EHC plan.\n\nAsk for the school at your child's")
    assert riverside["eligibility_description"] == (
        "Children and young people aged 4 to 19 with autism and speech, language and communication needs."
    )
    assert riverside["description"].startswith("Special school. A special school for autistic children")
    assert "120 places." in riverside["description"]
    assert (
        "SEN information report: https://www.riverside.example.org/send/sen-information-report"
        in (riverside["description"])
    )
    location = riverside["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "SW9 8AA" and location["accessibility"][0]["description"]
    assert [a["name"] for a in riverside["service_areas"]] == ["Lambeth"]
    assert all(a["link_entity"] == "service" for a in riverside["attributes"])
    assert _terms(riverside) == {
        "Types of school and setting": {"special-school"},
        "Stages of education": {"primary", "secondary", "post-16"},
        "SEND areas of need": {"communication-and-interaction"},
        "Needs a school or setting is designated for": {"autism", "speech-language-and-communication"},
        "How places are given": {"ehc-plan"},
        "Where the school or setting is": {"inside"},
    }


def test_a_resource_base_is_run_by_its_host_school_at_its_address(fixture_site: Path) -> None:
    base = _service(fixture_site, "Places at Autism resource base at Hillside Primary School")
    host = _service(fixture_site, "Places at Hillside Primary School")
    assert (
        base["organization_id"] == host["organization_id"] and base["organization"]["name"] == "Hillside Primary School"
    )
    org = _organization(fixture_site, host["organization_id"])
    assert {s["id"] for s in org["services"]} == {base["id"], host["id"]}
    assert base["service_at_locations"][0]["location_id"] == host["service_at_locations"][0]["location_id"]
    assert base["service_at_locations"][0]["id"] != host["service_at_locations"][0]["id"]
    assert base["description"].startswith("Resource base in a mainstream school, part of Hillside Primary School.")
    assert base["url"] == "https://localoffer.lambeth.gov.uk/schools/hillside-autism-base/"


def test_a_setting_outside_the_area_says_where_it_is_and_who_runs_it(fixture_site: Path) -> None:
    """Its service area is still the council's (families here get places there, through an EHC plan); its address,
    description and a term say it is outside; the trust that runs it is its parent organization."""
    valley = _service(fixture_site, "Places at Valley School for Deaf Children")
    assert valley["description"].startswith("Non-maintained special school in Kent, outside Lambeth.")
    assert [a["name"] for a in valley["service_areas"]] == ["Lambeth"]
    assert _terms(valley)["Where the school or setting is"] == {"outside"}
    org = _organization(fixture_site, valley["organization_id"])
    trust = _organization(fixture_site, org["parent_organization_id"])
    assert trust["name"] == "Valley Deaf Education Trust" and "services" not in trust
    assert "organization_identifiers" not in org  # no URN given: no identifier made up
    outside = {
        s["name"]
        for s in map(json.loads, _feed_services(fixture_site))
        if _terms(s).get("Where the school or setting is") == {"outside"}
    }
    records = [yaml.safe_load(path.read_text()) for path in (FIXTURES / "schools").glob("*.yaml")]
    elsewhere = {f"Places at {r['name']}" for r in records if r.get("local_authority", "Lambeth") != "Lambeth"}
    assert outside == elsewhere == {"Places at Valley School for Deaf Children", "Places at Northfield College"}


def _feed_services(site: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in (site / "openreferral" / "services").iterdir()]


def test_a_service_run_by_a_school_is_filed_under_the_schools_own_organization(tmp_path: Path) -> None:
    """A service whose organisation is a school's name (with other spacing and capitals) is run by that school's
    organization, with its URN, not by a second organization of the same name."""
    root = make_project(tmp_path / "project")
    text = (root / "services/send/autism-advice.yaml").read_text(encoding="utf-8")
    text = text.replace("organisation: Fixture Borough Council", "organisation: riverside  SCHOOL")
    text = re.sub(r"(?m)^id: .*$", "id: riverside-outreach", text, count=1).replace("name: ", "name: Riverside ", 1)
    (root / "services/send/riverside-outreach.yaml").write_text(text, encoding="utf-8")
    files = generate(load_settings(root / "mkdocs.yml"), today()).files
    pages = list(feed_documents(files))
    organizations = [o for rel, doc in pages if rel.startswith("organizations-page-") for o in doc["contents"]]
    riverside = [o for o in organizations if " ".join(o["name"].casefold().split()) == "riverside school"]
    assert len(riverside) == 1, riverside
    assert riverside[0]["name"] == "Riverside School"  # as the school's own record spells it
    assert riverside[0]["organization_identifiers"][0]["identifier"] == "100001"
    services = [s for rel, doc in pages if rel.startswith("services-page-") for s in doc["contents"]]
    runs = {s["name"]: s["organization_id"] for s in services if "Riverside" in s["name"]}
    assert len(runs) == 2 and set(runs.values()) == {riverside[0]["id"]}, runs
