"""`validate FILE…`: check just the files named, each as what it is, never with a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from generator.inputs.accessibility import AUDIT_FILE, FACTS_FILE, load_facts
from generator.inputs.content import check_pages, published_images
from generator.inputs.glossary import GLOSSARY_FILE, load_glossary
from generator.inputs.kinds import Context
from generator.inputs.placeholders import file_placeholders
from generator.inputs.problems import Problem, errors
from generator.inputs.readability import page_warnings
from generator.inputs.settings import Settings
from generator.inputs.svg import clean_svg
from generator.inputs.synonyms import SYNONYMS_FILE, load_synonyms
from generator.inputs.validate import display, kind_of, validate


def _folders(settings: Settings) -> str:
    names = [display(folder, settings) + "/" for _, folder in settings.folders]
    return ", ".join([*names, display(settings.content_dir, settings) + "/"])


def check_files(settings: Settings, paths: Iterable[Path], today: date) -> list[Problem]:
    problems: list[Problem] = []
    records: list[Path] = []
    glossary, _, glossary_problems = load_glossary(settings.content_dir, settings.root)
    known = None if errors(glossary_problems) else glossary.known
    for path in paths:
        shown = display(path, settings)
        resolved = path.resolve()
        if not resolved.is_file():
            problems.append(Problem(shown, 1, 1, "", "was not found.", "Check the file name and the folder."))
        elif resolved == settings.config_file:  # checked before any command runs: only its placeholders are left
            problems += file_placeholders(resolved, shown)
        elif kind_of(resolved, settings):
            records.append(resolved)
        elif resolved == (settings.content_dir / SYNONYMS_FILE).resolve():
            problems += load_synonyms(resolved, settings.root, glossary)[1] + file_placeholders(resolved, shown)
        elif resolved == (settings.content_dir / GLOSSARY_FILE).resolve():
            from generator.pipeline import check  # the glossary names records and pages: check it with them

            problems += [p for p in check(settings, today).problems if p.file == shown]
        elif resolved in {(settings.content_dir / name).resolve() for name in (FACTS_FILE, AUDIT_FILE)}:
            problems += load_facts(settings.content_dir, settings.root)[1] + file_placeholders(resolved, shown)
        elif resolved.suffix.lower() == ".svg" and resolved.is_relative_to(settings.content_dir.resolve()):
            problems += clean_svg(resolved.read_bytes(), shown)[1]
        elif resolved.suffix == ".md" and resolved.is_relative_to(settings.content_dir.resolve()):
            rel = resolved.relative_to(settings.content_dir.resolve()).as_posix()
            images = dict.fromkeys(published_images(settings), b"")
            problems += check_pages({**images, rel: resolved.read_bytes()}, settings)
            if known is not None:
                problems += page_warnings(resolved.read_text("utf-8", "replace"), shown, known)
        else:
            hint = f"Records and pages go in {_folders(settings)}"
            problems.append(Problem(shown, 1, 1, "", "is not a record or page the Local Offer reads.", hint + "."))
    if records:
        context = Context(settings.council, today, settings.readability, known)
        problems += validate(settings, context, only=records).problems
    return problems
