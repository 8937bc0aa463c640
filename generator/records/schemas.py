"""The JSON Schemas as data: read from schema/, with local references inlined. What records are checked against
(inputs/schema.py compiles the validators) and what the record model reads field names, defaults and labels from."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from generator.resources import SCHEMA_DIR


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


_ANNOTATIONS = {"description", "x-hint", "title"}
_LOWER_BOUNDS = {"minLength", "minimum", "minItems"}
_UPPER_BOUNDS = {"maxLength", "maximum", "maxItems"}


def _inline_refs(node: object, defs: dict[str, Any]) -> Any:
    """Replace local `$ref`s with the schema they point to (siblings such as maxLength kept): the same rules,
    without a reference lookup for every value of every record."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _inline_refs(value, defs) for key, value in node.items()}
    ref = node.get("$ref", "")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        merged = {**target}
        for key, value in node.items():
            if key == "$ref" or key not in target or key in _ANNOTATIONS:
                merged[key] = value
            elif key in _LOWER_BOUNDS:
                merged[key] = max(value, target[key])  # both must hold: the stricter wins
            elif key in _UPPER_BOUNDS:
                merged[key] = min(value, target[key])
            else:
                raise ValueError(f"schema keyword {key} appears both beside {ref} and in it")
        merged.pop("$ref")
        return merged
    return node


@cache
def inlined_schema(name: str) -> dict[str, Any]:
    """The schema with its local references replaced by what they point to: what records are checked against,
    and what the record model reads field names, defaults and labels from."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    inlined = _inline_refs(schema, schema.get("$defs", {}))
    assert isinstance(inlined, dict)
    return inlined


def labels(name: str, *path: str, short: bool = False) -> dict[str, str]:
    """The words shown to families for each value a field allows (the schema's `x-labels`, or `x-short-labels` for
    search filters, in the schema's order). `path` names the field (through lists: `opening_hours`, `days`); for a
    list, the labels of its items."""
    spec: dict[str, Any] = inlined_schema(name)
    for part in path:
        spec = spec.get("items", spec)["properties"][part]
    spec = spec.get("items", spec)
    words = spec["x-short-labels" if short else "x-labels"]
    return {str(value): words[value] for value in spec["enum"]}
