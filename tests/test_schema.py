"""The schema is the single source of truth: every field explained, every value has words for families."""

from __future__ import annotations

from collections.abc import Iterator

from generator.inputs.schema import load_schema, validator
from generator.pages.taxonomy import CATEGORIES, NEEDS, PHASES, REFERRAL, STATUS


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


def test_schema_is_valid_draft_2020_12() -> None:
    assert validator("service.schema.json").META_SCHEMA["$id"].endswith("2020-12/schema")


def test_every_allowed_value_has_words_for_families() -> None:
    props = load_schema("service.schema.json")["properties"]
    assert set(props["category"]["enum"]) == set(CATEGORIES)
    assert set(props["needs"]["items"]["enum"]) == set(NEEDS)
    assert set(props["phases"]["items"]["enum"]) == set(PHASES)
    assert set(props["referral"]["enum"]) == set(REFERRAL)
    assert set(props["status"]["enum"]) == set(STATUS)
