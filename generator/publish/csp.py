"""A Content-Security-Policy for every built page: scripts only from this site (plus the exact inline scripts
the theme writes, by hash), no requests to any other host, nothing can frame-inject or post elsewhere."""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)
_NOT_JS = re.compile(r"\btype\s*=\s*[\"']?(?!text/javascript|module)[^\s\"'>]+", re.IGNORECASE)

# 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly; without it search silently finds nothing.
BASE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; worker-src 'self' blob:"
)


def _script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs, body = match["attrs"] or "", match["body"]
        if re.search(r"\ssrc\s*=", attrs) or _NOT_JS.search(attrs) or not body.strip():
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return sorted(set(hashes))


def policy_for(html: str) -> str:
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *_script_hashes(html)])
    return f"{BASE_POLICY}; script-src {scripts}"


def add_policy(html: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
