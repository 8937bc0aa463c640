"""One hand-written page (content/*.md) checked as MkDocs will publish it: size, UTF-8, front matter read safely with
only known keys, and the HTML its Markdown becomes held to the allow-list (generator.inputs.allowlist)."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
from mkdocs.utils.meta import YAML_RE, get_data

from generator.inputs.allowlist import CLASSES, TAGS, attribute_problem, href_problem
from generator.inputs.links import Link, link_problem
from generator.inputs.load import MAX_FILE_BYTES, decode_utf8, load_text
from generator.inputs.markdown_cost import costly_paragraph
from generator.inputs.placeholders import placeholder_warnings
from generator.inputs.problems import Problem

FRONT_MATTER: dict[str, type] = {"title": str, "description": str, "hide": list, "search": object}
HIDE = frozenset({"navigation", "toc", "footer", "path", "feedback", "tags"})
_SAFE_HINT = "Pages may not run scripts, load things from other sites or change how the site works."


@dataclass(frozen=True)
class Markdown:
    """The Markdown extensions of the loaded MkDocs settings, so a page is converted exactly as MkDocs will."""

    extensions: Sequence[Any]
    configs: Mapping[str, Any]

    def convert(self, text: str) -> str:
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=dict(self.configs)).convert(text)


@dataclass(frozen=True)
class _Found:
    needles: tuple[str, ...]
    message: str
    hint: str = _SAFE_HINT


class _Walk(HTMLParser):
    def __init__(self, base: str, images: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.base, self.images = base, images
        self.found: list[_Found] = []
        self.link: tuple[str, list[str]] | None = None  # the link being read: its address and its words so far

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.found.append(_Found((f"<{tag}",), f"contains a <{tag}> tag, which is not allowed."))
            return
        for name, value in attrs:
            problem = attribute_problem(tag, name, value, self.base, self.images)
            if problem:
                self.found.append(_Found(_needles(tag, name, value or ""), problem + "."))

        if tag == "a":
            self.link = (dict(attrs).get("href") or "", [])
        elif tag == "img" and self.link:
            self.link[1].append(dict(attrs).get("alt") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.link:
            self.link[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        """A link is judged by the one link policy (inputs/links.py) once its words are known."""
        if tag != "a" or not self.link:
            return
        href, words = self.link
        self.link = None
        if href_problem(href):
            return  # already refused by the allow-list
        problem = link_problem(Link(" ".join("".join(words).split()), href), titles=True)
        if problem:
            hint = "A link must go where its words say, so families can trust it."
            self.found.append(_Found(_needles("a", "href", href), problem + ".", hint))

    def handle_pi(self, data: str) -> None:
        self.found.append(_Found((f"<?{data[:10]}",), "contains a processing instruction, which is not allowed."))

    def handle_decl(self, decl: str) -> None:
        self.found.append(_Found((f"<!{decl[:10]}",), "contains a declaration, which is not allowed."))

    def unknown_decl(self, data: str) -> None:
        self.handle_decl(data)


def _needles(tag: str, name: str, value: str) -> tuple[str, ...]:
    """Text to look for in the source to find the line of a refused attribute (its value was decoded)."""
    if name == "class":
        value = " ".join(sorted(set(value.split()) - CLASSES.get(tag, frozenset())))
    chunks = value.split()
    first = chunks[0] if chunks else ""
    after_colon = value.split(":", 1)[1].strip() if ":" in value else ""
    candidates = [f'{name}="{value}', value, f'{name}="{first}', first, after_colon, f"{name}=", name]
    return tuple(c for c in candidates if len(c) >= 3 and "\n" not in c)


def check_page(raw: bytes, rel: str, display: str, md: Markdown, images: Collection[str]) -> list[Problem]:
    """Every problem with the page at docs path `rel` (shown as `display`); `images` are the published images."""
    if len(raw) > MAX_FILE_BYTES:
        message = f"is {len(raw) // 1024} KB; a page may be at most {MAX_FILE_BYTES // 1024} KB."
        return [Problem(display, 1, 1, "", message, "Split it into shorter pages.")]
    text, unreadable = decode_utf8(raw, display)
    if unreadable:
        return [unreadable]
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write
    body, _ = get_data(text)
    body_line = text.count("\n", 0, len(text) - len(body)) + 1 if body else 1
    problems = _front_matter(text, display) + placeholder_warnings(text, display)
    costly = costly_paragraph(body)
    if costly:
        line, what = costly
        hint = "Split it into shorter paragraphs or pages, or remove stray brackets and marks."
        return [*problems, Problem(display, body_line + line - 1, 1, "", f"{what}.", hint)]
    lines = text.split("\n")
    walk = _Walk(posixpath.dirname(rel), images)
    walk.feed(md.convert(body))
    walk.close()
    return problems + [_place(found, lines, body_line, display) for found in walk.found]


def _place(found: _Found, lines: list[str], body_line: int, display: str) -> Problem:
    for needle in found.needles:
        wanted = needle.lower()
        for number in range(body_line, len(lines) + 1):
            col = lines[number - 1].lower().find(wanted)
            if col >= 0:
                return Problem(display, number, col + 1, "", found.message, found.hint)
    return Problem(display, body_line, 1, "", found.message, found.hint)


def _front_matter(text: str, display: str) -> list[Problem]:
    match = YAML_RE.match(text)
    if not match:
        _, meta = get_data(text)
        if not meta:
            return []
        message = "begins with 'key: value' lines, which MkDocs reads as page settings."
        hint = "Start the page with a '# Heading', or put settings between two '---' lines."
        return [Problem(display, 1, 1, "", message, hint)]
    loaded = load_text(match.group(1), display)
    moved = [Problem(p.file, p.line + 1, p.col, p.field, p.message, p.hint) for p in loaded.problems]
    if moved:
        return moved
    if not isinstance(loaded.data, dict):
        return [Problem(display, 2, 1, "", "has front matter that is not 'key: value' lines.", "")]
    problems = []
    for key, value in loaded.data.items():
        line, col = loaded.key_where((key,))
        wrong = _front_matter_problem(str(key), value)
        if wrong:
            allowed = ", ".join(FRONT_MATTER)
            problems.append(Problem(display, line + 1, col, str(key), wrong, f"A page may set {allowed}."))
    return problems


def _front_matter_problem(key: str, value: object) -> str | None:
    expected = FRONT_MATTER.get(key)
    if expected is None:
        return f"'{key}' is not a page setting a hand-written page may use."
    if key == "search":
        return None if value in ("exclude", {"exclude": True}) else "may only be 'exclude'."
    if not isinstance(value, expected):
        return f"must be {'a list' if expected is list else 'text'}."
    if key == "hide" and isinstance(value, list) and not set(map(str, value)) <= HIDE:
        return f"may only hide {', '.join(sorted(HIDE))}."
    return None
