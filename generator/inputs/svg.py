"""SVG images (a council's logo above all) made safe to publish: an SVG opened by its own address is a web page that
can run scripts and load things from other websites, so only drawing is kept.

An allow-list, written out again from what is kept (never the file as it came):
- kept: the SVG elements that draw (shapes, paths, text, groups, gradients, clip paths, masks, `use` of a part of the
  same file) with their presentation and geometry attributes; `<style>` with no @import, no url() to anything but a
  part of the file and no escapes;
- removed, each with a warning on its line: scripts, `foreignObject`, links, animations, images, anything in another
  namespace (an editor's own metadata), event handlers (`on…`), any `href` or `url()` that is not
  `#a-part-of-this-file`, processing instructions and attributes the list does not know;
- refused (an error, nothing published): a file that is not well-formed XML, whose outermost element is not `<svg>`,
  or that has a DOCTYPE or entities (they can read other files or swell without end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from generator.inputs.problems import Problem

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
MAX_SVG_BYTES = 512 * 1024

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle", "ellipse", "line", "polyline",
        "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
        "pattern", "marker", "style",
    }
)  # fmt: skip
ATTRIBUTES = frozenset(
    {
        "id", "class", "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry",
        "fx", "fy", "fr", "d", "points", "pathLength", "transform", "preserveAspectRatio", "version", "role",
        "aria-label", "aria-hidden", "aria-labelledby", "focusable", "lang", "fill", "fill-opacity", "fill-rule",
        "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
        "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility", "overflow", "clip-path",
        "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits", "font-family", "font-size",
        "font-weight", "font-style", "font-variant", "text-anchor", "dominant-baseline", "alignment-baseline",
        "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "dx", "dy", "rotate", "textLength",
        "lengthAdjust", "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
        "patternUnits", "patternContentUnits", "patternTransform", "markerWidth", "markerHeight", "markerUnits",
        "refX", "refY", "orient", "marker-start", "marker-mid", "marker-end", "vector-effect", "paint-order",
        "shape-rendering", "text-rendering", "image-rendering", "color-interpolation", "isolation", "mix-blend-mode",
        "style", "href", "space", "type", "media",
    }
)  # fmt: skip
# url(...) may only point inside the file; nothing in a style may import, escape or close the element
_URL = re.compile(r"url\(\s*(['\"]?)(?P<target>[^)'\"]*)\1\s*\)", re.IGNORECASE)
_STYLE_REFUSED = re.compile(r"@import|\\|expression\s*\(|javascript:|</|-moz-binding|behavior\s*:", re.IGNORECASE)
_LOCAL = re.compile(r"^#[A-Za-z_][\w.:-]*$")


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class _Node:
    name: str
    attributes: list[tuple[str, str]]
    children: list[_Node | str] = field(default_factory=list)


def _safe_value(value: str) -> bool:
    return all(_LOCAL.match(m["target"].strip()) for m in _URL.finditer(value)) and not _STYLE_REFUSED.search(value)


class _Cleaner:
    def __init__(self, display: str) -> None:
        self.display = display
        self.removed: list[Problem] = []
        self.root: _Node | None = None
        self.stack: list[_Node | None] = []  # None: inside a removed element (its content goes too)
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._entity
        self.parser.ExternalEntityRefHandler = self._external
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.ProcessingInstructionHandler = self._instruction

    def _line(self) -> int:
        return int(self.parser.CurrentLineNumber)

    def _remove(self, what: str) -> None:
        hint = "It was left out of the published copy; the rest of the image is published."
        where = self._line(), int(self.parser.CurrentColumnNumber) + 1
        self.removed.append(Problem(self.display, *where, "", f"{what} was removed: {_WHY}", hint, "warning"))

    def _doctype(self, *_: object) -> None:
        raise _Refused(
            self._line(), "has a DOCTYPE, which can define entities that read other files or grow without end"
        )

    def _entity(self, *_: object) -> None:
        raise _Refused(self._line(), "defines an entity, which can read other files or grow without end")

    def _external(self, *_: object) -> int:
        raise _Refused(self._line(), "refers to an external entity")

    def _instruction(self, target: str, _data: str) -> None:
        self._remove(f"the processing instruction <?{target}?>")

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        namespace, _, name = tag.rpartition(" ")
        if self.root is None and (namespace != SVG_NS or name != "svg"):
            raise _Refused(self._line(), f"is not an SVG image: its outermost element is <{name}>, not <svg>")
        if self.stack and self.stack[-1] is None:
            self.stack.append(None)
            return
        if namespace != SVG_NS or name not in ELEMENTS:
            self._remove(f"the <{name}> element" + ("" if namespace == SVG_NS else " (not an SVG element)"))
            self.stack.append(None)
            return
        node = _Node(name, self._attributes(name, attrs))
        if self.root is None:
            self.root = node
        else:
            parent = self.stack[-1]
            assert parent is not None
            parent.children.append(node)
        self.stack.append(node)

    def _attributes(self, element: str, attrs: dict[str, str]) -> list[tuple[str, str]]:
        kept = []
        for qualified, value in attrs.items():
            namespace, _, name = qualified.rpartition(" ")
            prefix = {"": "", XLINK_NS: "xlink:", XML_NS: "xml:"}.get(namespace, "another program's ")
            shown = prefix + name
            if name == "href" and namespace in ("", XLINK_NS):
                if _LOCAL.match(value.strip()):
                    kept.append(("href", value.strip()))
                else:
                    self._remove(f"the link {shown}={value!r} on <{element}> (only #a-part-of-this-image is kept)")
            elif namespace == XML_NS and name == "space":
                kept.append(("xml:space", value))
            elif namespace or name not in ATTRIBUTES or name.lower().startswith("on"):
                self._remove(f"the attribute {shown} on <{element}>")
            elif not _safe_value(value):
                self._remove(f"the attribute {name} on <{element}> (it refers to something outside the image)")
            else:
                kept.append((name, value))
        return kept

    def _end(self, _tag: str) -> None:
        node = self.stack.pop()
        if node is not None and node.name == "style":
            css = "".join(c for c in node.children if isinstance(c, str))
            if not _safe_value(css):
                self._remove("a <style> element that imports or refers to something outside the image")
                node.children.clear()

    def _text(self, data: str) -> None:
        if self.stack and self.stack[-1] is not None:
            node = self.stack[-1]
            assert node is not None
            node.children.append(data)


_WHY = "an SVG may only draw (no scripts, links, event handlers or anything from outside the image)."


def _written(node: _Node, top: bool = False) -> str:
    attributes = [("xmlns", SVG_NS)] if top else []
    attributes += node.attributes
    opening = node.name + "".join(f" {k}={quoteattr(v)}" for k, v in attributes)
    if not node.children:
        return f"<{opening}/>"
    inner = "".join(escape(c) if isinstance(c, str) else _written(c) for c in node.children)
    return f"<{opening}>{inner}</{node.name}>"


def clean_svg(raw: bytes, display: str) -> tuple[bytes | None, list[Problem]]:
    """The SVG as it will be published (None when it cannot be made safe), and a problem for everything taken out
    (warnings) or refused (an error)."""
    hint = "Export the image again as a plain SVG (for example 'Plain SVG' or 'Optimized SVG'), or use a PNG."
    if len(raw) > MAX_SVG_BYTES:
        message = f"is {len(raw) // 1024} KB; an SVG image may be at most {MAX_SVG_BYTES // 1024} KB."
        return None, [Problem(display, 1, 1, "", message, hint)]
    cleaner = _Cleaner(display)
    try:
        cleaner.parser.Parse(raw, True)
    except _Refused as refused:
        return None, [Problem(display, refused.line, 1, "", f"{refused}.", hint)]
    except expat.ExpatError as exc:
        message = f"is not a well-formed SVG image ({expat.ErrorString(exc.code)})."
        return None, [Problem(display, exc.lineno, exc.offset + 1, "", message, hint)]
    if cleaner.root is None:
        return None, [Problem(display, 1, 1, "", "is not an SVG image: it has no <svg> element.", hint)]
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + _written(cleaner.root, top=True) + "\n"
    return text.encode("utf-8"), cleaner.removed
