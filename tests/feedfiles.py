"""Reading a built Open Referral feed back: which published schema each file answers to, and its objects."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LISTS = {
    "services": "service_list.json",
    "organizations": "organization_list.json",
    "taxonomies": "taxonomy_list.json",
    "taxonomy_terms": "taxonomy_term_list.json",
}
ITEMS = {
    "services": "service.json",
    "organizations": "organization.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
}


def schema_for(rel: str) -> str:
    """The published schema a feed file (path relative to openreferral/) must meet, as the API serves it."""
    if rel == "index.json":
        return "api_details.json"
    if "/" in rel:
        return ITEMS[rel.split("/")[0]]
    return LISTS[rel.split("-page-")[0].removesuffix("-all.json")]  # a page, or the whole collection on one


def feed_documents(files: dict[str, str] | Path) -> Iterator[tuple[str, Any]]:
    """(path relative to openreferral/, parsed JSON) for every file of a feed: a built site's folder, or the files
    the generator made in memory (`{site path: text}`)."""
    if isinstance(files, Path):
        for path in sorted(files.rglob("*")):
            if path.is_file() and path.suffix not in (".br", ".gz"):  # a host's compressed copies of the same JSON
                yield path.relative_to(files).as_posix(), json.loads(path.read_text(encoding="utf-8"))
        return
    for rel, text in sorted(files.items()):
        if rel.startswith("openreferral/"):
            yield rel.removeprefix("openreferral/"), json.loads(text)


def walk(value: Any, at: str = "") -> Iterator[tuple[str, Any]]:
    """Every value inside a JSON document with its path."""
    yield at, value
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from walk(inner, f"{at}/{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from walk(inner, f"{at}/{i}")
