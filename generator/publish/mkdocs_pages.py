"""The one module that relies on MkDocs internals (MkDocs 1.6; MkDocs 2 is announced to change them).

- The live preview's fast path: rebuild single pages of a site MkDocs has just built, in place, with the steps
  MkDocs' own `build` runs for every page (`mkdocs.commands.build._populate_page`, `_build_page`,
  `_build_theme_template`). The preview falls back to a full build whenever this raises; publishing never comes here
  (`build` always makes the whole site afresh).
- Finished HTML: a generated page skips `Page.render` (a new Python-Markdown with every extension, per page, to
  convert an empty text), setting what that render sets for empty Markdown.
- Shared navigation: Material renders the whole navigation (`partials/nav.html`, included by `base.html`) for every
  page, a third of MkDocs' time on a large directory; a page outside the navigation gets the one already rendered
  for a page in the same folder (Jinja calls an included template's `root_render_func`).
- Pages on every core: MkDocs puts pages through the theme one after another, after every page has been read. When
  MkDocs asks for the first, `pages_on_every_core` has every page built by forked workers (each a share, with the
  same `_build_page`), and answers the rest at once: what the workers' plugin copies remembered (the policies'
  script hashes) and logged comes back to this process, and the workers end with it (killed too). Only with no
  plugin but ours (another's memory of the pages would stay in the workers).

`build_site(finished_html=False)` takes none of these shortcuts; a test compares every page of both builds whole.
"""

from __future__ import annotations

import contextlib
import logging
import os
import posixpath
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mkdocs.commands.build as mkdocs_build_module
from jinja2 import Environment
from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.mkdocs_log import mkdocs_warnings
from generator.parallel import PARALLEL_FROM, pmap, workers

if TYPE_CHECKING:  # the plugin uses skip_markdown below
    from generator.publish.plugin import LocalOfferPlugin


class NeedsFullBuild(Exception):
    """The change touches what single pages cannot show (the navigation, a theme file): build everything."""


def move_site(plugin: LocalOfferPlugin, site_dir: Path) -> None:
    """The built site now lives in `site_dir` (it was built elsewhere, then published there)."""
    if plugin.config is None or plugin.files is None:
        raise NeedsFullBuild("the site was not built")
    plugin.config["site_dir"] = str(site_dir)
    for file in plugin.files:
        file.dest_dir = str(site_dir)
        vars(file).pop("abs_dest_path", None)  # a cached_property, made from dest_dir when first read


def update_pages(
    plugin: LocalOfferPlugin,
    docs: dict[str, bytes],
    changed: Collection[str],
    generated: Collection[str],
    templates: bool = True,
) -> list[str]:
    """The docs tree is now `docs`: write the files named in `changed` (new or changed: pages through the theme,
    other files as they are), delete the output of files no longer there, and write the theme's sitemap and 404 page
    again (not with `templates=False`: more pages follow). Files keep the order a full build gives them (the sitemap
    lists pages in it). Returns MkDocs' warnings."""
    config, files, nav, env = plugin.config, plugin.files, plugin.nav, plugin.env
    if config is None or files is None or nav is None or env is None:
        raise NeedsFullBuild("the site was not built")
    before = plugin.docs
    removed = before.keys() - docs.keys()
    in_nav = {page.file.src_uri for page in nav.pages}
    if any(rel in in_nav for rel in removed) or any(rel not in before and rel in files for rel in changed):
        raise NeedsFullBuild("a page in the navigation went, or a theme file is in the way")
    if plugin.stylesheets.intersection(changed):
        raise NeedsFullBuild("a stylesheet changed (they are merged into one file)")
    plugin.update_docs(docs, generated)
    with mkdocs_warnings() as logged:
        gone = [file for rel in removed if (file := files.get_file_from_path(rel)) is not None]
        for file in gone:
            files.remove(file)
        pages: list[Page] = []
        added = False
        for rel in changed:
            file = files.get_file_from_path(rel)
            if file is None:
                file = File.generated(config, rel, content=docs[rel])
                files.append(file)
                added = True
            else:
                file.content_bytes = docs[rel]
            if not file.is_documentation_page():
                file.copy_file()
                continue
            pages.append(file.page or Page(None, file, config))
        if added or gone or list(docs) != list(before):  # keep the order a full build gives
            theme = [file for file in files if file.src_uri not in docs]
            ours = [f for rel in docs if (f := files.get_file_from_path(rel)) is not None]
            files = plugin.files = Files(theme + ours)
        for page in pages:
            _populate_page(page, config, files)
        documentation = files.documentation_pages()
        for page in pages:
            _build_page(page, config, documentation, nav, env)
        for template in config.theme.static_templates if templates else ():
            _build_theme_template(template, env, files, config, nav)
        for file in gone:  # last, so no page is missing while the pages that listed it still do
            _delete(Path(file.abs_dest_path))
    return [f"{r.levelname}: {r.getMessage()}" for r in logged]


