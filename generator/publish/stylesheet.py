"""The site's own stylesheets as one small file: the stylesheets `extra_css` lists in mkdocs.yml (the council's
colours, made from extra.council.colours; ours from site_overrides/assets/; any the council adds to content/assets/)
become `assets/stylesheets/local-offer.<hash>.css` (beside the theme's own, also named by their content), in the same
order, without comments or indentation: one render-blocking request instead of four, and a name that changes
whenever the content does, so hosts let browsers keep it for a year (generator/publish/hosting.py).

Only stylesheets in assets/ without a `url()` are merged (an address in one is relative to its own folder); any other
entry, and an address on another site, is left in `extra_css` as it was.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

FOLDER = "assets"
NAME = "assets/stylesheets/local-offer"
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_INDENT = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_BLANK = re.compile(r"\n{2,}")


def minified(css: str) -> str:
    """`css` without comments, indentation or blank lines (rules, selectors and values exactly as written)."""
    return _BLANK.sub("\n", _INDENT.sub("", _COMMENT.sub("", css))).strip() + "\n"


def bundled_name(css: str) -> str:
    return f"{NAME}.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:8]}.css"


def merge_stylesheets(config: MkDocsConfig, files: Files) -> list[str]:
    """Replace the site's own stylesheets in `files` and `config.extra_css` with one merged file; returns the paths
    (in the docs tree or the theme) that went into it."""
    merged: list[str] = []
    parts: list[str] = []
    keep: list[str] = []
    at = 0  # the merged file takes the place of the first stylesheet in it
    for entry in config.extra_css:
        path = str(entry)
        file = files.get_file_from_path(path)
        mergeable = file is not None and posixpath.dirname(path) == FOLDER and path.endswith(".css")
        if file is None or not mergeable or "url(" in file.content_string:
            keep.append(entry)
            continue
        at = at if merged else len(keep)
        parts.append(minified(file.content_string))
        merged.append(path)
        files.remove(file)
    if not parts:
        return []
    css = "".join(parts)
    name = bundled_name(css)
    files.append(File.generated(config, name, content=css.encode("utf-8")))
    config.extra_css = [*keep[:at], name, *keep[at:]]
    return merged
