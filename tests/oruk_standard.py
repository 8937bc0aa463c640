"""The published Open Referral UK 3.0 schemas (tests/oruk/spec-3.0, see tests/oruk/README.md), resolved locally.

Each schema is registered under the address its `$ref`s use (https://openreferraluk.org/specifications/3.0/schema/
<name>), so validation never touches the network; formats (uuid, uri, email, date-time) are checked."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC = Path(__file__).resolve().parent / "oruk" / "spec-3.0"
BASE = "https://openreferraluk.org/specifications/3.0/schema/"


@cache
def registry() -> Registry[Any]:
    resources = []
    for path in sorted((SPEC / "schema").glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE + path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator for one published schema (`service.json`, `service_list.json`, `api_details.json`...)."""
    schema = registry().contents(BASE + name)
    assert isinstance(schema, dict)
    return Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())


def errors(name: str, document: object) -> list[str]:
    """Every error of `document` against the published schema `name`, as `path: message`."""
    found = validator(name).iter_errors(document)
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(top)'}: {e.message}" for e in found]
