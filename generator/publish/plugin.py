"""Our part of the MkDocs build, as a plugin object added to the loaded configuration (never named in mkdocs.yml).

- files: the docs tree is exactly the files the pipeline checked and generated, held in memory; only the theme's
  own files are kept from what MkDocs found.
- finished HTML: generated pages (front matter `lo_html: true`) are already HTML and skip Python-Markdown, whose
  raw-HTML parser was over half of the build time. Switched off, the same pages build the same (a test compares
  every page), only more slowly.
- Content-Security-Policy: added to every page and theme template as it is written.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.publish.csp import add_policy


# type-arg: BasePlugin[SomeConfig] would create a new class at runtime (BasePlugin.__class_getitem__); this plugin
# has no config. no-untyped-call: mkdocs leaves BasePlugin.__init_subclass__, run on subclassing, unannotated.
class LocalOfferPlugin(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
    def __init__(self, docs: dict[str, bytes], *, finished_html: bool = True) -> None:
        super().__init__()
        self.docs = docs
        self.finished_html = finished_html
        self._finished: dict[str, str] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs_dir = Path(config.docs_dir).resolve()
        theme = [f for f in files if f.abs_src_path and not Path(f.abs_src_path).resolve().is_relative_to(docs_dir)]
        ours = {rel: File.generated(config, rel, content=data) for rel, data in self.docs.items()}
        return Files([f for f in theme if f.src_uri not in ours] + list(ours.values()))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.finished_html and page.meta.get("lo_html") is True:
            self._finished[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._finished.pop(page.file.src_uri, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return add_policy(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return add_policy(output_content) if template_name.endswith(".html") else output_content

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
