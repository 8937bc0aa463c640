"""`new`: start a service record with every required field in place."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from generator.inputs.schema import schema_header
from generator.records.taxonomy import CATEGORIES

FIELDS = ("id", "name", "organisation", "category", "summary")


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]


def record_text(values: dict[str, str], today: date, header: str = "") -> str:
    """A starting record: given values filled in, the rest left for the coordinator (validation says what)."""
    record = {
        "id": values["id"],
        "name": values["name"],
        "organisation": values.get("organisation", ""),
        "category": values["category"],
        "summary": values.get("summary", ""),
        "description": "",
        "age_range": {"min": 0, "max": 25},
        "needs": ["all-needs"],
        "eligibility": "",
        "how_to_access": "",
        "referral": "self-or-professional",
        "cost": "free",
        "contact": {"email": ""},
        "last_reviewed": today.isoformat(),
    }
    return header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100)


def create(
    folder: Path, values: dict[str, str], today: date, ask: Callable[[str], str] | None = None, root: Path | None = None
) -> Path:
    """Write services/<category>/<id>.yaml under `folder` (the service records' folder); its first line points at
    the schema in `root`/schema/ (default: the folder above `folder`, as in a checkout or a folder `init` made)."""
    values = dict(values)
    if ask:
        for name in FIELDS:
            if not values.get(name):
                hint = f" ({', '.join(CATEGORIES)})" if name == "category" else ""
                default = slugify(values.get("name", "")) if name == "id" else ""
                answer = ask(f"{name}{hint}{f' [{default}]' if default else ''}: ").strip()
                values[name] = answer or default
    if not values.get("name"):
        raise ValueError("a name is needed: pass --name or answer the prompt")
    values["id"] = values.get("id") or slugify(values["name"])
    if values.get("category") not in CATEGORIES:
        raise ValueError(f"category must be one of: {', '.join(CATEGORIES)}")
    if values["id"] != slugify(values["id"]):
        raise ValueError(f"id '{values['id']}' must be lower-case letters, numbers and hyphens")
    path = folder / values["category"] / f"{values['id']}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    header = schema_header("service.schema.json", path.parent, root or folder.parent)
    path.write_text(record_text(values, today, header), encoding="utf-8")
    return path
