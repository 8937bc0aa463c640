"""Imported services written as records: one YAML file each in services/<category>/, ids made from names, never
over an existing record unless asked (`--update`, matched by the source id the record keeps). They are moved in all
or nothing by generator/importing/journal.py."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.importing.mapping import Context, Mapped, Note, to_record
from generator.importing.read import ImportFailed
from generator.importing.sources import Incoming
from generator.inputs.load import load_file
from generator.inputs.messages import slug
from generator.inputs.problems import Problem
from generator.inputs.schema import schema_header
from generator.inputs.validate import display


class _Quoted(str):
    """Text always written in double quotes (times and phone numbers, which YAML could read as numbers)."""


class _Dumper(yaml.SafeDumper):
    """Writes records as people do: dates unquoted, several lines as a block, times and phones in quotes."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if isinstance(value, _Quoted) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Quoted, _text)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    """A list of words on one line, `[monday, tuesday]`; a list of groups one under another."""
    flow = all(isinstance(item, str) and "\n" not in item for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _mapping(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    flow = set(value) == {"min", "max"}  # age_range: {min: 0, max: 25}
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


_Dumper.add_representer(list, _list)
_Dumper.add_representer(dict, _mapping)


def _prepared(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _prepared(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_prepared(v, key) for v in value]
    if isinstance(value, str):
        if key in ("phone", "opens", "closes"):
            return _Quoted(value)
        return value + "\n" if "\n" in value else value  # a block ends with a line break, as YAML reads it back
    return value


def record_yaml(record: dict[str, Any], header: str = "") -> str:
    """A record as YAML, after `header` (its $schema line)."""
    text = yaml.dump(_prepared(record), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    return header + text


@dataclass
class Planned:
    mapped: Mapped
    path: Path
    replaces: bool


def _existing(folder: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """Records already there: by id (file name) and by the source id they keep."""
    by_id: dict[str, Path] = {}
    by_source: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        by_id[path.stem] = path
        data = load_file(path, path.name).data
        if isinstance(data, dict) and isinstance(data.get("source_id"), str):
            by_source.setdefault(data["source_id"], path)
    return by_id, by_source


def plan(incoming: Sequence[Incoming], folder: Path, context: Context, root: Path, update: bool) -> list[Planned]:
    """Where each service goes. Raises ImportFailed, naming every clash, if one would replace a record and
    `update` is not set."""
    by_id, by_source = _existing(folder)
    taken = set(by_id)
    planned: list[Planned] = []
    clashes: list[Problem] = []
    for item in incoming:
        existing = by_source.get(item.source_id)
        if existing is not None:
            mapped = to_record(item, existing.stem, context)
            if mapped.record["category"] != existing.parent.name:
                source_says = mapped.record["category"]
                note = f"kept as {existing.parent.name}, the record's folder (the source says {source_says})"
                mapped.notes.append(Note("changed", "category", note))
                mapped.record["category"] = existing.parent.name
            planned.append(Planned(mapped, existing, True))
            if not update:
                shown = display(existing, root)
                message = f"already holds the service imported from '{item.source_id}' ({item.where})."
                clashes.append(
                    Problem(shown, 1, 1, "source_id", message, "Run the import again with --update to replace it.")
                )
            continue
        own = item.data.get("x_local_offer_id")  # a feed of ours names the record it was made from
        named = slug(str(item.data.get("name") or ""), "imported-service")[:70].strip("-")
        base = own if isinstance(own, str) and own == slug(own, "")[:70].strip("-") and own else named
        record_id, n = base, 2
        while record_id in taken:
            record_id, n = f"{base}-{n}", n + 1
        taken.add(record_id)
        mapped = to_record(item, record_id, context)
        if record_id != base and base in by_id:
            where = display(by_id[base], root)
            mapped.notes.append(
                Note(
                    "changed", "id", f"{record_id}: {where} already has the id {base}; check it is not the same service"
                )
            )
        planned.append(Planned(mapped, folder / mapped.record["category"] / f"{record_id}.yaml", False))
    if clashes:
        raise ImportFailed(clashes)
    return planned


def comment_lines(lines: Sequence[str]) -> str:
    """What the source said that has no field of ours, as YAML comments under the first line: kept in the file for
    the coordinator, never published. One line each, without control characters."""
    if not lines:
        return ""
    said = ["# Kept from the source for you to check (comments are not published):"]
    said += [f"#   {' '.join(_CONTROL.sub(' ', line).split())}" for line in lines]
    return "\n".join(said) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


def record_text(item: Planned, root: Path) -> bytes:
    header = schema_header("service.schema.json", item.path.parent, root) + comment_lines(item.mapped.comments)
    return record_yaml(item.mapped.record, header).encode("utf-8")


def record_files(planned: Sequence[Planned], root: Path) -> list[tuple[Path, bytes]]:
    """Each planned record's place and text. `root` is the project folder, whose schema/ each record's first line
    points to."""
    return [(item.path, record_text(item, root)) for item in planned]
