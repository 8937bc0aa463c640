"""Transition guides and "you said, we did" items: YAML under content/, validated like services, and
checked against the services they name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .load import Loaded, load_file
from .messages import closest
from .model import Feedback, Guide, Service
from .problems import Problem, errors, field_label
from .validate import check_against_schema, file_name_problems

GUIDES_DIR = "transitions"
FEEDBACK_DIR = "you-said-we-did"
GUIDE_SCHEMA = "transition-guide.schema.json"
FEEDBACK_SCHEMA = "feedback.schema.json"


@dataclass
class Editorial:
    guides: list[Guide] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _load_folder(folder: Path, root: Path, schema: str) -> tuple[list[tuple[Loaded, Path]], list[Problem]]:
    good: list[tuple[Loaded, Path]] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return good, problems
    for path in sorted(folder.glob("*.y*ml")):
        loaded = load_file(path, path.relative_to(root).as_posix())
        found = loaded.problems + check_against_schema(loaded, schema) + file_name_problems(loaded, path)
        problems += found
        if not errors(found):
            good.append((loaded, path))
    return good, problems


def _references(loaded: Loaded, kind: str) -> Iterable[tuple[tuple, str]]:
    data = loaded.data
    if kind == "guide":
        for n, step in enumerate(data["steps"]):
            for i, ref in enumerate(step.get("services", ())):
                yield ("steps", n, "services", i), ref
        for i, ref in enumerate(data.get("further_help", ())):
            yield ("further_help", i), ref
    else:
        for i, ref in enumerate(data.get("services", ())):
            yield ("services", i), ref


def reference_problems(loaded: Loaded, kind: str, services: dict[str, Service], file_ids: set[str]) -> list[Problem]:
    """Every service id a guide or feedback item names must be a published service.

    An id whose record exists but is itself invalid is left to that record's own problems.
    """
    published = sorted(i for i, s in services.items() if s.published)
    found = []
    for path, ref in _references(loaded, kind):
        line, col = loaded.where(path)
        if ref not in services and ref in file_ids:
            continue
        if ref not in services:
            guess = closest(ref, published)
            hint = f"Did you mean '{guess}'?" if guess else "Use the file name of a record under services/."
            found.append(Problem(loaded.file, line, col, field_label(path), f"'{ref}' is not a service id.", hint))
        elif not services[ref].published:
            found.append(
                Problem(
                    loaded.file,
                    line,
                    col,
                    field_label(path),
                    f"'{ref}' is closed, so its page is not published.",
                    "Remove it, or link to a service that is still open.",
                )
            )
    return found


def validate_editorial(content_dir: Path, root: Path, services: Iterable[Service], file_ids: set[str]) -> Editorial:
    by_id = {s.id: s for s in services}
    result = Editorial()
    kinds = (
        ("guide", GUIDES_DIR, GUIDE_SCHEMA, Guide, result.guides),
        ("feedback", FEEDBACK_DIR, FEEDBACK_SCHEMA, Feedback, result.feedback),
    )
    for kind, folder, schema, model, accepted in kinds:
        loaded_files, problems = _load_folder(content_dir / folder, root, schema)
        result.problems += problems
        for loaded, _ in loaded_files:
            found = reference_problems(loaded, kind, by_id, file_ids)
            result.problems += found
            if not found:
                accepted.append(model.from_record(loaded.data, loaded.file))
    return result
