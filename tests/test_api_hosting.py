"""The Open Referral UK API on real nginx, as two real consumers read it (tests/consumers.py): the API as a folder of
its own at the root of an address (what `build --api-dir` writes), and the whole site under a sub-path."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, checkout_env, make_project
from consumers import dfe_ingester, http_get, oruk_validator
from hostrules import Azure, Netlify, host
from nginx_server import nginx
from oruk_standard import errors

from generator.inputs.settings import load_settings, today
from generator.pipeline import generate
from generator.publish.api_folder import write_api_folder

SERVICES = 150  # synthetic services: with per_page 10, 15 pages of services


def _set_feed(root: Path, **feed: object) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = "".join(f"    {key}: {json.dumps(value)}\n" for key, value in feed.items())
    config.write_text(text.replace("  open_referral:\n", "  open_referral:\n" + extra, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def api_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The API folder of a synthetic directory (150 services, 10 a page), written as `build --api-dir` writes it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    import synthetic

    root = synthetic.make_project(tmp_path_factory.mktemp("api") / "project", SERVICES)
    _set_feed(root, per_page=10, api_url="https://api.example.gov.uk/")
    result = generate(load_settings(root / "mkdocs.yml"), today())
    assert result.ok, [p.text() for p in result.problems][:5]
    folder = root / "site-api"
    folder.mkdir()
    write_api_folder(folder, result.files)
    return folder


def _service_count(folder: Path) -> int:
    return len([p for p in (folder / "services").iterdir() if not p.suffix])


def test_the_validator_passes_the_api_at_the_root_of_its_address_on_nginx(api_root: Path, tmp_path: Path) -> None:
    with nginx(api_root, tmp_path / "nginx") as base:
        run = oruk_validator(base + "/")
    assert run.failures == []
    # the standard's only path we do not publish is optional: a warning, as the validator reports it
    assert run.warnings == [f"{base}/service_at_locations?page=1: status 404"]
    pages = [a.url.removeprefix(base) for a in run.asked if "/services?" in a.url]
    assert pages == ["/services?page=1", "/services?page=7", "/services?page=15"]  # first, total / 2, last
    assert len(run.services) == 10 and all(a.headers["content-type"] == "application/json" for a in run.asked[:-1])


def test_every_service_reaches_the_dfe_ingester_from_the_api_at_a_root(api_root: Path, tmp_path: Path) -> None:
    """The ingester asks /services once (no page) and each service by its id: every service is imported, and each
    one meets the published ORUK schema."""
    with nginx(api_root, tmp_path / "nginx") as base:
        run = dfe_ingester(base + "/")
    assert run.failures == [] and run.warnings == []
    assert len(run.services) == _service_count(api_root) == SERVICES
    assert all(errors("service.json", service) == [] for service in run.services.values())


def test_every_page_of_every_collection_answers_on_nginx(api_root: Path, tmp_path: Path) -> None:
    """Every ?page=N the standard's pagination offers, for each collection, and every service they list."""
    seen: set[str] = set()
    with nginx(api_root, tmp_path / "nginx") as base:
        for name, schema in (
            ("services", "service"),
            ("taxonomies", "taxonomy"),
            ("taxonomy_terms", "taxonomy_term"),
            ("organizations", "organization"),
        ):
            first = http_get(f"{base}/{name}?page=1").json()
            for number in range(1, first["total_pages"] + 1):
                answer = http_get(f"{base}/{name}?page={number}&per_page=10")
                page = answer.json()
                assert errors(f"{schema}_list.json", page) == [] and page["page_number"] == number
                assert answer.headers["access-control-allow-origin"] == "*"
                if name == "services":
                    seen.update(item["id"] for item in page["contents"])
            assert http_get(f"{base}/{name}?page={first['total_pages'] + 1}").status == 404
        assert http_get(f"{base}/services?page=../../nginx.conf").json()["total_pages"] == 1  # not a page: the whole
        for hidden in ("_headers", "_redirects", "staticwebapp.config.json", "nginx.conf"):
            assert http_get(f"{base}/{hidden}").status == 404
        for chosen in sorted(seen)[::15]:
            assert http_get(f"{base}/services/{chosen}").json()["id"] == chosen
    assert len(seen) == SERVICES


