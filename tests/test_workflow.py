"""The pull-request workflow and pre-commit hook run the same validation a coordinator runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, checkout_env, make_project
from workflow_lint import actionlint_problems, schema_problems

CORPUS = Path(__file__).parent / "bad_records"


WORKFLOWS = REPO / ".github" / "workflows"


def _steps() -> dict[str, dict]:
    workflow = yaml.safe_load((WORKFLOWS / "local-offer.yml").read_text(encoding="utf-8"))
    return {step.get("name", step.get("uses", "")): step for step in workflow["jobs"]["check"]["steps"]}


def _command(run: str) -> list[str]:
    """A workflow's `local-offer …` line as this checkout runs it."""
    assert run.startswith("local-offer ")
    return [sys.executable, "-m", "generator", *run.split()[1:]]


def test_this_repository_checks_its_content_with_the_council_workflow_itself() -> None:
    """The demonstration goes through exactly the steps a council's repository does (init's workflow), with the
    generator installed from this checkout instead of the pinned version."""
    ours = (WORKFLOWS / "local-offer.yml").read_text(encoding="utf-8")
    councils = (REPO / "generator" / "starter" / "workflow.yml").read_text(encoding="utf-8")
    as_installed_here = (
        councils.replace("python -m pip install -r requirements.txt", 'python -m pip install ".[audit]"')
        .replace("cache-dependency-path: requirements.txt", "cache-dependency-path: pyproject.toml")
        .replace("(the version in requirements.txt)", "(this checkout)")
    )
    without_comments = [yaml.safe_load(text) for text in (ours, as_installed_here)]
    assert without_comments[0] == without_comments[1]


@pytest.mark.parametrize("name", ["local-offer.yml", "generator.yml"])
def test_each_workflow_meets_githubs_schema_and_actionlint(name: str) -> None:
    assert schema_problems(WORKFLOWS / name) == ""
    assert actionlint_problems(WORKFLOWS / name) == ""


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "local-offer.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("needs: check", "needs: chek"), encoding="utf-8")
    assert 'needs job "chek" which does not exist' in actionlint_problems(broken)


def test_make_audit_runs_the_audit_command_on_the_built_site() -> None:
    done = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", "audit"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1].endswith("-m generator audit")


def test_workflow_validation_step_annotates_the_bad_line(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "services" / "send" / "bad-postcode.yaml").write_text((CORPUS / "bad-postcode.yaml").read_text())
    command = _command(_steps()["Check the records"]["run"])
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
