"""A Content-Security-Policy for every built page: scripts only from this site (plus the exact inline scripts
the theme writes, by hash), no requests to any other host, nothing can frame-inject or post elsewhere.

Hashes are computed from what the theme writes only: the page's own content (`untrusted`) is cut out before any
script is hashed, so a script that reaches a page's content is never allowed, even when it is there."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_START = re.compile(r"^\s*(?:<!doctype[^>]*>\s*)?(?:<html(?:\s[^>]*)?>)?", re.IGNORECASE)
_NOT_JS = re.compile(r"\btype\s*=\s*[\"']?(?!text/javascript|module)[^\s\"'>]+", re.IGNORECASE)
POLICY_META = '<meta http-equiv="Content-Security-Policy"'

# 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly; without it search silently finds nothing.
BASE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; worker-src 'self' blob:"
)


class ContentNotFound(ValueError):
    """The page's content is not in the page as written, so the theme's scripts cannot be told from the page's."""


def theme_parts(html: str, untrusted: Iterable[str] = ()) -> list[str]:
    """`html` with every occurrence of each untrusted text cut out, as the pieces between them."""
    parts = [html]
    for text in untrusted:
        if not text:
            continue
        if not any(text in part for part in parts):
            raise ContentNotFound("the page's content is not in the written page")
        parts = [piece for part in parts for piece in part.split(text)]
    return parts


def _script_hashes(parts: Iterable[str]) -> list[str]:
    hashes = []
    for part in parts:
        for match in _INLINE_SCRIPT.finditer(part):
            attrs, body = match["attrs"] or "", match["body"]
            if re.search(r"\ssrc\s*=", attrs) or _NOT_JS.search(attrs) or not body.strip():
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy_for(html: str, untrusted: Iterable[str] = (), *, inline: bool = True) -> str:
    """The policy for a written page; `inline=False` allows no inline script at all."""
    hashes = _script_hashes(theme_parts(html, untrusted)) if inline else []
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])
    return f"{BASE_POLICY}; script-src {scripts}"


def add_policy(html: str, untrusted: Iterable[str] = (), *, inline: bool = True) -> str:
    """`html` with the policy as the first element of its head (of the head the browser will make, if none)."""
    meta = f'{POLICY_META} content="{policy_for(html, untrusted, inline=inline)}">'
    head = _HEAD.search(html)
    if head:
        return html[: head.end()] + meta + html[head.end() :]
    start = _START.match(html)
    at = start.end() if start else 0
    return html[:at] + meta + html[at:]


def has_policy(html: str) -> bool:
    head = _HEAD.search(html)
    return head is not None and html[head.end() :].startswith(POLICY_META)


_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


def policy_hashes(html: str) -> set[str]:
    """The script hashes the page's own policy allows (only ever the theme's)."""
    head = _HEAD.search(html)
    if head is None or not html[head.end() :].startswith(POLICY_META):
        return set()
    end = html.index(">", head.end())
    return set(_HASH.findall(html[head.end() : end]))
