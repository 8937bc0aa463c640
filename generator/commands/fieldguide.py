"""The field reference in CONTRIBUTING.md, written from the schemas' own descriptions so it never drifts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.inputs.glossary import GLOSSARY_FILE
from generator.inputs.glossary import SCHEMA as GLOSSARY_SCHEMA
from generator.inputs.kinds import KINDS
from generator.inputs.settings import SETTINGS_SCHEMA
from generator.records.schemas import load_schema

START, END = "<!-- fields:start -->", "<!-- fields:end -->"
# Where each kind's files are in the usual layout (a council may move them: extra.folders in mkdocs.yml), in the
# order the reference lists them.
USUAL_PLACE = {
    "service": "services/<category>/<id>.yaml",
    "setting": "schools/<id>.yaml",
    "guide": "content/transitions/<id>.yaml",
    "feedback": "content/you-said-we-did/<id>.yaml",
}


def _allowed(spec: dict[str, Any]) -> str:
    spec = spec.get("items", spec) if spec.get("type") == "array" else spec
    values = spec.get("enum")
    return ", ".join(f"`{v}`" for v in values) if values else ""


def _rows(schema: dict[str, Any], prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", ()))
    for name, spec in schema.get("properties", {}).items():
        field = f"{prefix}{name}"
        description = " ".join(spec.get("description", "").split()).replace("|", "\\|")
        allowed = _allowed(spec)
        rows.append(
            f"| `{field}` | {'yes' if name in required else 'no'} | {description}"
            f"{' Allowed: ' + allowed + '.' if allowed else ''} |"
        )
        if spec.get("type") == "object":
            rows += _rows(spec, f"{field} › ")
        elif isinstance(spec.get("items"), dict) and spec["items"].get("type") == "object":
            rows += _rows(spec["items"], f"{field} › each › ")
    return rows


def field_reference() -> str:
    parts = [START]
    kinds = sorted(KINDS, key=lambda kind: list(USUAL_PLACE).index(kind.name))
    sections = [(kind.label[:1].upper() + kind.label[1:] + "s", USUAL_PLACE[kind.name], kind.schema) for kind in kinds]
    glossary = ("Glossary terms, one item each", f"content/{GLOSSARY_FILE}", GLOSSARY_SCHEMA)
    for title, where, name in [*sections, glossary, ("Council settings", "mkdocs.yml", SETTINGS_SCHEMA)]:
        schema = load_schema(name)
        parts += [
            "",
            f"### {title} (`{where}`)",
            "",
            schema.get("description", ""),
            "",
            "| field | required | what to write |",
            "| --- | --- | --- |",
            *_rows(schema if "properties" in schema else schema.get("items", {})),
        ]
    parts += ["", END]
    return "\n".join(parts)


def update(path: Path) -> bool:
    """Rewrite the reference between the markers; returns True if the file changed."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    new = pattern.sub(lambda _: field_reference(), text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
