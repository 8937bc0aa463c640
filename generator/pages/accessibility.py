"""The accessibility statement, generated from content/accessibility.yaml and the last automated test run."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from generator.inputs.load import load_file
from generator.inputs.problems import Problem
from generator.inputs.schema import labels
from generator.inputs.settings import Council
from generator.inputs.validate import check_against_schema
from generator.pages.render import page, render_template

FACTS_FILE = "accessibility.yaml"
SCHEMA = "accessibility.schema.json"
LAST_RUN = Path("artefacts") / "accessibility" / "last-run.json"
COMPLIANCE = labels(SCHEMA, "compliance")


def load_facts(content_dir: Path, root: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    path = content_dir / FACTS_FILE
    if not path.is_file():
        return None, []
    loaded = load_file(path, path.relative_to(root).as_posix())
    problems = loaded.problems + check_against_schema(loaded, SCHEMA)
    return (None if problems else loaded.data), problems


def last_test_run(root: Path) -> dict[str, Any] | None:
    """What the accessibility test suite recorded when it last passed (see tests/conftest.py)."""
    try:
        run: dict[str, Any] = json.loads((root / LAST_RUN).read_text(encoding="utf-8"))
        run["day"] = date.fromisoformat(run["date"][:10])
        return run
    except (OSError, ValueError, KeyError, TypeError):
        return None


def statement_page(facts: dict[str, Any], council: Council, last_run: dict[str, Any] | None) -> str:
    html = render_template(
        "accessibility.md.j2",
        "accessibility.md",
        facts=facts,
        council=council,
        compliance=COMPLIANCE[facts["compliance"]],
        prepared=date.fromisoformat(facts["prepared"]),
        reviewed=date.fromisoformat(facts["last_reviewed"]),
        last_run=last_run,
    )
    return page(
        {"title": "Accessibility statement", "description": f"How accessible the {council.site_name} is."}, html
    )
