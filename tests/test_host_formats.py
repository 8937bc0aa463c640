"""Every host file the build writes (for the site at a path, and for the API folder at a root) checked against the
format its host publishes, so a council's deploy does not fail or silently drop a rule.

- Cloudflare Pages, developers.cloudflare.com/pages/configuration/redirects/: one `[source] [destination] [code?]`
  per line, any other shape ignored; at most 2,000 static and 100 dynamic redirects (a splat or :placeholder makes
  one dynamic), 1,000 characters a line; rewrites (200) only to paths. .../pages/configuration/headers/: at most 100
  header rules, 2,000 characters a line, one splat a path, absolute URLs only with https.
- Netlify, docs.netlify.com/manage/routing/redirects/: `from [key=:value…] to [status]`, query parameters matched by
  name with their value as a :placeholder; `_headers` blocks of a path and indented `Name: value` lines.
- Azure Static Web Apps: its published JSON schema (tests/hosts/), and from learn.microsoft.com/azure/static-web-apps/
  configuration: a `*` only at the end of a route, `mimeTypes` keys are file endings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from generator.publish.hosting import api_host_files, host_files

HOSTS = Path(__file__).resolve().parent / "hosts"
CASES = {
    "site at a path": host_files("https://www.example.gov.uk/local-offer/", {"'sha256-" + "A" * 43 + "='"}),
    "site at a root": host_files("https://localoffer.example.gov.uk/", set()),
    "API at a root": api_host_files(),
}
PLACEHOLDER = re.compile(r":[A-Za-z]\w*")


@pytest.mark.parametrize("case", CASES)
def test_redirects_meet_netlifys_and_cloudflares_formats(case: str) -> None:
    lines = [line for line in CASES[case]["_redirects"].splitlines() if line.strip() and not line.startswith("#")]
    cloudflare = []
    for line in lines:
        fields = line.split()
        assert len(line) <= 1000, line  # Cloudflare's limit a line
        source, *conditions, target, status = fields
        assert status == "200" and source.startswith("/") and target.startswith("/"), line
        assert all(re.fullmatch(r"[a-z_]+=:[a-z_]+", c) for c in conditions), line  # Netlify: key=:placeholder
        for condition in conditions:  # the placeholder a query parameter names is the one the target uses
            assert condition.split("=")[1] in target, line
        if len(fields) <= 3:  # Cloudflare reads only these; a line with a query condition is ignored there
            cloudflare.append((source, target))
            assert not PLACEHOLDER.search(target) and "*" not in source, line  # answered whole on Cloudflare
    assert len(cloudflare) == len({source for source, _ in cloudflare})  # the first rule for a source wins
    dynamic = [s for s, _ in cloudflare if "*" in s or PLACEHOLDER.search(s)]
    assert len(dynamic) <= 100 and len(cloudflare) - len(dynamic) <= 2000


@pytest.mark.parametrize("case", CASES)
def test_headers_meet_netlifys_and_cloudflares_formats(case: str) -> None:
    rules: list[tuple[str, list[str]]] = []
    for line in CASES[case]["_headers"].splitlines():
        assert len(line) <= 2000, line[:80]  # Cloudflare's limit a line
        if line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name) and value and "\n" not in value, line
            rules[-1][1].append(name)
        elif line.strip():
            assert line.startswith("/") and line.count("*") <= 1 and (line.endswith("*") or "*" not in line), line
            rules.append((line, []))
    assert 0 < len(rules) <= 100 and all(names for _, names in rules)  # Cloudflare: at most 100 rules


@pytest.mark.parametrize("case", CASES)
def test_the_azure_file_meets_its_published_schema_and_documented_rules(case: str) -> None:
    config = json.loads(CASES[case]["staticwebapp.config.json"])
    schema = json.loads((HOSTS / "staticwebapp.config.schema.json").read_text(encoding="utf-8"))
    assert sorted(e.message for e in Draft4Validator(schema).iter_errors(config)) == []
    for route in config["routes"]:
        assert set(route) <= {"route", "rewrite", "headers", "statusCode"}, route
        assert route["route"].startswith("/") and "*" not in route["route"][:-1], route
        assert ("rewrite" in route) + ("statusCode" in route) <= 1, route
        assert all(isinstance(v, str) for v in route.get("headers", {}).values()), route
    assert all(key.startswith(".") for key in config["mimeTypes"])
    assert all(isinstance(v, str) and "\n" not in v for v in config["globalHeaders"].values())


def test_the_azure_schema_check_can_fail() -> None:
    """The published schema is loose (any object with a `route` passes its first branch, so the documented rules
    above carry most of the check), but it refuses a route without `route` and a fallback without `rewrite`."""
    schema = json.loads((HOSTS / "staticwebapp.config.schema.json").read_text(encoding="utf-8"))
    bad = {"routes": [{"rewrite": "/b"}], "navigationFallback": {"exclude": []}, "globalHeaders": []}
    assert len(list(Draft4Validator(schema).iter_errors(bad))) == 3


def test_the_publishing_guide_names_only_real_files_options_and_settings(fixture_site: Path) -> None:
    """The publishing guide (which init puts in every council's repository): every host file, command option, make
    target and setting it names exists, and init writes it."""
    from generator.commands.cli import _parser

    repo = Path(__file__).resolve().parents[1]
    guide = (repo / "generator" / "starter" / "PUBLISHING.md").read_text(encoding="utf-8")
    for name in ("_headers", "_redirects", "staticwebapp.config.json", "nginx.conf", "index.json"):
        assert f"`{name}`" in guide
        assert (fixture_site / name).is_file() or (fixture_site / "openreferral" / name).is_file(), name
    for path in re.findall(r"`(\.github/[^`]+)`", guide):
        assert (repo / path).is_file(), path
    build = _parser()._subparsers._group_actions[0].choices["build"]  # type: ignore[union-attr]
    options = {o for action in build._actions for o in action.option_strings}
    commands = re.findall(r"local-offer build ([^`]*)`", guide)
    used = {o for command in commands for o in re.findall(r"--[a-z-]+", command)}
    assert used and used <= options
    targets = set(re.findall(r"^([a-z-]+):", (repo / "Makefile").read_text(), re.MULTILINE))
    assert set(re.findall(r"`make ([a-z-]+)`", guide)) <= targets
    schema = json.loads((repo / "schema" / "settings.schema.json").read_text())
    feed = schema["properties"]["extra"]["properties"]["open_referral"]["properties"]
    assert {"api_url", "api_dir", "per_page", "in_site", "namespace"} <= set(feed)
    assert all(f"`{key}" in guide for key in ("api_url", "api_dir", "per_page", "in_site"))
    from generator.commands.init import _starter_files

    assert "PUBLISHING.md" in {rel for _, rel in _starter_files()}
    assert "requirements.txt" in {rel for _, rel in _starter_files()} and "`local-offer build`" in guide
