"""`init`: a council's own repository, made from the starter that ships inside the package (generator/starter/).

What it writes (nothing outside FOLDER, and nothing at all if FOLDER is not empty):
- mkdocs.yml with extra.council filled in from the answers (every value written as a YAML string, never pasted in);
- content/: the statutory hand-written pages written for any council in England, a glossary of national SEND terms,
  search words and the accessibility statement's facts. What only the council knows is a `[[TODO: …]]` placeholder,
  which `validate` reports as a warning (generator/inputs/placeholders.py) until it is written;
- services/ and schools/ with one example each; schema/ with the JSON Schemas, so each record's `$schema` line
  resolves in the folder and editors explain every field;
- requirements.txt pinning this generator's version, package.json and package-lock.json (the audit's npm tools),
  .github/workflows/local-offer.yml, .gitignore and a README for the council.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from generator.inputs.destinations import Protected, inside_problem
from generator.inputs.placeholders import MARKER_START
from generator.inputs.settings import SettingsError, load_settings
from generator.records.schemas import inlined_schema
from generator.resources import SCHEMA_DIR, STARTER_DIR

DISTRIBUTION = "local-offer-generator"
# starter file → where it goes in the council's folder (dot-files are stored without the dot: package data skips them)
RENAMED = {"workflow.yml": ".github/workflows/local-offer.yml", "gitignore": ".gitignore"}
TEMPLATED = frozenset({".md", ".yaml", ".yml", ".txt"})
_TOKEN = re.compile(r"\{\{([a-z_]+)\}\}")


class InitError(Exception):
    """The folder or an answer cannot be used: the message says why and what to do, in plain words."""


@dataclass(frozen=True)
class Answers:
    council: str
    email: str = ""
    phone: str = ""
    address: str = ""
    site_url: str = ""
    site_name: str = ""


def generator_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise InitError(
            f"the generator is not installed as a package, so its version cannot be pinned: install it with "
            f"`pip install {DISTRIBUTION}` (or `pip install -e .` in its checkout) and run init again."
        ) from None


# Typographic quotes and 'and' keep a council's name as written in site_name, which allows no ' " or &.
_TYPOGRAPHIC = (("&", "and"), ("`", "'"))


def default_site_name(council: str) -> str:
    name = council
    for plain, nicer in _TYPOGRAPHIC:
        name = name.replace(plain, nicer)
    name = re.sub(r"(^|[\s(\[])\"", "\\1\u201c", name).replace('"', "\u201d")
    name = re.sub(r"(^|[\s(\[])'", "\\1\u2018", name).replace("'", "\u2019")
    return " ".join(f"{name} SEND Local Offer".split())


def _settings_property(*path: str) -> dict[str, Any]:
    node: dict[str, Any] = inlined_schema("settings.schema.json")
    for part in path:
        node = node["properties"][part]
    return node


_OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "council": ("--council", ("extra", "council", "name")),
    "email": ("--email", ("extra", "council", "coordinator_email")),
    "phone": ("--phone", ("extra", "council", "phone")),
    "address": ("--address", ("extra", "council", "address")),
    "site_url": ("--site-url", ("site_url",)),
    "site_name": ("--site-name", ("site_name",)),
}


def check_answers(answers: Answers) -> list[str]:
    """Each answer checked by the very rule mkdocs.yml will be checked by (schema/settings.schema.json)."""
    wrong = []
    if not answers.council.strip():
        wrong.append(
            '--council: the council\'s name is empty. Write it as families know it, for example --council "Northshire".'
        )
    for name, (option, path) in _OPTIONS.items():
        value = getattr(answers, name)
        if not value or (name == "council" and not value.strip()):
            continue
        rule = _settings_property(*path)
        errors = list(Draft202012Validator(rule).iter_errors(value))
        if errors:
            what = "has a control character (a tab or line break) in it" if _CONTROL.search(value) else "cannot be used"
            hint = rule.get("x-hint") or rule.get("description", "")
            wrong.append(f"{option}: {value!r} {what}: {hint}.".replace("..", "."))
    return wrong


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


# Escaping: each value is written for the place it lands in.


def yaml_scalar(value: str) -> str:
    """A YAML double-quoted string that reads back as exactly `value` (a test reads every one back)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=1 << 20)
    text = dumped.removesuffix("\n").removesuffix("\n...").strip()
    assert yaml.safe_load(text) == value
    return text


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def markdown_text(value: str) -> str:
    """Plain text in Markdown: every character Markdown could read as markup is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def todo(what: str) -> str:
    return f"{MARKER_START} {what}]]"


def _page_values(answers: Answers, site_name: str) -> dict[str, str]:
    phone_digits = re.sub(r"[^0-9+]", "", answers.phone)
    return {
        "council": markdown_text(answers.council),
        "site_name": markdown_text(site_name),
        "email": f"[{answers.email}](mailto:{answers.email})"
        if answers.email
        else todo("the Local Offer team's email address."),
        "phone": f"[{markdown_text(answers.phone)}](tel:{phone_digits})"
        if answers.phone
        else todo("the Local Offer team's phone number."),
        "address": markdown_text(answers.address)
        if answers.address
        else todo("the Local Offer team's postal address."),
    }


def _settings_values(answers: Answers, site_name: str) -> dict[str, str]:
    def line(key: str, value: str, missing: str, example: str, indent: str = "    ") -> str:
        if value:
            return f"{indent}{key}: {yaml_scalar(value)}"
        return f"{indent}{key}: {example}  # {todo(missing)}"

    site_url = (
        f"site_url: {yaml_scalar(answers.site_url)}"
        if answers.site_url
        else "# site_url: https://localoffer.example.gov.uk/  # " + todo("the address the site is published at.")
    )
    return {
        "site_name": yaml_scalar(site_name),
        "site_url_line": site_url,
        "site_description": yaml_scalar(
            "Support and services for children and young people aged 0 to 25 with special educational needs and "
            f"disabilities (SEND), and their families, in {answers.council}."
        ),
        "council": yaml_scalar(answers.council),
        "email_line": line(
            "coordinator_email",
            answers.email,
            "the Local Offer team's email address: every page shows it.",
            "localoffer@example.invalid",
        ),
        "phone_line": line("phone", answers.phone, "the Local Offer team's phone number.", '"020 7946 0000"'),
        "address_line": line("address", answers.address, "the Local Offer team's postal address.", '""').replace(
            'address: ""  #', "# address:  #"
        ),
        "namespace": yaml_scalar(str(uuid.uuid4())),
        "outside_nav": yaml.safe_dump(
            {f"Specialist provision outside {answers.council}": "schools/area/outside.md"},
            allow_unicode=True,
            default_flow_style=True,
            width=1 << 20,
        ).strip()[1:-1],
    }


def _fill(text: str, values: Mapping[str, str], name: str) -> str:
    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"{name}: no value for {{{{{key}}}}}")
        return values[key]

    return _TOKEN.sub(one, text)


def _starter_files() -> list[tuple[Path, str]]:
    """(starter file, its path in the council's folder) for every file the starter ships."""
    found = []
    for path in sorted(STARTER_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".py":
            rel = path.relative_to(STARTER_DIR).as_posix()
            found.append((path, RENAMED.get(rel, rel)))
    return found


def _write_tree(into: Path, answers: Answers, today: date) -> list[str]:
    site_name = answers.site_name or default_site_name(answers.council)
    common = {"today": today.isoformat(), "version": generator_version()}
    by_kind: dict[str, Callable[[str], dict[str, str]]] = {
        "mkdocs.yml": lambda _: {**common, **_settings_values(answers, site_name)},
        ".md": lambda _: {**common, **_page_values(answers, site_name)},
    }
    written = []
    for source, rel in _starter_files():
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in TEMPLATED:
            values = by_kind.get(rel, by_kind.get(source.suffix, lambda _: common))(rel)
            target.write_text(_fill(source.read_text(encoding="utf-8"), values, rel), encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(rel)
    written += write_schemas(into)
    return written


def write_schemas(into: Path) -> list[str]:
    """The generator's JSON Schemas into `into`/schema/, where every record's `$schema` line points."""
    (into / "schema").mkdir(exist_ok=True)
    written = []
    for schema in sorted(SCHEMA_DIR.glob("*.schema.json")):
        shutil.copyfile(schema, into / "schema" / schema.name)
        written.append(f"schema/{schema.name}")
    return written


def _enclosing_problem(folder: Path) -> str | None:
    """Why `folder` cannot hold a new council folder because of where it is: inside .git, or inside an input of a
    Local Offer folder around it (its records would become that folder's records), or None."""
    for above in [folder.resolve(), *folder.resolve().parents]:
        config = above / "mkdocs.yml"
        if not config.is_file():
            continue
        try:
            protected = load_settings(config).protected()
        except SettingsError:  # that folder's settings are its own business: judge by the usual folder names
            protected = Protected.of(config, above / "content", [above / "services", above / "schools"])
        return inside_problem(folder, protected)
    return inside_problem(folder, Protected(folder.resolve(), (), ()))


def _usable_folder(folder: Path) -> None:
    unsafe = _enclosing_problem(folder)
    if unsafe:
        raise InitError(f"{unsafe} Give the path of a new or empty folder outside it.")
    if folder.is_symlink():
        raise InitError(f"{folder} is a symbolic link: give the path of a new or empty folder.")
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file, not a folder: give the path of a new or empty folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitError(
            f"{folder} is not empty, and init never writes over anything: give the path of a new or empty folder."
        )
    if not folder.exists() and not folder.parent.is_dir():
        raise InitError(f"{folder.parent} does not exist: create it first, or choose a folder that does.")


def init(folder: Path, answers: Answers, today: date) -> list[str]:
    """Make the council's repository in `folder` (new or empty); return the files written, relative to it.
    Everything is written into a hidden folder inside `folder` first, checked, then moved into place: on any failure
    `folder` is left as it was (and removed if init made it)."""
    wrong = check_answers(answers)
    if wrong:
        raise InitError(" ".join(wrong))
    _usable_folder(folder)
    made = not folder.exists()
    folder.mkdir(exist_ok=True)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".local-offer-init-", dir=folder))
        written = _write_tree(staging, answers, today)
        try:
            load_settings(staging / "mkdocs.yml")
        except SettingsError as exc:  # an answer the checks above let through: say which, write nothing
            raise InitError(
                "the settings made from the answers are not valid: "
                + " ".join(p.text().replace(str(staging), str(folder)) for p in exc.problems)
            ) from None
        for entry in sorted(staging.iterdir()):
            entry.rename(folder / entry.name)
        staging.rmdir()
    except BaseException:
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for entry in folder.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        raise
    return sorted(written)


def update_schemas(folder: Path) -> list[str]:
    """Bring a council folder's schema/ up to this generator's version."""
    if not (folder / "mkdocs.yml").is_file():
        raise InitError(f"{folder} has no mkdocs.yml: give the council's folder (the one init made).")
    return write_schemas(folder)


def next_steps(folder: Path, written: list[str]) -> str:
    placeholders = sum(
        (folder / rel).read_text(encoding="utf-8").count(MARKER_START)
        for rel in written
        if Path(rel).suffix in TEMPLATED
    )
    return "\n".join(
        [
            f"Made the Local Offer in {folder} ({len(written)} files).",
            f"It has {placeholders} places marked {MARKER_START} …]] for what only the council knows:",
            f"  cd {json.dumps(str(folder)) if ' ' in str(folder) else folder}",
            "  local-offer validate      lists each one, with its file and line, as a warning",
            "  local-offer build         builds the site into site/ (the placeholders do not stop it)",
            "Then put the folder on GitHub (README.md says how); its workflow checks, builds, audits and publishes.",
        ]
    )
