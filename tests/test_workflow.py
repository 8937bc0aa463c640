"""The pull-request workflow and pre-commit hook run the same validation a coordinator runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, checkout_env, make_project

CORPUS = Path(__file__).parent / "bad_records"


def _steps() -> dict[str, dict]:
    workflow = yaml.safe_load((REPO / ".github/workflows/local-offer.yml").read_text())
    assert set(workflow[True]) == {"pull_request", "push"}  # PyYAML reads the key `on` as True
    return {step.get("name", step.get("uses", "")): step for step in workflow["jobs"]["check"]["steps"]}


def test_workflow_is_valid_and_checks_builds_and_tests() -> None:
    steps = _steps()
    assert "--format github" in steps["Validate records"]["run"]
    assert steps["Run the tests"]["run"] == "make test"
    assert steps["Build the site"]["run"] == "make site"
    names = list(steps)
    audit = steps["Audit the built site's accessibility"]
    assert audit["run"].split("#")[0].strip() == "make audit"  # the council's real site, after the build
    assert names.index("Audit the built site's accessibility") == names.index("Build the site") + 1
    assert "artefacts/" in steps["Keep the built site and screenshots"]["with"]["path"]  # the report is kept


def test_make_audit_runs_the_audit_command_on_the_built_site() -> None:
    done = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "audit"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1].endswith("-m generator audit")


def test_workflow_validation_step_annotates_the_bad_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "services" / "send" / "bad-postcode.yaml").write_text((CORPUS / "bad-postcode.yaml").read_text())
    command = _steps()["Validate records"]["run"].replace(".venv/bin/python", sys.executable).split()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=checkout_env())
    assert done.returncode == 1
    assert "::error file=services/send/bad-postcode.yaml,line=23,col=15::locations › item 1 › postcode: " in done.stdout


def test_pre_commit_hook_validates_just_the_changed_files(tmp_path: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    services_hook = next(h for h in hooks if h["id"] == "local-offer-services")
    root = make_project(tmp_path / "p")
    bad = root / "services" / "send" / "bad-email.yaml"
    bad.write_text((CORPUS / "bad-email.yaml").read_text())
    command = [*services_hook["entry"].replace(".venv/bin/python", sys.executable).split(), str(bad)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, env=checkout_env())
    assert done.returncode == 1 and "services/send/bad-email.yaml:18:10: contact › email:" in done.stderr


def test_contributing_field_reference_matches_the_schemas() -> None:
    from generator.commands.fieldguide import field_reference

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert field_reference() in text, "run `python -m generator fields` to refresh CONTRIBUTING.md"
    for field in ("`age_range › max`", "`locations › each › postcode`", "`steps › each › when`", "`you_said`"):
        assert field in text


def _glob(pattern: str) -> re.Pattern[str]:
    """A GitHub Actions path filter as a regular expression (`**` any folders, `*` within one name)."""
    out = ""
    for part in re.split(r"(\*\*|\*)", pattern):
        out += ".*" if part == "**" else "[^/]*" if part == "*" else re.escape(part)
    return re.compile(out + r"\Z")


def _tracked() -> list[str]:
    done = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return done.stdout.splitlines()


def test_generator_tests_run_when_generator_code_changes_and_only_then() -> None:
    """A pull request that changes only records, pages or settings runs the council's checks alone; one that changes
    anything the generator is made of (code, schemas, theme overrides, tests, packaging) runs its tests too."""
    workflow = yaml.safe_load((REPO / ".github/workflows/generator.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]
    patterns = [_glob(p) for p in triggers["pull_request"]["paths"]]
    assert triggers["push"]["paths"] == triggers["pull_request"]["paths"]
    shipped = {"generator", "schema", "site_overrides"}  # pyproject's packages and package-dir
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert all(f'"{name}' in pyproject for name in shipped)
    for path in _tracked():
        runs = any(p.match(path) for p in patterns)
        top = path.split("/", 1)[0]
        if top in shipped | {"tests", "benchmarks", ".ci"} or path in {"pyproject.toml", "Makefile", "package.json"}:
            assert runs, f"changing {path} would not run the generator's tests"
        if top in {"content", "services", "schools"} or path == "mkdocs.yml":
            assert not runs, f"a change to {path} (content) would run the generator's 15-minute tests"
    assert "make test" in (REPO / ".ci/run").read_text(encoding="utf-8")
    (job,) = workflow["jobs"].values()
    assert [s.get("run") for s in job["steps"] if s.get("run")] == [".ci/run"]
