"""The accessibility statement's inputs, read and checked: the council's facts (content/accessibility.yaml) and the
record of the last complete audit (content/accessibility-audit.yaml, written by `local-offer audit --record`).
pages/accessibility.py makes the statement from them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.inputs.load import Loaded, load_file
from generator.inputs.problems import Problem, field_label
from generator.inputs.validate import check_against_schema
from generator.records.schemas import inlined_schema, labels

FACTS_FILE = "accessibility.yaml"
AUDIT_FILE = "accessibility-audit.yaml"
SCHEMA = "accessibility.schema.json"
AUDIT_SCHEMA = "accessibility-audit.schema.json"
COMPLIANCE = labels(SCHEMA, "compliance")
CRITERIA: dict[str, str] = inlined_schema(SCHEMA)["$defs"]["criterion"]["x-labels"]


@dataclass(frozen=True)
class Statement:
    facts: dict[str, Any]
    audit: dict[str, Any]  # {} when no audit has been recorded


def _load(path: Path, root: Path, schema: str) -> tuple[Loaded | None, list[Problem]]:
    if not path.is_file():
        return None, []
    loaded = load_file(path, path.relative_to(root).as_posix())
    problems = loaded.problems + check_against_schema(loaded, schema)
    return loaded, problems


def load_facts(content_dir: Path, root: Path) -> tuple[Statement | None, list[Problem]]:
    """The statement's facts and audit record, checked; None (no statement page) without accessibility.yaml."""
    facts, problems = _load(content_dir / FACTS_FILE, root, SCHEMA)
    audit, audit_problems = _load(content_dir / AUDIT_FILE, root, AUDIT_SCHEMA)
    problems += audit_problems
    if audit is not None and not audit_problems:
        problems += _unknown_criteria(audit)
    if facts is None or problems:
        return None, problems
    record = audit.data if audit is not None and isinstance(audit.data, dict) else {}
    problems += _compliance_claim(facts, record)
    return (None if problems else Statement(facts.data, record)), problems


def _unknown_criteria(audit: Loaded) -> list[Problem]:
    problems = []
    for n, item in enumerate((audit.data.get("failures") or {}).get("items", [])):
        criterion = item.get("criterion")
        if criterion is not None and criterion not in CRITERIA:
            at = ("failures", "items", n, "criterion")
            message = f"{criterion} is not a WCAG 2.2 level A or AA success criterion."
            hint = "Run `local-offer audit --record` again rather than editing this file by hand."
            problems.append(Problem(audit.file, *audit.where(at), field_label(at), message, hint))
    return problems


def _compliance_claim(facts: Loaded, audit: dict[str, Any]) -> list[Problem]:
    """"Fully compliant" cannot stand beside a known WCAG failure."""
    failing = [i for i in facts.data.get("known_issues", []) if i.get("criterion")]
    failing += [i for i in (audit.get("failures") or {}).get("items", []) if i.get("criterion")]
    if facts.data["compliance"] != "fully" or not failing:
        return []
    message = f"says fully compliant, but {len(failing)} known problem(s) fail a WCAG success criterion."
    hint = "Write `compliance: partially` until they are fixed."
    return [Problem(facts.file, *facts.where(("compliance",)), "compliance", message, hint)]