def _delete(path: Path) -> None:
    """A page's file, and its folder when that is left empty (services/x/index.html → services/x/)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    with contextlib.suppress(OSError):
        if path.name == "index.html" and not any(os.scandir(path.parent)):
            path.parent.rmdir()


def skip_markdown(page: Page) -> None:
    """This page's Markdown is empty (its finished HTML comes back in on_page_content): give it what `Page.render`
    gives an empty text, without making a Python-Markdown for it."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}

    setattr(page, "render", render)  # noqa: B010 - an instance's own render, in place of the class's


def use_markdown(page: Page) -> None:
    """Undo skip_markdown (the live preview reuses a page object whose file may have changed)."""
    vars(page).pop("render", None)


def share_navigation(env: Environment, nav: Navigation) -> None:
    """Render the navigation once per folder for the pages outside it (see the module's docstring).

    What nav.html shows depends on the page only through which items are active or equal to the page (none, for a
    page outside the navigation) and through links made relative to the page's address: the same for every page in
    one folder, unless an item's address is inside the page's own (then the page renders its own)."""
    template = env.get_template("partials/nav.html")
    render = template.root_render_func
    in_nav = {id(page) for page in nav.pages}
    targets = [page.url for page in nav.pages]
    shared: dict[tuple[str, int, str], str] = {}  # the words of its label are in the page's language

    def root_render_func(context: Any) -> Iterator[str]:
        page = context.get("page")
        url = getattr(page, "url", None)
        if page is None or id(page) in in_nav or not isinstance(url, str) or not url.endswith("/"):
            yield from render(context)
            return
        if any(target.startswith(url) for target in targets):
            yield from render(context)
            return
        key = (posixpath.dirname(url.rstrip("/")), url.count("/"), str(page.meta.get("lo_lang", "")))
        if key not in shared:
            shared[key] = "".join(render(context))
        yield shared[key]

    template.root_render_func = root_render_func


Logged = tuple[str, int, str]  # logger name, level, message: what a worker logged, to be logged again here


@contextlib.contextmanager
def pages_on_every_core(plugin: LocalOfferPlugin) -> Iterator[None]:
    """While a full MkDocs build runs: its pages are put through the theme on every core (see the module's
    docstring). Serial below PARALLEL_FROM pages, on one core, with another plugin, or with the shortcuts off."""
    built: set[int] = set()  # ids of the pages the workers built

    def build_page(
        page: Page,
        config: MkDocsConfig,
        doc_files: Sequence[File],
        nav: Navigation,
        env: Environment,
        dirty: bool = False,
        excluded: bool = False,
    ) -> None:
        if not built and len(doc_files) >= PARALLEL_FROM and workers() > 1 and _only_ours(plugin, config):
            built.update(_build_on_every_core(plugin, config, doc_files, nav, env))
        if id(page) not in built:
            _build_page(page, config, doc_files, nav, env, dirty, excluded)

    setattr(mkdocs_build_module, "_build_page", build_page)  # noqa: B010 - looked up by `build` at each call
    try:
        yield
    finally:
        setattr(mkdocs_build_module, "_build_page", _build_page)  # noqa: B010


def _only_ours(plugin: LocalOfferPlugin, config: MkDocsConfig) -> bool:
    """No other plugin (whose memory of the pages would stay in the workers), and the shortcuts on."""
    return plugin.finished_html and list(config.plugins) == ["local-offer"]


def _build_on_every_core(
    plugin: LocalOfferPlugin, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Environment
) -> set[int]:
    """Build every page in forked workers; take back what they remembered and logged. The ids of the pages built."""
    pages = [(file.page, file.inclusion.is_excluded()) for file in doc_files if file.page is not None]  # type: ignore[no-untyped-call]
    size = max(1, len(pages) // (workers() * 4))
    shares = [(start, min(start + size, len(pages))) for start in range(0, len(pages), size)]

    def build_share(share: tuple[int, int]) -> tuple[dict[str, set[str]], list[Logged]]:
        plugin.policies.clear()  # this worker's copy: only what this share adds goes back
        with mkdocs_warnings() as logged:
            for page, excluded in pages[share[0] : share[1]]:
                _build_page(page, config, doc_files, nav, env, excluded=excluded)
        return dict(plugin.policies), [(r.name, r.levelno, r.getMessage()) for r in logged]

    for policies, logged in pmap(build_share, shares, min_items=2):
        plugin.policies.update(policies)
        for name, level, message in logged:
            logging.getLogger(name).log(level, message)
    return {id(page) for page, _ in pages}
