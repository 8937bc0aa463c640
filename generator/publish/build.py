"""Build the public site in this process, stage by stage; the published folder changes only if all succeed.

check and render (generator.pipeline) → MkDocs through its Python API, with our plugin holding the pages in memory
and adding the Content-Security-Policy as pages are written (on every core for a large directory:
generator.publish.mkdocs_pages), and the sitemap from a theme template → Pagefind
indexes the finished pages → `.br` and `.gz` copies of text files (generator.publish.precompress; not for the live
preview) → publish by exchanging the fresh folder with the live one. With an API folder (`api_dir`), the Open
Referral UK API is written as a folder of its own too (generator.publish.api_folder) and both are published together.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import shutil
import subprocess
from collections.abc import Callable, Collection
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import MkDocsException
from pagefind_bin import get_executable as pagefind_executable

from generator.inputs.destinations import folder_problem
from generator.inputs.glossary import Glossary
from generator.inputs.settings import Settings
from generator.inputs.synonyms import SynonymGroup
from generator.mkdocs_log import mkdocs_warnings
from generator.opendata.openreferral import FOLDER
from generator.parallel import child_setup
from generator.pipeline import Generated, Kept, generate
from generator.publish.api_folder import write_api_folder
from generator.publish.mkdocs_pages import pages_on_every_core
from generator.publish.plugin import LocalOfferPlugin, install
from generator.publish.precompress import precompress
from generator.publish.publish import PublishError, fresh_dir_beside, publish_together, publishing_all
from generator.publish.search_styles import inline_search_styles
from generator.resources import OVERRIDES_DIR

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

Indexer = Callable[[Path], subprocess.CompletedProcess[str]]


@dataclass
class BuildResult:
    generated: Generated
    log: list[str] = field(default_factory=list)
    built: bool = False
    plugin: LocalOfferPlugin | None = None  # what MkDocs built, for the live preview to rebuild single pages


def _return_memory() -> None:
    """Give the memory of what is no longer needed back to the system (glibc keeps freed memory otherwise)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


def run_pagefind(site: Path, output: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Index the finished site for search (pagefind-bin ships the binary; nothing is downloaded), into the site's
    pagefind/ folder or `output`."""
    command = [str(pagefind_executable()), "--site", str(site), "--quiet"]
    command += ["--output-path", str(output)] if output else []
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
        preexec_fn=child_setup(),
    )


def run_mkdocs(
    settings: Settings,
    docs: dict[str, bytes],
    out: Path,
    log: list[str],
    finished_html: bool = True,
    generated: Collection[str] = frozenset(),
    glossary: Glossary | None = None,
    synonyms: tuple[SynonymGroup, ...] = (),
) -> LocalOfferPlugin | None:
    """MkDocs in this process, into `out`. Our plugin (holding what was built) if it built without warnings, else
    None. Pages not named in `generated` are hand-written: cleaned with their allow-list as they are built."""
    config = settings.mkdocs
    plugin = LocalOfferPlugin(
        docs,
        generated=generated,
        finished_html=finished_html,
        glossary=glossary,
        api_url=settings.council.api_url,
        synonyms=synonyms,
    )
    install(config, plugin, OVERRIDES_DIR)
    config["site_dir"] = str(out)
    config["strict"] = True
    with mkdocs_warnings() as logged, pages_on_every_core(plugin):
        try:
            mkdocs_build(config)
        except (MkDocsException, OSError, BrokenProcessPool) as exc:  # a worker killed: the build failed
            failure: str | None = f"ERROR: {exc}"
        else:
            failure = None
    log += [f"{r.levelname}: {r.getMessage()}" for r in logged]
    log += [failure] if failure else []
    return plugin if failure is None else None


def build_site(
    settings: Settings,
    today: date,
    site_dir: Path | None = None,
    index: Indexer = run_pagefind,
    finished_html: bool = True,
    progress: Callable[[str], None] = lambda stage: None,
    kept: Kept | None = None,
    api_dir: Path | None = None,
) -> BuildResult:
    """Everything or nothing: `site_dir` changes only when every stage has succeeded.

    `index` is the search indexer (Pagefind); `finished_html=False` takes none of the shortcuts (generated pages
    through Markdown, the navigation rendered for every page; see publish/mkdocs_pages.py): the same site, slower;
    `progress` is told each stage as it starts; `kept` is the live preview's memory of earlier builds: with it, what
    MkDocs built and the docs files stay in the result (`plugin`, `generated.files`) for the preview to rebuild
    single pages; without it they are let go once the pages are written, before Pagefind starts, so the two never
    hold a large site in memory at once. `api_dir` (else the setting `api_dir`, if any) is where the API is published
    as a folder of its own, all or nothing with the site."""
    for folder in (site_dir, api_dir):  # the settings' own folders were checked as they were read
        unsafe = folder_problem(folder, settings.protected()) if folder is not None else None
        if unsafe:
            raise PublishError(f"{unsafe.rstrip('.')}; choose a folder of its own. Nothing was changed")
    live = (site_dir or settings.site_dir).resolve()
    api_path = api_dir or settings.api_dir
    api_live = api_path.resolve() if api_path and kept is None else None
    progress("checking and rendering")
    generated = generate(settings, today, kept)
    result = BuildResult(generated)
    if not generated.ok:
        return result
    with publishing_all([live, *([api_live] if api_live else [])]):
        fresh = fresh_dir_beside(live)
        api_fresh = fresh_dir_beside(api_live) if api_live else None
        try:
            progress("building pages")
            paths, glossary = generated.generated_paths, generated.glossary
            result.plugin = run_mkdocs(
                settings, generated.files, fresh, result.log, finished_html, paths, glossary, generated.synonyms
            )
            if result.plugin is None:
                return result
            if api_fresh is not None:
                progress("writing the API folder")
                write_api_folder(api_fresh, generated.files)
                if not settings.api_in_site and (fresh / FOLDER).is_dir():
                    shutil.rmtree(fresh / FOLDER)
            if kept is None:
                result.plugin.forget()
                result.plugin, generated.files = None, {}
                _return_memory()
            progress("indexing for search")
            indexed = index(fresh)
            if indexed.returncode != 0:
                result.log.append(f"ERROR: search indexing failed: {(indexed.stdout + indexed.stderr).strip()}")
                return result
            inline_search_styles(fresh)
            if settings.precompress and kept is None:
                progress("compressing")
                precompress(fresh)
                if api_fresh is not None:
                    precompress(api_fresh)
            progress("publishing")
            publish_together([(fresh, live), *([(api_fresh, api_live)] if api_fresh and api_live else [])])
            result.built = True
            progress("done")
            return result
        finally:
            for folder in (fresh, api_fresh):
                if folder is not None and folder.exists():
                    shutil.rmtree(folder, ignore_errors=True)
