"""Our part of the MkDocs build, as a plugin object added to the loaded configuration (never named in mkdocs.yml).

- files: the docs tree is exactly the files the pipeline checked and generated, held in memory; only the theme's
  own files are kept from what MkDocs found, and none of ours may take a theme file's place.
- finished HTML: generated pages (front matter `lo_html: true`) are already HTML and skip Python-Markdown, whose
  raw-HTML parser was over half of the build time. Switched off, the same pages build the same (a test compares
  every page), only more slowly. Only pages the pipeline generated are trusted so: every other page is cleaned with
  the hand-written pages' allow-list, and its title is text, never markup.
- terms explained: after cleaning, as each page goes through the theme, the first use of each glossary term on it
  is marked up as a link to its entry on the glossary page with its explanation (generator.pages.glossary_terms); the
  glossary page itself is not.
- Content-Security-Policy: added to every page and theme template as it is written, allowing only the inline
  scripts the theme wrote (never one inside the page's content); any other HTML file gets a policy with none.
- unused theme files: Material's search scripts are not copied while its search plugin is off (Pagefind searches).
- one stylesheet: the site's own stylesheets (extra_css) are merged into one file named by its content
  (generator.publish.stylesheet).
- compact: runs of whitespace with a line break become one line break (generator.publish.compact), after the policy
  is added, so the hashed scripts are exactly as written.
"""

from __future__ import annotations

import html as html_lib
import os
import posixpath
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment, TemplateNotFound
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from generator.inputs.allowlist import IMAGE_SUFFIXES, cleaner
from generator.inputs.catalogues import MESSAGES, THEME_KEYS, UI_KEYS
from generator.inputs.glossary import PAGE as GLOSSARY_PAGE
from generator.inputs.glossary import Glossary
from generator.inputs.synonyms import SynonymGroup
from generator.pages.glossary_terms import TermMarker
from generator.pages.search import explained_keys, text_expansions
from generator.pages.translated_glossary import PAGE_TYPE as GLOSSARY_IN_LANGUAGE
from generator.publish.compact import compact_html
from generator.publish.csp import ContentNotFound, add_policy, has_policy, policy_hashes
from generator.publish.hosting import write_host_files
from generator.publish.mkdocs_pages import share_navigation, skip_markdown, use_markdown
from generator.publish.stylesheet import merge_stylesheets
from generator.records.languages import LANGUAGES, language

# Material's base.html writes autocomplete="off" on its drawer and search checkboxes, outside any block a theme override
# can replace; HTML does not allow the attribute on a checkbox. (assets/local-offer.js closes the drawer after Back.)
_THEME_TOGGLES = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__\w+") autocomplete="off">'
)


# Material's own search (lunr and its worker, about 1 MB): loaded only when its search plugin is on.
SEARCH_PLUGINS = frozenset({"search", "material/search"})
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


_TAG = re.compile(r"<[^>]*>")


def search_words(
    title: str, html: str, synonyms: tuple[SynonymGroup, ...], explains: tuple[tuple[str, ...], ...] = ()
) -> str:
    """Hidden words for the search index after a hand-written page's own (after it is cleaned: they are ours): the
    synonyms of the terms the page uses, weighed as a service's are (words of the `title` more than words of the
    text), so "EHCP" finds "How to get an EHC needs assessment" as it finds the services that name EHC plans. The
    caller adds to the title the terms the glossary says the page explains in full (a term's `pages`, each given by
    its words in `explains`), which are also the page's `explains` filter (see `explained_keys`)."""
    related, weak = text_expansions(title, html_lib.unescape(_TAG.sub(" ", html)), synonyms)
    words = f'<p hidden data-pagefind-weight="4">{escape(related)}</p>' if related else ""
    words += f'<p hidden data-pagefind-weight="1">{escape(weak)}</p>' if weak else ""
    keys = "".join(
        f'<span data-pagefind-filter="explains">{escape(k)}</span>' for k in explained_keys(synonyms, explains)
    )
    return words + (f"<div hidden data-pagefind-ignore>{keys}</div>" if keys else "")


def valid_toggles(html: str) -> str:
    return _THEME_TOGGLES.sub(r"\1>", html)


_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_BODY_DIR = re.compile(r'<body dir="[^"]*"')


def page_language(html: str, code: str) -> str:
    """A translated page's <html lang dir> and <body dir> (the theme writes the site's language on every page)."""
    lang = language(code)
    html = _HTML_LANG.sub(f'<html lang="{lang.code}" dir="{lang.direction}"', html, count=1)
    return _BODY_DIR.sub(f'<body dir="{lang.direction}"', html, count=1)


