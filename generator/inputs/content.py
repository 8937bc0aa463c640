"""The files of content/: hand-written pages (checked by generator.inputs.handwritten) and a few asset types are
published; data files stay data; anything else, any symbolic link, and anything that would be served at the
address of a theme file is refused."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import unquote

from mkdocs.structure.files import File

from generator.inputs.allowlist import IMAGE_SUFFIXES
from generator.inputs.handwritten import Markdown, check_page
from generator.inputs.messages import closest
from generator.inputs.names import EMPTY_NAMES, SYSTEM_FILES, fold, name_problem
from generator.inputs.problems import Problem
from generator.inputs.settings import Settings
from generator.inputs.svg import clean_svg
from generator.resources import OVERRIDES_DIR

DATA_SUFFIXES = frozenset({".yaml", ".yml"})
PAGE_SUFFIX = ".md"
ASSET_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}
RESERVED = frozenset({"pagefind"})  # folders of the site written after MkDocs (the search index)
_RENAME = "Rename it with plain letters, numbers and hyphens, for example about-us.md."
_KINDS = "pages (.md), images (.png, .jpg, .jpeg, .gif, .webp, .svg) and PDF files"


def markdown_of(settings: Settings) -> Markdown:
    config = settings.mkdocs
    return Markdown(tuple(config["markdown_extensions"]), dict(config["mdx_configs"] or {}))


def theme_dirs(settings: Settings) -> list[Path]:
    """Every folder the theme's files come from: the council's custom_dir, ours, Material's."""
    return [OVERRIDES_DIR, *(Path(d) for d in settings.mkdocs.theme.dirs)]


def published_path(rel: str, use_directory_urls: bool) -> str:
    """Where a docs file is written in the site (content/services.md → services/index.html)."""
    return File(rel, None, "", use_directory_urls).dest_uri


# (page bytes, docs path, shown path, published images) → the page's problems: kept by the live preview
KeptPageChecks = dict[tuple[bytes, str, str, frozenset[str]], list[Problem]]


