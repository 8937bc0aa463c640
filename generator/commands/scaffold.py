"""`new`: start a service record with every required field in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml

from generator.inputs.messages import slug
from generator.inputs.names import name_problem
from generator.inputs.schema import schema_header
from generator.records.taxonomy import CATEGORIES

FIELDS = ("id", "name", "organisation", "category", "summary")


def slugify(name: str) -> str:
    """A readable id from any name: accents dropped (Café → cafe), anything else not a–z or 0–9 a hyphen; "" when
    the name has no Latin letters or digits at all (the coordinator is asked for an id)."""
    made = slug(name, "")
    return f"{made}-service" if made and name_problem(f"{made}.yaml") else made


def _id_problem(record_id: str, name: str) -> str | None:
    if not record_id:
        return (
            f"the name {name!r} has no letters a–z or numbers to make the file name from: give the id yourself with "
            "--id, in lower-case English letters, numbers and hyphens, for example --id autism-parents-support"
        )
    if record_id != slug(record_id, ""):
        return f"id '{record_id}' must be lower-case letters, numbers and hyphens, for example {slug(record_id)!r}"
    wrong = name_problem(f"{record_id}.yaml")
    return f"id '{record_id}' {wrong.rstrip('.')}: choose another" if wrong else None


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
    wrong = _id_problem(values["id"], values["name"])
    if wrong:
        raise ValueError(wrong)
    path = folder / values["category"] / f"{values['id']}.yaml"
    if path.exists():
        raise FileExistsError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    header = schema_header("service.schema.json", path.parent, root or folder.parent)
    path.write_text(record_text(values, today, header), encoding="utf-8")
    return path
