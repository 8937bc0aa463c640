"""The feed as an API on a static host: the ORUK validator's requests (root, services pages 1, middle and last,
10 random ids), replayed against a local server that applies the generated host files, get JSON every time."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from consumers import oruk_validator
from hostrules import Azure, Netlify, host
from oruk_standard import errors

from generator.inputs.settings import load_settings
from generator.publish.hosting import API, REWRITES, api_host_files, host_files

pytestmark = pytest.mark.xdist_group("synthetic-directory")  # shares conftest's synthetic_directory


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as failed:
        return failed.code, {k.lower(): v for k, v in failed.headers.items()}, failed.read()


def _json(url: str, schema: str) -> Any:
    status, headers, body = _get(url)
    assert status == 200, f"{url}: {status}"
    assert headers["content-type"].startswith("application/json"), f"{url}: {headers['content-type']}"
    assert headers.get("access-control-allow-origin") == "*", url
    data = json.loads(body)
    assert errors(schema, data) == [], url
    return data


def replay(base: str) -> list[str]:
    """The ORUK validator's sequence (tests/consumers.py, from its source); returns the addresses it asked, each
    answered with JSON its schema accepts (the standard's optional service_at_locations, not published, aside)."""
    run = oruk_validator(base + "/")
    assert run.failures == [], run.failures[:5]
    assert run.warnings == [f"{base}/service_at_locations?page=1: status 404"]
    for answer in run.asked[:-1]:
        assert answer.headers["content-type"].startswith("application/json"), answer.url
        assert answer.headers.get("access-control-allow-origin") == "*", answer.url
    whole = _json(f"{base}/services", "service_list.json")  # no page asked: every service, on one page
    first = _json(f"{base}/services?page=1", "service_list.json")
    assert whole["total_items"] == first["total_items"] == len(whole["contents"]) and whole["total_pages"] == 1
    return [a.url for a in run.asked[:-1]]


@pytest.fixture(scope="module")
def big_site(synthetic_directory: tuple[Path, dict[str, bytes]]) -> Path:
    """The feed of a 2,000-service directory with the sample's 42 schools and settings (21 pages; the settings'
    places on the last) and the host files, as a build publishes them."""
    root, files = synthetic_directory
    settings = load_settings(root / "mkdocs.yml")
    site = root / "api-site"
    for rel, data in files.items():
        if rel.startswith("openreferral/"):
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_bytes(data)
    for name, text in host_files(settings.council.site_url, set()).items():
        (site / name).write_text(text)
    (site / "404.html").write_text("<!doctype html><title>Page not found</title>")
    return site


def test_the_validators_requests_get_json_through_the_netlify_rules(big_site: Path) -> None:
    with host(big_site, Netlify) as base:
        asked = [a.split("openreferral")[1] for a in replay(f"{base}/openreferral")]
    assert asked[:5] == ["/", "/", "/services?page=1", "/services?page=10", "/services?page=21"]
    assert sum(a.startswith("/services/") for a in asked) == 10


def test_the_built_sites_api_answers_through_netlify_and_azure_rules(fixture_site: Path) -> None:
    for kind in (Netlify, Azure):
        with host(fixture_site, kind) as base:
            # one page of eleven services (five services, six schools and settings): ten of them asked for
            assert sum("/services/" in a for a in replay(f"{base}/openreferral")) == 10


def test_without_the_rules_the_api_addresses_get_no_json_as_on_github_pages(fixture_site: Path) -> None:
    """The check above can fail: a host that only serves files does not answer the API's addresses with JSON."""
    from browser import serve

    with serve(fixture_site) as base:
        for address in ("openreferral/", "openreferral/services?page=1", "openreferral/taxonomies"):
            status, headers, _ = _get(base + address)
            assert status != 200 or not headers["content-type"].startswith("application/json"), address


def test_a_page_past_the_last_is_not_found_and_odd_page_values_are_harmless(big_site: Path) -> None:
    with host(big_site, Netlify) as base:
        assert _get(f"{base}/openreferral/services?page=22")[0] == 404
        assert _get(f"{base}/openreferral/services?page=../../_headers")[0] == 404


def test_hosts_never_serve_their_own_configuration(fixture_site: Path) -> None:
    with host(fixture_site, Azure) as base:
        for name in ("_headers", "_redirects", "staticwebapp.config.json", "nginx.conf"):
            assert _get(f"{base}/{name}")[0] == 404, name
    nginx = (fixture_site / "nginx.conf").read_text()
    assert "location ~ ^/(_headers|_redirects|staticwebapp[.]config[.]json|nginx[.]conf)$ { return 404; }" in nginx


def _nginx_rewrites(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """(address → file, address → file for ?page=N) from the nginx snippet's `location =` blocks."""
    plain, paged = {}, {}
    for path, body in re.findall(r"location = (\S+) \{(.*?)\n\}", text, re.DOTALL):
        *page, target = re.findall(r"rewrite \^ (\S+) last;", body)
        plain[path] = target
        if page:
            paged[path] = page[0].replace("$lo_page", "{page}")
    return plain, paged


def test_every_host_file_maps_the_same_addresses_to_the_same_files(fixture_site: Path) -> None:
    netlify = Netlify(fixture_site)
    plain = {source: target for source, needs, target in netlify.rules if not needs}
    paged = {source: target.replace(":page", "{page}") for source, needs, target in netlify.rules if needs}
    assert plain == {r.path: r.target for r in REWRITES}
    assert paged == {r.path: r.paged for r in REWRITES if r.paged}
    azure = json.loads((fixture_site / "staticwebapp.config.json").read_text())
    assert {r["route"]: r["rewrite"] for r in azure["routes"] if "rewrite" in r} == plain
    assert _nginx_rewrites((fixture_site / "nginx.conf").read_text()) == (plain, paged)
    assert all((fixture_site / t.lstrip("/").replace("{page}", "1")).is_file() for t in {**plain, **paged}.values())


def test_a_site_under_a_path_gets_its_rules_under_that_path() -> None:
    files = host_files("https://www.council.gov.uk/local-offer/", set())
    assert files["_redirects"].splitlines()[1] == "/local-offer/openreferral/ /local-offer/openreferral/index.json 200"
    assert files["_headers"].startswith("/local-offer/*\n")
    assert "location = /local-offer/openreferral/services {" in files["nginx.conf"]


def test_the_api_folders_host_files_map_the_same_addresses_at_the_root(tmp_path: Path) -> None:
    files = api_host_files()
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    netlify = Netlify(tmp_path)
    plain = {source: target for source, needs, target in netlify.rules if not needs}
    paged = {source: target.replace(":page", "{page}") for source, needs, target in netlify.rules if needs}
    assert plain == {r.path: r.target for r in API.rewrites} and plain["/services"] == "/services-all.json"
    assert paged == {r.path: r.paged for r in API.rewrites if r.paged}
    azure = json.loads(files["staticwebapp.config.json"])
    assert {r["route"]: r["rewrite"] for r in azure["routes"] if "rewrite" in r} == plain
    assert _nginx_rewrites(files["nginx.conf"]) == (plain, paged)
    assert "default_type application/json;" in files["nginx.conf"] and "script-src" not in files["_headers"]
