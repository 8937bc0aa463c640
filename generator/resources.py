"""Where the files that ship with the generator are: the JSON Schemas and the theme overrides.

In a checkout they are the top-level folders schema/ and site_overrides/; `pip install .` copies them into the
package as generator/schemas and generator/overrides (see package-dir in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _shipped(installed: str, checkout: str) -> Path:
    inside = _PACKAGE / installed
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


SCHEMA_DIR = _shipped("schemas", "schema")
OVERRIDES_DIR = _shipped("overrides", "site_overrides")
STARTER_DIR = _PACKAGE / "starter"  # the files `local-offer init` writes (package data in both cases)
