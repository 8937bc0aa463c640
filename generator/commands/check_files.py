"""`validate FILE…`: check just the files named, each as what it is, never with a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from generator.inputs.content import check_pages, published_images
from generator.inputs.kinds import Context
from generator.inputs.problems import Problem
from generator.inputs.settings import Settings
from generator.inputs.validate import display, kind_of, validate
from generator.pages.accessibility import AUDIT_FILE, FACTS_FILE, load_facts
from generator.pages.search import SYNONYMS_FILE, load_synonyms


def _folders(settings: Settings) -> str:
    names = [display(folder, settings) + "/" for _, folder in settings.folders]
    return ", ".join([*names, display(settings.content_dir, settings) + "/"])


def check_files(settings: Settings, paths: Iterable[Path], today: date) -> list[Problem]:
    problems: list[Problem] = []
    records: list[Path] = []
    for path in paths:
        shown = display(path, settings)
        resolved = path.resolve()
        if not resolved.is_file():
            problems.append(Problem(shown, 1, 1, "", "was not found.", "Check the file name and the folder."))
        elif resolved == settings.config_file:
            continue  # the settings were checked before any command runs
        elif kind_of(resolved, settings):
            records.append(resolved)
        elif resolved == (settings.content_dir / SYNONYMS_FILE).resolve():
            problems += load_synonyms(resolved, settings.root)[1]
        elif resolved in {(settings.content_dir / name).resolve() for name in (FACTS_FILE, AUDIT_FILE)}:
            problems += load_facts(settings.content_dir, settings.root)[1]
        elif resolved.suffix == ".md" and resolved.is_relative_to(settings.content_dir.resolve()):
            rel = resolved.relative_to(settings.content_dir.resolve()).as_posix()
            images = dict.fromkeys(published_images(settings), b"")
            problems += check_pages({**images, rel: resolved.read_bytes()}, settings)
        else:
            hint = f"Records and pages go in {_folders(settings)}"
            problems.append(Problem(shown, 1, 1, "", "is not a record or page the Local Offer reads.", hint + "."))
    if records:
        problems += validate(settings, Context(settings.council, today), only=records).problems
    return problems
