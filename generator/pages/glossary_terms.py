"""Explain glossary terms where they are used. The first use of each term on a page becomes a link to its entry on
the glossary page (an abbreviation inside it as <abbr title="…">) carrying the term's one-sentence explanation,
which assets/glossary.js turns into a toggletip; without JavaScript it is a plain link.

One pass over a page's finished HTML (generated pages as rendered, hand-written pages after cleaning): one
tokenizer pass over the tags, and one compiled pattern for every way of writing every term. Nothing is marked
inside headings, links, buttons, summaries, labels, code, abbreviations, scripts or hidden elements, and the
page's title and the site's header, menu and footer are not part of a page's content at all.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable

from markupsafe import escape

from generator.inputs.glossary import Glossary, Term

# Elements whose text is never marked: headings and the title, anything interactive, code, existing abbreviations,
# headers, menus and footers (a page's own "Report a problem" footer too), forms (a link between a label and its
# box is one more stop for the keyboard), and text that is not shown as prose.
UNMARKED = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "title", "a", "button", "summary", "label", "select", "option", "textarea"}
    | {"code", "pre", "kbd", "samp", "abbr", "dfn", "script", "style", "template", "noscript", "svg", "math"}
    | {"iframe", "object", "head", "header", "nav", "footer", "form"}
)
RAW_TEXT = frozenset({"script", "style", "textarea", "title"})  # their content is not HTML: skipped whole
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

_TAG = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>"
    r"|<(?P<end>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_HIDDEN = re.compile(r"""\s(?:hidden|aria-hidden\s*=\s*["']?true)(?=[\s=/>"']|$)""", re.IGNORECASE)
_APOSTROPHE = "(?:['\u2019]|&\\#(?:39|x27);)"


Trie = dict[str, "Trie"]


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in "'\u2019":
        return _APOSTROPHE
    return re.escape(ch)


def trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for a set of words, shared prefixes merged (S(?:EN(?:D|Co)?)…), longest first: at any
    position only the branches for the next character are tried, however many words there are."""
    trie: Trie = {}
    for word in words:
        node = trie
        for ch in "'".join(word.split("\u2019")):
            node = node.setdefault(" " if ch.isspace() else ch, {})
        node[""] = {}

    def emit(node: Trie) -> str:
        branches = [_char(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class TermMarker:
    """Marks the first use of each glossary term on a page. Built once per build; `mark` is called per page."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        acronyms = trie_pattern(glossary.by_acronym)
        words = trie_pattern({" ".join(w.split()).casefold() for w in glossary.by_word})
        # words first: at "SEN support" the longer term wins over the abbreviation SEN (an abbreviation is one
        # token, so a word form that matches is never a shorter match than an abbreviation would be)
        alternatives = [p for p in (f"(?i:{words})" if words else "", acronyms) if p]
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")s?(?![\w-])") if alternatives else None

    def terms_in(self, text: str) -> list[Term]:
        """The terms a text uses, in order of first use, each once."""
        found: dict[str, Term] = {}
        for match in self.pattern.finditer(text) if self.pattern else ():
            term = self.glossary.find(" ".join(match.group(0).replace("\u2019", "'").split()))
            if term is not None:
                found.setdefault(term.anchor, term)
        return list(found.values())

    def mark(self, page_html: str, glossary_href: str) -> str:
        """`page_html` with the first use of each term marked; `glossary_href` is the glossary page's address
        relative to this page."""
        if self.pattern is None:
            return page_html
        out: list[str] = []
        done: set[str] = set()
        stack: list[tuple[str, bool]] = []  # open elements: (name, whether it or an ancestor is unmarked)
        pos = 0
        while pos < len(page_html):
            tag = _TAG.search(page_html, pos)
            end = tag.start() if tag else len(page_html)
            text = page_html[pos:end]
            if text and not (stack and stack[-1][1]):
                text = self._mark_text(text, glossary_href, done)
            out.append(text)
            if tag is None:
                break
            out.append(tag.group(0))
            pos = tag.end()
            name = (tag.group("name") or "").lower()
            if not name:
                continue
            if tag.group("end"):
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        del stack[i:]
                        break
                continue
            attrs = tag.group("attrs") or ""
            if name in RAW_TEXT:  # skip to its end tag, unmarked and unparsed
                close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(page_html, pos)
                stop = close.end() if close else len(page_html)
                out.append(page_html[pos:stop])
                pos = stop
                continue
            if name in VOID or attrs.rstrip().endswith("/"):
                continue
            hidden = name in UNMARKED or bool(_HIDDEN.search(attrs))
            stack.append((name, hidden or bool(stack and stack[-1][1])))
        return "".join(out)

    def _mark_text(self, text: str, glossary_href: str, done: set[str]) -> str:
        assert self.pattern is not None
        pieces: list[str] = []
        last = 0
        for found in self.pattern.finditer(text):
            written = found.group(0)
            shown = " ".join(html_lib.unescape(written).replace("\u2019", "'").split())
            term = self.glossary.find(shown)
            if term is None or term.anchor in done:
                continue
            done.add(term.anchor)
            inner = written
            if shown in self.glossary.by_acronym or shown[:-1] in self.glossary.by_acronym:
                inner = f'<abbr title="{escape(term.term)}">{written}</abbr>'
            href = escape(f"{glossary_href}#{term.anchor}")
            link = f'<a class="lo-term" href="{href}" data-lo-tip="{escape(term.tip)}">{inner}</a>'
            pieces += [text[last : found.start()], link]
            last = found.end()
        if not pieces:
            return text
        return "".join([*pieces, text[last:]])