def test_the_emulated_netlify_and_azure_hosts_serve_the_api_folder_too(api_root: Path) -> None:
    for kind in (Netlify, Azure):
        with host(api_root, kind) as base:
            validated, ingested = oruk_validator(base + "/", http_get), dfe_ingester(base, http_get)
        assert validated.failures == [] and len(ingested.services) == SERVICES, kind


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build through the command line: the fixture project under a sub-path, with its API folder."""
    root = make_project(tmp_path_factory.mktemp("built") / "project")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = re.search(r"^site_url: (\S+)$", text, re.MULTILINE)
    assert site_url is not None
    (root / "mkdocs.yml").write_text(text.replace(site_url[0], "site_url: https://www.example.gov.uk/local-offer/"))
    _set_feed(root, per_page=10, api_url="https://api.example.gov.uk/", api_dir="site-api")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=root, env=checkout_env(), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "The Open Referral UK API is in" in done.stdout
    return root


def test_the_site_under_a_path_serves_its_api_on_nginx_but_the_dfe_ingester_cannot_read_it(
    built: Path, tmp_path: Path
) -> None:
    """The issue as it was: with the API under the site's path, the validator passes, the DfE ingester asks the
    host's root and gets nothing; given the API folder at a root, it gets every service."""
    www = tmp_path / "www"
    www.mkdir()
    (www / "local-offer").symlink_to(built / "site")
    with nginx(www, tmp_path / "nginx", rules=built / "site" / "nginx.conf") as base:
        under_path = f"{base}/local-offer/openreferral"
        assert oruk_validator(under_path).failures == []
        dropped = dfe_ingester(under_path)
        home = http_get(f"{base}/local-offer/")
        assert home.status == 200 and b'href="https://api.example.gov.uk/"' in home.body  # where the API lives
    assert dropped.failures == [f"{base}/services: status 404: nothing imported"]
    with nginx(built / "site-api", tmp_path / "nginx-api") as base:
        validated, ingested = oruk_validator(base), dfe_ingester(base)
    assert validated.failures == []
    assert len(ingested.services) == _service_count(built / "site-api") == 11  # 5 services, 6 schools and settings


def test_a_failed_build_leaves_the_api_folder_as_it_was(built: Path) -> None:
    before = {p.relative_to(built / "site-api"): p.read_bytes() for p in (built / "site-api").rglob("*") if p.is_file()}
    record = next((built / "services").rglob("*.yaml"))
    saved = record.read_text(encoding="utf-8")
    record.write_text(saved.replace("name:", "nmae:", 1), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "build"], cwd=built, env=checkout_env(), capture_output=True, text=True
        )
    finally:
        record.write_text(saved, encoding="utf-8")
    assert done.returncode == 1
    after = {p.relative_to(built / "site-api"): p.read_bytes() for p in (built / "site-api").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("folder", [".", "site", "site/api", "services", "content/api", ".."])
def test_an_api_folder_that_would_replace_the_project_is_refused_on_its_line(tmp_path: Path, folder: str) -> None:
    root = make_project(tmp_path / "project")
    _set_feed(root, api_dir=folder)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "validate"], cwd=root, env=checkout_env(), capture_output=True, text=True
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(i for i, text in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1) if "api_dir" in text)
    assert f"mkdocs.yml:{line}:" in done.stderr and "open_referral › api_dir" in done.stderr, done.stderr
    if folder not in (".", ".."):  # the pattern refuses those two; the others are refused as overlapping
        assert "a build replaces this folder" in done.stderr
    if folder == "services":  # the same check for the command's option, before anything is built
        other = make_project(tmp_path / "other")
        cli = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--api-dir", folder],
            cwd=other,
            env=checkout_env(),
            capture_output=True,
            text=True,
        )
        assert cli.returncode == 2 and cli.stderr.startswith("error: --api-dir:") and "Traceback" not in cli.stderr
        assert not (other / "site").exists()


def test_settings_keep_their_defaults_without_the_new_keys(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    settings = load_settings(root / "mkdocs.yml")
    site_url = re.search(r"^site_url: (\S+)$", (root / "mkdocs.yml").read_text(), re.MULTILINE)
    assert site_url is not None and settings.council.api_url == site_url[1].rstrip("/") + "/openreferral/"
    assert settings.api_dir is None and settings.api_in_site
    shutil.rmtree(root)


def test_when_the_api_folder_cannot_be_put_in_place_the_site_is_put_back(tmp_path: Path) -> None:
    from generator.publish.publish import publish_together

    site, api = tmp_path / "site", tmp_path / "site-api"
    for folder, text in ((site, "old site"), (api, "old api"), (tmp_path / "new-site", "new site")):
        folder.mkdir()
        (folder / "index").write_text(text)
    with pytest.raises(OSError):
        publish_together([(tmp_path / "new-site", site), (tmp_path / "missing", api)])
    assert (site / "index").read_text() == "old site" and (api / "index").read_text() == "old api"
    assert (tmp_path / "new-site" / "index").read_text() == "new site"
