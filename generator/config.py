"""The council's settings, read from mkdocs.yml (`site_name`, `site_url` and `extra.council`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml


def today() -> date:
    """Today's date, or LOCAL_OFFER_TODAY (YYYY-MM-DD) for reproducible builds and tests."""
    fixed = os.environ.get("LOCAL_OFFER_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


class ConfigError(Exception):
    """mkdocs.yml is missing something the generator needs."""


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even when it uses MkDocs-only tags such as !ENV or !!python/name."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class Council:
    name: str
    site_name: str
    site_url: str
    coordinator_email: str
    phone: str
    address: str
    edit_url: str
    colours: dict[str, str]
    review_warning_months: int = 12
    review_limit_months: int = 24


@dataclass(frozen=True)
class Settings:
    root: Path
    config_file: Path
    docs_dir: Path
    site_dir: Path
    council: Council

    @property
    def services_dir(self) -> Path:
        return self.root / "services"

    @property
    def content_dir(self) -> Path:
        return self.root / "content"


REQUIRED = ("name", "coordinator_email")


def load_settings(config_file: Path) -> Settings:
    config_file = config_file.resolve()
    if not config_file.is_file():
        raise ConfigError(f"{config_file} not found: run the command from the project folder or pass --config.")
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    extra = (raw.get("extra") or {}).get("council") or {}
    missing = [k for k in REQUIRED if not extra.get(k)]
    if missing:
        raise ConfigError(f"{config_file.name}: extra.council needs {', '.join(missing)}.")
    root = config_file.parent
    site_url = str(raw.get("site_url") or "")
    council = Council(
        name=str(extra["name"]),
        site_name=str(raw.get("site_name") or f"{extra['name']} Local Offer"),
        site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
        coordinator_email=str(extra["coordinator_email"]),
        phone=str(extra.get("phone") or ""),
        address=str(extra.get("address") or ""),
        edit_url=str(extra.get("edit_url") or ""),
        colours={str(k): str(v) for k, v in (extra.get("colours") or {}).items()},
        review_warning_months=int(extra.get("review_warning_months") or 12),
        review_limit_months=int(extra.get("review_limit_months") or 24),
    )
    return Settings(
        root=root,
        config_file=config_file,
        docs_dir=root / str(raw.get("docs_dir") or "docs"),
        site_dir=root / str(raw.get("site_dir") or "site"),
        council=council,
    )
