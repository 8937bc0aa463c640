"""The schema is the single source of truth: every field explained, every value has words for families."""

from __future__ import annotations

from collections.abc import Iterator

from generator.records.schemas import load_schema
from generator.records.taxonomy import NEEDS


def _properties(schema: dict, path: str = "") -> Iterator[tuple[str, dict]]:
    for name, sub in schema.get("properties", {}).items():
        yield f"{path}{name}", sub
        yield from _properties(sub, f"{path}{name}.")
        if isinstance(sub.get("items"), dict):
            yield from _properties(sub["items"], f"{path}{name}[].")


def test_every_property_has_a_human_description() -> None:
    schema = load_schema("service.schema.json")
    missing = [name for name, sub in _properties(schema) if not sub.get("description")]
    assert missing == []


def test_labels_are_read_from_the_schema_in_its_order() -> None:
    props = load_schema("service.schema.json")["properties"]
    assert list(NEEDS) == props["needs"]["items"]["enum"]
    assert NEEDS["sensory-and-physical"] == props["needs"]["items"]["x-labels"]["sensory-and-physical"]
