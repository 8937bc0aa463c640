"""Check every record and every rule between records, collecting all problems in one pass."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .config import Council, today
from .freshness import freshness_problem
from .load import Loaded, load_file
from .messages import problems_from_error
from .model import Service
from .parallel import pmap
from .problems import Problem, errors, field_label
from .schema import validator

SERVICE_SCHEMA = "service.schema.json"


@dataclass
class Checked:
    """The outcome of validation: the records that passed, and every problem found."""

    services: list[Service] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


_SHAPES = {
    dict: "should be a group of 'field: value' lines, not a single value.",
    list: "should be a list, each item starting with '- '.",
}


def check_against_schema(loaded: Loaded, schema_name: str, expect: type = dict) -> list[Problem]:
    """Schema problems for one loaded file, each reported once, in file order."""
    if loaded.data is None:
        return []
    if not isinstance(loaded.data, expect):
        return [Problem(loaded.file, 1, 1, "", _SHAPES[expect], "Copy an existing file of the same kind as a start.")]
    found: dict[Problem, None] = {}
    for error in validator(schema_name).iter_errors(loaded.data):
        for problem in problems_from_error(error, loaded):
            found.setdefault(problem)
    return list(found)


def service_files(root: Path) -> list[Path]:
    return sorted((root / "services").rglob("*.y*ml"))


def check_service_file(path: Path, root: Path, council: Council | None = None) -> tuple[Service | None, list[Problem]]:
    display = path.relative_to(root).as_posix()
    loaded = load_file(path, display)
    problems = loaded.problems + check_against_schema(loaded, SERVICE_SCHEMA)
    problems += _placement_problems(path, root, loaded)
    if errors(problems) or not isinstance(loaded.data, dict):
        return None, problems
    problems += _consistency_problems(loaded)
    if errors(problems):
        return None, problems
    service = Service.from_record(loaded.data, display)
    if council is not None:
        stale = freshness_problem(service, council, today(), *loaded.where(("last_reviewed",)))
        if stale:
            problems.append(stale)
        if stale and stale.severity == "error":
            return None, problems
    return service, problems


def file_name_problems(loaded: Loaded, path: Path) -> list[Problem]:
    """Files end in .yaml and are named after their id, so every address on the site is predictable and unique."""
    if path.suffix != ".yaml":
        return [Problem(loaded.file, 1, 1, "", "has the wrong file ending.", f"Rename it to {path.stem}.yaml.")]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if not isinstance(data.get("id"), str) or data["id"] == path.stem:
        return []
    line, col = loaded.where(("id",))
    message = f"'{data['id']}' does not match the file name '{path.name}'."
    hint = f"Change the id to '{path.stem}' or rename the file to {data['id']}.yaml."
    return [Problem(loaded.file, line, col, "id", message, hint)]


def _placement_problems(path: Path, root: Path, loaded: Loaded) -> list[Problem]:
    display = loaded.file
    rel = path.relative_to(root / "services")
    found = file_name_problems(loaded, path)
    if path.suffix != ".yaml":
        return found
    if len(rel.parts) != 2:
        return [
            Problem(
                display,
                1,
                1,
                "",
                "is not in a category folder.",
                "Move it to services/<category>/, for example services/send/.",
            )
        ]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if isinstance(data.get("category"), str) and data["category"] != rel.parts[0]:
        line, col = loaded.where(("category",))
        found.append(
            Problem(
                display,
                line,
                col,
                "category",
                f"'{data['category']}' does not match the folder '{rel.parts[0]}'.",
                f"Move the file to services/{data['category']}/ or change the category to '{rel.parts[0]}'.",
            )
        )
    return found


def _consistency_problems(loaded: Loaded) -> list[Problem]:
    data = loaded.data
    ages = data["age_range"]
    if ages["min"] > ages["max"]:
        line, col = loaded.where(("age_range", "min"))
        return [
            Problem(
                loaded.file,
                line,
                col,
                field_label(("age_range", "min")),
                f"{ages['min']} is more than the maximum age {ages['max']}.",
                "Swap them: min is the youngest age, max the oldest.",
            )
        ]
    return []


def duplicate_id_problems(files: Iterable[Path], root: Path) -> list[Problem]:
    """Ids equal file names, so two files with the same name anywhere under services/ share an id."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        by_stem[path.stem].append(path)
    found = []
    for stem, paths in by_stem.items():
        if len(paths) < 2:
            continue
        names = [p.relative_to(root).as_posix() for p in paths]
        for name in names:
            others = ", ".join(n for n in names if n != name)
            found.append(
                Problem(
                    name,
                    1,
                    1,
                    "id",
                    f"'{stem}' is used by another record too ({others}).",
                    "Every service needs its own id: rename one file and change its id to match.",
                )
            )
    return found


def _check_all(paths: list[Path], root: Path, council: Council | None) -> list[tuple[Service | None, list[Problem]]]:
    """Check files in order; each file is independent, so large directories use every core."""
    return pmap(partial(check_service_file, root=root, council=council), paths)


def validate_services(root: Path, only: Iterable[Path] | None = None, council: Council | None = None) -> Checked:
    """Validate all service records, or just `only` (still checking their ids against all files)."""
    every = service_files(root)
    chosen = every if only is None else [p.resolve() for p in only]
    result = Checked()
    for service, problems in _check_all(chosen, root, council):
        result.problems += problems
        if service:
            result.services.append(service)
    chosen_names = {p.relative_to(root).as_posix() for p in chosen}
    result.problems += [p for p in duplicate_id_problems(every, root) if p.file in chosen_names]
    return result
