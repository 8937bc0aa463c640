"""The council's settings: mkdocs.yml read once by MkDocs itself (so `INHERIT` and `!ENV` work), and its
`extra` section checked against schema/settings.schema.json with the same messages as records."""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from generator.inputs.contrast import contrast_failures
from generator.inputs.destinations import Protected, folder_problem
from generator.inputs.load import Loaded, load_file
from generator.inputs.problems import Problem, field_label
from generator.mkdocs_log import mkdocs_warnings

SETTINGS_SCHEMA = "settings.schema.json"


def today() -> date:
    """Today's date, or LOCAL_OFFER_TODAY (YYYY-MM-DD) for reproducible builds and tests.

    Read by the commands only; rendering is given the date."""
    fixed = os.environ.get("LOCAL_OFFER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


class SettingsError(Exception):
    """mkdocs.yml cannot be used: each problem says where and what to write instead."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Council:
    name: str
    site_name: str
    site_url: str
    coordinator_email: str
    phone: str = ""
    address: str = ""
    interpreter: str = ""  # how to ask for an interpreter ("Help in your language" page)
    edit_url: str = ""
    logo: str = ""  # an image in content/, shown in the header (site_overrides/partials/logo.html)
    colours: tuple[tuple[str, str], ...] = ()
    review_warning_months: int = 12
    review_limit_months: int = 24
    # extra.open_referral: every id in the feed is made from the namespace; per_page items on each page of it
    feed_namespace: str = "00000000-0000-0000-0000-000000000000"
    feed_per_page: int = 100
    # extra.open_referral.api_url: where the API is published (ends in /); the site's openreferral/ when not given
    api_url: str = ""


@dataclass(frozen=True)
class Readability:
    """How plain records must read before validation warns (mkdocs.yml `extra.readability`)."""

    summary_words: int = 30
    sentence_words: int = 25
    reading_ease: int = 60


@dataclass(frozen=True)
class Settings:
    root: Path
    config_file: Path
    mkdocs: MkDocsConfig
    council: Council
    folders: tuple[tuple[str, Path], ...]  # (record kind, folder)
    content_dir: Path  # hand-written pages: MkDocs' docs_dir
    site_dir: Path  # where the site is published: MkDocs' site_dir (a build writes elsewhere first)
    readability: Readability = Readability()
    precompress: bool = True  # extra.precompress: .br and .gz copies of text files (generator/publish/precompress.py)
    api_dir: Path | None = None  # extra.open_referral.api_dir: the API as a folder of its own, its root the API's root
    api_in_site: bool = True  # extra.open_referral.in_site: the site keeps its own copy in openreferral/
    stale_after_days: int = 90  # extra.translations.stale_after_days: a stale translated page is withdrawn after this

    def folder(self, kind: str) -> Path:
        return dict(self.folders)[kind]

    def protected(self) -> Protected:
        """The inputs, settings files and project folder no command may replace or overwrite."""
        return Protected.of(self.config_file, self.content_dir, [folder for _, folder in self.folders])


def _mkdocs_config(config_file: Path, display: str) -> tuple[MkDocsConfig, Loaded]:
    """MkDocs' own reading of mkdocs.yml, and our reading of where each setting is written (for messages)."""
    if not config_file.is_file():
        hint = "Run the command in the folder with mkdocs.yml, or pass --config."
        raise SettingsError([Problem(display, 1, 1, "", "was not found.", hint)])
    readable = load_file(config_file, display, trusted_tags=True)
    if readable.problems:  # not YAML at all: say where, as for records
        raise SettingsError(readable.problems)
    with mkdocs_warnings() as logged:
        try:
            return load_config(config_file=str(config_file)), readable
        except (MkDocsException, OSError, ValueError) as exc:  # MkDocs' Abort is also a SystemExit
            details = [m for r in logged if (m := r.getMessage().strip())] or [str(exc)]
            raise SettingsError([_mkdocs_problem(d, readable) for d in details]) from None


_CONFIG_VALUE = re.compile(r"^Config value '(?P<key>[^']+)': (?P<what>.*)$", re.DOTALL)


def _mkdocs_problem(detail: str, readable: Loaded) -> Problem:
    """One of MkDocs' own configuration errors, placed on the line of the setting it names."""
    hint = "See the MkDocs settings reference (mkdocs.org/user-guide/configuration) for this setting."
    found = _CONFIG_VALUE.match(detail)
    if not found:
        return Problem(readable.file, 1, 1, "", detail.rstrip(".") + ".", hint)
    path = tuple(found["key"].split("."))
    line, col = readable.key_where(path)
    return Problem(readable.file, line, col, field_label(path), found["what"].rstrip(".") + ".", hint)


def _extra_problems(config: MkDocsConfig, located: Loaded) -> list[Problem]:
    """`extra` checked against the settings schema, each problem placed on its line of mkdocs.yml."""
    from generator.inputs.validate import check_against_schema

    shown = {key: config[key] for key in ("site_name", "site_url", "site_description") if config[key] is not None}
    located.data = {**shown, "extra": dict(config.extra)}
    problems = check_against_schema(located, SETTINGS_SCHEMA)
    council = located.data["extra"].get("council")
    if problems or not isinstance(council, dict):
        return problems
    warning, limit = council.get("review_warning_months", 12), council.get("review_limit_months", 24)
    if limit <= warning:
        path = ("extra", "council", "review_limit_months")
        line, col = located.where(path)
        message = f"{limit} is not more than review_warning_months ({warning})."
        hint = "A record gets a warning before it stops being published: make this the larger number."
        problems.append(Problem(located.file, line, col, field_label(path), message, hint))
    root = Path(config.config_file_path).parent
    feed = located.data["extra"].get("open_referral") or {}
    given = (located.data["extra"].get("folders") or {}).values()
    folders = [root / "services", root / "schools", *(root / f for f in given if isinstance(f, str))]
    protected = Protected.of(Path(config.config_file_path), Path(config.docs_dir), folders)
    unsafe_site = folder_problem(Path(config.site_dir), protected)
    if unsafe_site:
        line, col = located.key_where(("site_dir",))
        hint = "Publish into a folder of its own, for example site_dir: site."
        problems.append(Problem(located.file, line, col, "site_dir", unsafe_site, hint))
    if feed.get("api_dir"):
        unsafe = api_dir_problem(root / feed["api_dir"], root, Path(config.site_dir), Path(config.docs_dir), folders)
        if unsafe:
            path = ("extra", "open_referral", "api_dir")
            line, col = located.where(path)
            hint = "Choose a folder of its own beside the site, for example site-api."
            problems.append(Problem(located.file, line, col, field_label(path), unsafe, hint))
    if feed.get("in_site") is False and not feed.get("api_dir"):
        path = ("extra", "open_referral", "in_site")
        line, col = located.where(path)
        hint = "Set api_dir to the folder the API is published from, or remove in_site: false."
        message = "false leaves the API out of every folder."
        problems.append(Problem(located.file, line, col, field_label(path), message, hint))
    for name, message, hint in contrast_failures(council.get("colours") or {}):
        line, col = located.where(("extra", "council", "colours", name))
        label = field_label(("extra", "council", "colours", name))
        problems.append(Problem(located.file, line, col, label, message, hint))
    logo = council.get("logo")
    if logo and not (Path(config.docs_dir) / logo).is_file():
        path = ("extra", "council", "logo")
        line, col = located.where(path)
        hint = f"Put the image in {Path(config.docs_dir).name}/{logo}, or correct the path (relative to that folder)."
        problems.append(Problem(located.file, line, col, field_label(path), f"'{logo}' is not a file.", hint))
    for kind, folder in (located.data["extra"].get("folders") or {}).items():
        if not (root / folder).is_dir():
            path = ("extra", "folders", kind)
            line, col = located.where(path)
            hint = "Create the folder, or correct the name (relative to the folder mkdocs.yml is in)."
            problems.append(Problem(located.file, line, col, field_label(path), f"'{folder}' is not a folder.", hint))
    return problems


def api_dir_problem(api: Path, root: Path, site: Path, docs: Path, folders: list[Path]) -> str | None:
    """Why `api` cannot be the API's own folder (a build replaces it whole), or None. It may not be the project
    folder or hold it, nor be, hold or sit inside the site, the hand-written pages or a folder of records."""
    unsafe = folder_problem(api, Protected.of(root / "mkdocs.yml", docs, folders))
    if unsafe:
        return unsafe
    api, site = api.resolve(), site.resolve()
    if api == site or api.is_relative_to(site) or site.is_relative_to(api):
        return f"'{api}' is or overlaps the site folder ({site}): a build replaces this folder."
    return None


def load_settings(config_file: Path) -> Settings:
    """Read and check mkdocs.yml; raise SettingsError with every problem found."""
    config_file = config_file.resolve()
    display = config_file.name
    config, located = _mkdocs_config(config_file, display)
    problems = _extra_problems(config, located)
    if problems:
        raise SettingsError(problems)
    root = config_file.parent
    extra: dict[str, Any] = dict(config.extra)
    council: dict[str, Any] = extra["council"]
    site_url = str(config.site_url or "")
    site_name = str(config.site_name)
    folders: dict[str, str] = extra.get("folders") or {}
    feed: dict[str, Any] = extra.get("open_referral") or {}
    docs = Path(config.docs_dir)
    defaults = {
        "setting": root / "schools",
        "service": root / "services",
        "guide": docs / "transitions",
        "feedback": docs / "you-said-we-did",
    }
    return Settings(
        root=root,
        config_file=config_file,
        mkdocs=config,
        council=Council(
            name=council["name"],
            site_name=site_name,
            site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
            coordinator_email=council["coordinator_email"],
            phone=council.get("phone", ""),
            address=council.get("address", ""),
            interpreter=council.get("interpreter", ""),
            edit_url=council.get("edit_url", ""),
            logo=council.get("logo", ""),
            colours=tuple(sorted((council.get("colours") or {}).items())),
            review_warning_months=council.get("review_warning_months", 12),
            review_limit_months=council.get("review_limit_months", 24),
            feed_namespace=feed.get("namespace") or str(uuid.uuid5(uuid.NAMESPACE_URL, site_url or site_name)),
            feed_per_page=feed.get("per_page", 100),
            api_url=_api_url(feed.get("api_url"), site_url),
        ),
        folders=tuple((kind, root / folders[kind] if kind in folders else path) for kind, path in defaults.items()),
        content_dir=docs,
        site_dir=Path(config.site_dir),
        readability=Readability(**(extra.get("readability") or {})),
        precompress=extra.get("precompress", True),
        api_dir=root / feed["api_dir"] if feed.get("api_dir") else None,
        api_in_site=feed.get("in_site", True),
        stale_after_days=(extra.get("translations") or {}).get("stale_after_days", 90),
    )


def _api_url(given: str | None, site_url: str) -> str:
    """Where the Open Referral API is published, ending in /: the setting, or the site's openreferral/ folder."""
    if given:
        return given if given.endswith("/") else given + "/"
    if not site_url:
        return ""  # no address to point to: pages name no API
    return (site_url if site_url.endswith("/") else site_url + "/") + "openreferral/"