ENGLISH_INTERFACE = {key: [MESSAGES[key], "en"] for key in UI_KEYS}


def english_interface() -> dict[str, Any]:
    return {"lo_page_lang": "en", "lo_ui": ENGLISH_INTERFACE, "lo_theme_language": "", "lo_theme_strings": {}}


def interface(page: Page, theme_has: Callable[[str], bool]) -> dict[str, Any]:
    """What the theme templates need to write the words around a page in the page's language: `lo_page_lang`,
    `lo_ui` (key → [text, its language]: the language's catalogue, English where it has none), and the theme's own
    language (`lo_theme_language`, read by partials/language.html) where the theme has it, or else the catalogue's
    words for the theme's keys (`lo_theme_strings`)."""
    code = page.meta.get("lo_lang")
    ui = page.meta.get("lo_ui")
    if not isinstance(code, str) or code not in LANGUAGES or not isinstance(ui, dict):
        return english_interface()
    ui = {**ENGLISH_INTERFACE, **ui}
    if theme_has(code):
        return {"lo_page_lang": code, "lo_ui": ui, "lo_theme_language": code, "lo_theme_strings": {}}
    own = {THEME_KEYS[key]: text for key, (text, lang) in ui.items() if key in THEME_KEYS and lang == code}
    return {"lo_page_lang": code, "lo_ui": ui, "lo_theme_language": "", "lo_theme_strings": own}