def collect_content(settings: Settings, kept: KeptPageChecks | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """The publishable files of content/ by docs path, and every problem with them. `kept` holds the checks of pages
    seen before (the live preview), so an unchanged page is not converted again."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    content_dir = settings.content_dir
    if not content_dir.is_dir():
        return files, problems
    found: list[Path] = []
    for path, refused in _walk(content_dir):
        if refused:
            hint = "Copy the file itself into content/ instead." if path.is_symlink() else _RENAME
            problems.append(_problem(path, settings, refused, hint))
        elif path.suffix.lower() in DATA_SUFFIXES or _catalogue(path, content_dir):
            continue
        elif path.suffix.lower() != PAGE_SUFFIX and path.suffix.lower() not in ASSET_SUFFIXES:
            message = f"is a {path.suffix or 'extensionless'} file, which is not published: it could change the site."
            problems.append(_problem(path, settings, message, f"content/ may hold {_KINDS} only."))
        else:
            found.append(path)
    dirs, directory_urls = theme_dirs(settings), settings.mkdocs["use_directory_urls"]
    same = clashes([p.relative_to(content_dir).as_posix() for p in found], (), directory_urls)
    for rel, other in same.items():
        message = f"would be published at the same address as {other}"
        exact = published_path(rel, directory_urls) == published_path(other, directory_urls)
        message += "." if exact else " on a server that ignores capitals or accents (Windows, macOS, many hosts)."
        hint = "Rename or move one of the two (names differ by more than capitals and accents)."
        problems.append(_problem(content_dir / rel, settings, message, hint))
    found = [p for p in found if p.relative_to(content_dir).as_posix() not in same]
    for path in found:
        rel = path.relative_to(content_dir).as_posix()
        shadowed = _theme_file(published_path(rel, directory_urls), dirs)
        if shadowed:
            message = f"would be published at {shadowed}, in place of the theme's own file."
            problems.append(_problem(path, settings, message, "Rename or move the file."))
        elif path.suffix.lower() == ".svg":  # published only as the clean copy: an SVG can carry scripts
            clean, svg_problems = clean_svg(path.read_bytes(), path.relative_to(settings.root).as_posix())
            problems += svg_problems
            if clean is not None:
                files[rel] = clean
        else:
            data = path.read_bytes()
            files[rel] = one_line_end(data) if rel.lower().endswith(PAGE_SUFFIX) else data
    problems += check_pages(files, settings, kept)
    return files, problems


def _catalogue(path: Path, content_dir: Path) -> bool:
    """A translations' interface catalogue (translations/<code>/interface.po): data, checked by inputs/catalogues."""
    rel = path.relative_to(content_dir).parts
    return path.suffix.lower() == ".po" and len(rel) == 3 and rel[0] == "translations"


def one_line_end(page: bytes) -> bytes:
    """A page's lines ended as MkDocs ends them when it reads a file itself: a page saved on Windows (or checked out
    by Git for Windows) ends its lines with CR LF, which would hide its front matter (its title shown as text)."""
    return page.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def check_pages(files: dict[str, bytes], settings: Settings, kept: KeptPageChecks | None = None) -> list[Problem]:
    """Check each hand-written page among `files` (docs path → bytes)."""
    images = frozenset(rel for rel in files if posixpath.splitext(rel)[1].lower() in IMAGE_SUFFIXES)
    md = markdown_of(settings)
    problems: list[Problem] = []
    for rel, data in files.items():
        if rel.lower().endswith(PAGE_SUFFIX):
            shown = (settings.content_dir / rel).relative_to(settings.root).as_posix()
            if kept is None:
                problems += check_page(data, rel, shown, md, images)
                continue
            key = (data, rel, shown, images)
            if key not in kept:
                kept[key] = check_page(data, rel, shown, md, images)
            problems += kept[key]
    return problems


def published_images(settings: Settings) -> set[str]:
    """The docs paths of the images content/ publishes (for checking one page on its own)."""
    if not settings.content_dir.is_dir():
        return set()
    return {
        path.relative_to(settings.content_dir).as_posix()
        for path, refused in _walk(settings.content_dir)
        if not refused and path.suffix.lower() in IMAGE_SUFFIXES
    }


def clashes(content: Iterable[str], generated: Collection[str], use_directory_urls: bool) -> dict[str, str]:
    """Hand-written files (docs paths) that would be served where a generated file is, or where another
    hand-written file is: judged by the published path, so services.md clashes with services/index.md, and as a host
    that ignores capitals and accents judges it (Windows, macOS, many static hosts): so does Services.md."""
    taken: dict[str, str] = {fold(published_path(rel, use_directory_urls)): rel for rel in generated}
    folders = {parent for dest in taken for parent in _parents(dest)}
    found: dict[str, str] = {}
    for rel in sorted(content):
        dest = fold(published_path(rel, use_directory_urls))
        other = taken.get(dest) or next((taken[p] for p in _parents(dest) if p in taken), None)
        if other is None and dest in folders:
            other = next(r for d, r in taken.items() if dest in _parents(d))
        if other is not None:
            found[rel] = other
        else:
            taken[dest] = rel
            folders.update(_parents(dest))
    return found


def _parents(dest: str) -> Iterator[str]:
    parts = dest.split("/")
    for i in range(1, len(parts)):
        yield "/".join(parts[:i])


def _theme_file(dest: str, dirs: Iterable[Path]) -> str | None:
    if dest.split("/", 1)[0] in RESERVED:
        return dest
    for folder in dirs:
        if (folder / dest).exists() or any((folder / p).is_file() for p in _parents(dest)):
            return dest
    return None


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every file under `folder`, in order, never following a link; (path, why it is refused) or (path, "")."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        path = Path(entry.path)
        if entry.name.casefold() in SYSTEM_FILES:
            continue
        data = entry.name.lower().endswith(tuple(DATA_SUFFIXES))  # records: their names are checked as records
        if entry.name.startswith(".") and (data or entry.name.lower() not in EMPTY_NAMES):
            continue
        if not data and (unportable := name_problem(entry.name)):
            yield path, f"{unportable} Its address would not work on every computer or server."
        elif entry.is_symlink():
            yield path, "is a symbolic link, which is never followed or published."
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file(follow_symlinks=False):
            yield path, ""
        else:
            yield path, "is not a plain file."


def _problem(path: Path, settings: Settings, message: str, hint: str) -> Problem:
    return Problem(path.relative_to(settings.root).as_posix(), 1, 1, "", message, hint)


# A Markdown link's address, inline ("](about.md)", "](<about us.md> "title")") or a reference definition
# ("[about]: about.md"): what MkDocs resolves against the site's files when it builds.
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)>?[^)]*\)|^ {0,3}\[[^\]\n]+\]:\s*<?([^\s>]+)>?", re.MULTILINE)
_CHECKED_SUFFIXES = frozenset({PAGE_SUFFIX}) | ASSET_SUFFIXES


