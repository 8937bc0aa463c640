"""What a hand-written page may publish, judged on the HTML it becomes: one allow-list of tags, attributes, classes
and addresses, used both to refuse a page (with the reason) and to clean every page as it is built (nh3)."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Collection
from urllib.parse import unquote, urlsplit

import nh3

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TAGS = frozenset(
    {"p", "ul", "ol", "li", "a", "strong", "em", "code", "pre", "blockquote", "br", "hr", "div", "span", "img"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
    | HEADINGS
)
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "div": frozenset({"class"}),
    "p": frozenset({"class"}),
    **{h: frozenset({"id"}) for h in HEADINGS},
}
ADMONITIONS = frozenset(
    {"note", "abstract", "summary", "info", "tip", "hint", "important", "success", "question", "warning", "caution"}
    | {"attention", "failure", "danger", "error", "bug", "example", "quote"}
)
CLASSES: dict[str, frozenset[str]] = {"div": ADMONITIONS | {"admonition"}, "p": frozenset({"admonition-title"})}
SCHEMES = frozenset({"https", "mailto", "tel"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})  # SVG: made safe by inputs/svg.py

# Browsers drop these from addresses before reading the scheme: "java\nscript:" is "javascript:".
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_THEME_IDS = ("md-", "lo-", "__", "main-content")


def href_problem(value: str) -> str | None:
    """Why a link address is refused, or None: https:, mailto:, tel:, a relative address or a #fragment only."""
    address = _INVISIBLE.sub("", html.unescape(value)).replace("\\", "/").lower()
    scheme = _SCHEME.match(address)
    if scheme:
        return None if scheme[1] in SCHEMES else f"contains a '{scheme[1]}:' link, which is not allowed"
    if address.startswith("//"):
        return "loads or links something from another site without https:"
    return None


def image_problem(value: str, base: str, images: Collection[str]) -> str | None:
    """Why an image address is refused, or None: only a relative address of an image this site publishes.
    `base` is the folder the address is relative to; `images` are published paths."""
    address = _INVISIBLE.sub("", html.unescape(value)).replace("\\", "/")
    if _SCHEME.match(address.lower()) or address.startswith("/"):
        return "loads or links something from another site; images must be files in this site's content folder"
    path = unquote(urlsplit(address).path)
    target = posixpath.normpath(posixpath.join(base, path))
    if target not in images or posixpath.splitext(target)[1].lower() not in IMAGE_SUFFIXES:
        return f"shows an image ('{value}') that this site does not publish"
    return None


def id_problem(value: str) -> str | None:
    if not _ID.match(value) or value.startswith(_THEME_IDS):
        return f"has the id '{value}'; ids are lower-case words joined by '-' and may not be the theme's own"
    return None


def attribute_problem(tag: str, name: str, value: str | None, base: str, images: Collection[str]) -> str | None:
    """Why one attribute of an allowed tag is refused, or None."""
    if name not in ATTRIBUTES.get(tag, frozenset()):
        if name.startswith("on"):
            return f"contains an event handler attribute ('{name}'), which could run a script"
        return f"has a '{name}' attribute on <{tag}>, which is not allowed"
    text = value or ""
    if name == "href":
        return href_problem(text)
    if name == "src":
        return image_problem(text, base, images)
    if name == "id":
        return id_problem(text)
    if name == "class":
        extra = sorted(set(text.split()) - CLASSES.get(tag, frozenset()))
        return f"has the class '{' '.join(extra)}', which is not allowed" if extra else None
    if name == "start" and not text.isdigit():
        return f"has start='{text}'; a list starts at a number"
    return None


def cleaner(base: str, images: Collection[str]) -> Callable[[str], str]:
    """The same allow-list as an HTML cleaner (nh3): what is not allowed is removed, scripts and styles with their
    content. `base` is the folder relative addresses start from, `images` the published image paths."""

    def keep(tag: str, name: str, value: str) -> str | None:
        if name == "class":
            return value
        return None if attribute_problem(tag, name, value, base, images) else value

    attributes = {tag: set(names - {"class"}) for tag, names in ATTRIBUTES.items()}

    def clean(fragment: str) -> str:
        return nh3.clean(
            fragment,
            tags=set(TAGS),
            clean_content_tags={"script", "style"},
            attributes=attributes,
            attribute_filter=keep,
            url_schemes=set(SCHEMES),
            allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
            link_rel=None,
            strip_comments=True,
        )

    return clean