# type-arg: BasePlugin[SomeConfig] would create a new class at runtime (BasePlugin.__class_getitem__); this plugin
# has no config. no-untyped-call: mkdocs leaves BasePlugin.__init_subclass__, run on subclassing, unannotated.
class LocalOfferPlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    def __init__(
        self,
        docs: dict[str, bytes],
        *,
        generated: Collection[str] = frozenset(),
        finished_html: bool = True,
        glossary: Glossary | None = None,
        api_url: str = "",
        synonyms: tuple[SynonymGroup, ...] = (),
    ) -> None:
        super().__init__()
        self.glossary = glossary
        self.synonyms = synonyms  # hand-written pages are found by every way of writing the terms they use
        self.docs = docs
        self.api_url = api_url  # where the Open Referral UK API is published: every page's footer links to it
        self.marker = TermMarker(glossary) if glossary and glossary.terms and GLOSSARY_PAGE in docs else None
        self.generated = frozenset(generated)
        self.finished_html = finished_html
        self._finished: dict[str, str] = {}
        self._unmarked: set[str] = set()  # pages read whose glossary terms are still to be marked
        self.policies: dict[str, set[str]] = {}  # HTML file written with its policy → the script hashes it allows
        self._images = frozenset(rel for rel in docs if posixpath.splitext(rel)[1].lower() in IMAGE_SUFFIXES)
        self.stylesheets: frozenset[str] = frozenset()  # merged into one file (generator/publish/stylesheet.py)
        # what the build made, kept for the live preview to rebuild single pages (generator.publish.mkdocs_pages)
        self.config: MkDocsConfig | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self._theme_languages: dict[str, bool] = {}

    def forget(self) -> None:
        """Let go of the docs files and what MkDocs built (kept only for the live preview)."""
        self.docs, self._finished = {}, {}
        self.config = self.files = self.nav = self.env = None

    def update_docs(self, docs: dict[str, bytes], generated: Collection[str]) -> None:
        """The docs tree after a change (the live preview): every file, and which of them were generated."""
        self.docs = docs
        self.generated = frozenset(generated)
        self._images = frozenset(rel for rel in docs if posixpath.splitext(rel)[1].lower() in IMAGE_SUFFIXES)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir).resolve()
        theme = [f for f in files if f.abs_src_path and not Path(f.abs_src_path).resolve().is_relative_to(docs_dir)]
        if not SEARCH_PLUGINS.intersection(config.plugins):  # Pagefind searches; Material's search files go unused
            theme = [f for f in theme if not f.src_uri.startswith(MATERIAL_SEARCH_FILES)]
        ours = {rel: File.generated(config, rel, content=data) for rel, data in self.docs.items()}
        taken = {f.dest_uri: f.src_uri for f in theme}
        for file in ours.values():
            if file.dest_uri in taken:
                raise PluginError(f"{file.src_uri} would replace the theme's {taken[file.dest_uri]}")
        files = Files(theme + list(ours.values()))
        self.stylesheets = frozenset(merge_stylesheets(config, files))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self.config, self.files, self.env = config, files, env
        env.globals["lo_api_url"] = self.api_url
        env.globals.update(english_interface())  # the theme's own pages (404.html) are in the site's language
        if self.finished_html and self.nav is not None:
            share_navigation(env, self.nav)
        return env

    def _theme_has(self, code: str) -> bool:
        """Whether the theme has its own words in this language (Material's partials/languages/<code>.html)."""
        if code not in self._theme_languages:
            found = False
            if self.env is not None and self.env.loader is not None:
                try:
                    self.env.loader.get_source(self.env, f"partials/languages/{code}.html")
                    found = True
                except TemplateNotFound:
                    pass
            self._theme_languages[code] = found
        return self._theme_languages[code]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The theme prints page.meta.title unescaped in places (header, nav): make the text markup-safe once, here,
        # before any page is put in its template (every page's markdown is read before the first is rendered).
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        if self.finished_html and page.meta.get("lo_html") is True and page.file.src_uri in self.generated:
            self._finished[page.file.src_uri] = markdown
            skip_markdown(page)
            return ""
        use_markdown(page)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            html = self._finished.pop(page.file.src_uri, html)
        else:
            base = posixpath.dirname(page.file.url.split("#")[0])
            html = cleaner(base, self._images)(html)
            explains = [t for t in self.glossary.terms if page.file.src_uri in t.pages] if self.glossary else []
            title = " ".join([page.title or "", *(t.term for t in explains)])
            html += search_words(title, html, self.synonyms, tuple(t.words for t in explains))
        self._unmarked.add(page.file.src_uri)
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        cast(dict[str, Any], context).update(interface(page, self._theme_has))  # our own keys, beside MkDocs'
        # Terms are marked here, as the page is put through the theme (on every core: see mkdocs_pages), not as it is
        # read; once for each reading of the page.
        if page.file.src_uri not in self._unmarked:
            return context
        self._unmarked.discard(page.file.src_uri)
        glossary = self.files.get_file_from_path(GLOSSARY_PAGE) if self.files is not None else None
        if self.marker is None or glossary is None or page.file.src_uri == GLOSSARY_PAGE:
            return context
        if page.meta.get("lo_type") == GLOSSARY_IN_LANGUAGE or page.meta.get("lo_lang"):
            # a page in another language: the glossary's explanations are English, and would be read out as if in
            # the page's language (a translated glossary is linked from the language switcher instead)
            return context
        page.content = self.marker.mark(page.content or "", get_relative_url(glossary.url, page.file.url) or "./")
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        code = page.meta.get("lo_lang")  # only the pipeline writes lo_ keys (hand-written front matter is checked)
        if isinstance(code, str) and code in LANGUAGES:
            output = page_language(output, code)
        try:
            html = compact_html(add_policy(valid_toggles(output), [page.content or ""]))
        except ContentNotFound as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from exc
        self._with_policy(html, page.file.abs_dest_path)
        return html

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        html = compact_html(add_policy(valid_toggles(output_content)))
        self._with_policy(html, os.path.join(config.site_dir, template_name))
        return html

    def _with_policy(self, html: str, path: str) -> None:
        """Remember a file written with its policy, and the theme scripts the policy allows."""
        self.policies[os.path.normpath(path)] = policy_hashes(html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Any HTML file written some other way gets a policy that allows no inline script (pages and theme
        templates got theirs as they were written, so only the others are read, and only files ending .html: the Open
        Referral feed's JSON is never touched); the hosts' own files (generator/publish/hosting.py) send the policy
        as a header too, with `frame-ancestors`, and serve the feed's API addresses."""
        hashes: set[str] = set()
        found = os.walk(config.site_dir)  # all HTML files, as rglob("*.html") finds them, but faster
        for path in (Path(at, name) for at, _, names in found for name in names if name.endswith(".html")):
            known = self.policies.get(os.path.normpath(path))
            if known is not None:
                hashes.update(known)
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            if not has_policy(html):
                html = add_policy(html, inline=False)
                path.write_text(html, encoding="utf-8", newline="\n")  # not CR LF on Windows
            hashes.update(policy_hashes(html))
        write_host_files(Path(config.site_dir), str(config.site_url or "/"), hashes)

    def __repr__(self) -> str:
        return f"LocalOfferPlugin({len(self.docs)} files)"


def install(config: MkDocsConfig, plugin: LocalOfferPlugin, overrides: Path) -> None:
    """Add our plugin and the shipped theme overrides (after the council's own custom_dir, if any)."""
    if "local-offer" in config.plugins:
        raise RuntimeError("this configuration has already been built; load the settings again")
    config.plugins["local-offer"] = plugin
    dirs: list[str] = config.theme.dirs
    if str(overrides) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(overrides))