def missing_link_targets(files: Mapping[str, bytes], known: Collection[str], settings: Settings) -> list[Problem]:
    """Links in hand-written pages to a page or file the site will not have (`known`: every docs path, hand-written
    and generated; MkDocs would stop the build with a warning naming no line): each a problem on its line, so
    `validate` finds it too, with the nearest real name."""
    problems = []
    for rel, data in files.items():
        if not rel.endswith(PAGE_SUFFIX):
            continue
        text = data.decode("utf-8", "replace")
        for found in _LINK_TARGET.finditer(text):
            target = found.group(1) or found.group(2)
            path = unquote(target.split("#", 1)[0].split("?", 1)[0])
            if not path or ":" in path or path.startswith("/") or Path(path).suffix.lower() not in _CHECKED_SUFFIXES:
                continue  # another site, an address on this page, or a folder: not a file MkDocs looks for
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if resolved in known:
                continue
            line = text.count("\n", 0, found.start()) + 1
            near = closest(resolved, sorted(known))
            hint = (
                f"Did you mean '{posixpath.relpath(near, posixpath.dirname(rel) or '.')}'?"
                if near
                else (
                    "Link to a page in the content folder (for example about.md) or to a generated page "
                    "(for example services/index.md)."
                )
            )
            where = (settings.content_dir / rel).relative_to(settings.root).as_posix()
            message = f"links to '{target}', which is not a page or file of the site."
            problems.append(Problem(where, line, 1, "", message, hint))
    return problems


def _nav_paths(nav: object) -> Iterator[str]:
    """Every docs path a `nav` setting names (its entries may be paths, {title: path} or {title: [entries]})."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from _nav_paths(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_paths(value)


def missing_nav_pages(known: Collection[str], settings: Settings) -> list[Problem]:
    """Pages the `nav` of mkdocs.yml names that the site will not have (`known`: every docs path; MkDocs would stop
    the build with a warning naming no line): each a problem on its line of mkdocs.yml (read only then)."""
    missing = [p for p in _nav_paths(settings.mkdocs["nav"] or []) if ":" not in p and p not in known]
    if not missing:  # the usual case: no reading of the settings file on every build and preview
        return []
    lines = settings.config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("nav:")), 0)
    shown = settings.config_file.name
    pages = sorted(k for k in known if k.endswith(PAGE_SUFFIX))
    problems = []
    for path in missing:
        line = next((n + 1 for n in range(start, len(lines)) if path in lines[n]), start + 1)
        near = closest(path, pages)
        hint = f"Did you mean '{near}'?" if near else "Name a page in the content folder, or remove the line."
        message = f"names the page '{path}', which the site does not have."
        problems.append(Problem(shown, line, 1, "nav", message, hint))
    return problems
