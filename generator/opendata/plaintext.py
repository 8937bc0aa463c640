"""Record Markdown as the plain text the open data publishes: what a reader of the page sees, and nothing else.

The Open Referral feed's text fields are plain text (readers of the feed show them as they are), so `**bold**` and
`[words](https://…)` are not left for them to show as marks. A link becomes its words with its address after them
("the council's website (https://www.example.gov.uk/send)") unless the words already show it, and nothing hidden on
the page is published: a link's title, or a reference definition (`[x]: https://… "title"`) with its title, never
reaches the data. Paragraphs stay apart, and list items stay items ("- " or "1. "), so the text reads as it does
on the page."""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser

import markdown

from generator.inputs.links import national_number

_BLOCKS = frozenset({"p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "hr"})
_local = threading.local()
# Text without any of these is one paragraph of plain words (the same test as pages/render.py's markdown_to_html).
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&#\\!]|\n\s*\n|^\s*(?:[-+]|\d+\.)\s", re.MULTILINE)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # for each open list: the next number (ol) or None (ul)
        self.item_start = False  # just after a list item's marker: its first paragraph needs no blank line
        self.link: tuple[str, int] | None = None  # the open link's address and where its words start in parts
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            number = self.lists[-1] if self.lists else None
            indent = "  " * max(len(self.lists) - 1, 0)
            self.parts.append(f"\n{indent}{'- ' if number is None else f'{number}. '}")
            if number is not None:
                self.lists[-1] = number + 1
            self.item_start = True
            return
        if tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self.lists.append(None if tag == "ul" else int(start) if start.isdigit() else 1)
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCKS and not self.item_start:
            self.parts.append("\n\n" if not self.lists or tag in ("ul", "ol") and len(self.lists) == 1 else "\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", len(self.parts))
        if tag != "a":
            self.item_start = self.item_start and tag == "p"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.parts.append("\n\n" if not self.lists else "")
        elif tag == "pre":
            self.pre -= 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if not self.lists else "")
        elif tag == "a" and self.link:
            href, start = self.link
            self.link = None
            words = "".join(self.parts[start:])
            shown = _address_shown(href)
            if shown and not _shows(words, href, shown):
                self.parts.append(f" ({shown})")

    def handle_data(self, data: str) -> None:
        if not data.strip() and not self.pre:
            if self.parts and not self.parts[-1].endswith(("\n", " ")):
                self.parts.append(" ")
            return
        self.item_start = False
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def _address_shown(href: str) -> str:
    """What a link's address is, in words a reader can use: the web address, the email address or the number."""
    lowered = href.lower()
    if lowered.startswith(("mailto:", "tel:")):
        return href.split(":", 1)[1]
    return href if lowered.startswith("https://") else ""


def _shows(words: str, href: str, address: str) -> bool:
    """Whether a link's words already show its address (a number however it is written: 020 is +44 20)."""
    if href.lower().startswith("tel:"):
        return national_number(address) in national_number(words) if re.search(r"\d", words) else False

    def compact(text: str) -> str:
        return re.sub(r"https://|www\.|[\s()/-]", "", text.casefold())

    return compact(address) in compact(words)


def plain_text(text: str) -> str:
    """The plain text of a record's Markdown, as the page shows it (see the module's note)."""
    if not _MARKDOWN_SYNTAX.search(text):  # one plain paragraph, the common case: the page shows its words
        return " ".join(text.split())
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown.Markdown(extensions=[], output_format="html")
    parser = _Text()
    parser.feed(converter.reset().convert(text))
    parser.close()
    lines = [line.rstrip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
