"""Build the public site: generate the docs tree, run MkDocs into a fresh folder, then swap it in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .config import Settings
from .csp import protect_site
from .pipeline import Generated, write_docs
from .write import fresh_dir_beside, swap_in


@dataclass
class BuildResult:
    generated: Generated
    log: str = ""
    built: bool = False


def run_mkdocs(settings: Settings, out: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(settings.config_file),
        "--site-dir",
        str(out),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=settings.root, env=env, capture_output=True, text=True, check=False)


def run_pagefind(site: Path) -> subprocess.CompletedProcess[str]:
    """Index the finished site for search (pagefind-bin ships the binary; nothing is downloaded)."""
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--quiet"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def build_site(settings: Settings, site_dir: Path | None = None) -> BuildResult:
    """Everything or nothing: `site_dir` changes only when every step has succeeded."""
    live = (site_dir or settings.site_dir).resolve()
    generated = write_docs(settings)
    result = BuildResult(generated)
    if not generated.ok:
        return result
    fresh = fresh_dir_beside(live)
    try:
        done = run_mkdocs(settings, fresh)
        result.log = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            return result
        (fresh / "sitemap.xml").write_text(generated.sitemap, encoding="utf-8")
        (fresh / "sitemap.xml.gz").unlink(missing_ok=True)
        protect_site(fresh)
        indexed = run_pagefind(fresh)
        result.log += "\n" + (indexed.stdout + indexed.stderr).strip()
        if indexed.returncode != 0:
            return result
        swap_in(fresh, live)
        result.built = True
        return result
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
