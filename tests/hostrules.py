"""A local server that answers as a static host would with the generated host files: Netlify's `_redirects` and
`_headers` (rewrites by path and `?page=`, a file at the address always winning), or Azure Static Web Apps'
`staticwebapp.config.json` (first matching route, no query matching). Built on the site's own static server."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.publish.static_server import SiteHandler


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class Netlify:
    """`_redirects` lines `from [key=:value…] to status` and `_headers` blocks, as Netlify reads them."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.rules = []
        for line in (site / "_redirects").read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                source, *middle, target, status = line.split()
                assert status == "200", line
                self.rules.append((source, dict(part.split("=", 1) for part in middle), target))
        self.headers: list[tuple[str, list[tuple[str, str]]]] = []
        for line in (site / "_headers").read_text().splitlines():
            if line.startswith(" "):
                name, value = line.strip().split(": ", 1)
                self.headers[-1][1].append((name, value))
            elif line.strip():
                self.headers.append((line.strip(), []))

    def route(self, path: str, query: dict[str, list[str]]) -> tuple[str, list[tuple[str, str]]]:
        found = [pair for pattern, pairs in self.headers if _matches(pattern, path) for pair in pairs]
        if (self.site / path.lstrip("/")).is_file():
            return path, found
        for source, needs, target in self.rules:
            if source != path or not all(key in query for key in needs):
                continue
            for key, placeholder in needs.items():
                target = target.replace(placeholder, query[key][0])
            return target, found
        return path, found


class Azure:
    """`staticwebapp.config.json`: the first route whose path matches is used; `globalHeaders` on every answer."""

    def __init__(self, site: Path) -> None:
        self.config = json.loads((site / "staticwebapp.config.json").read_text())

    def route(self, path: str, query: dict[str, list[str]]) -> tuple[str, list[tuple[str, str]]]:
        found = list(self.config.get("globalHeaders", {}).items())
        for route in self.config["routes"]:
            if _matches(route["route"], path):
                if route.get("statusCode") == 404:
                    return "/no-such-file", found
                return route.get("rewrite", path), found + list(route.get("headers", {}).items())
        return path, found


class HostHandler(SiteHandler):
    host: Netlify | Azure

    def _answer(self, send: str) -> None:
        parts = urlsplit(self.path)
        target, self._extra = self.host.route(parts.path, parse_qs(parts.query))
        self.path = target
        getattr(super(), send)()

    def do_GET(self) -> None:
        self._answer("do_GET")

    def do_HEAD(self) -> None:
        self._answer("do_HEAD")

    def guess_type(self, path: str | object) -> str:
        given = [value for name, value in getattr(self, "_extra", []) if name.lower() == "content-type"]
        return given[-1] if given else super().guess_type(path)  # type: ignore[arg-type]

    def end_headers(self) -> None:
        for name, value in getattr(self, "_extra", []):
            if name.lower() != "content-type":
                self.send_header(name, value)
        super().end_headers()


@contextmanager
def host(site: Path, kind: type[Netlify] | type[Azure]) -> Iterator[str]:
    """Serve `site` as the host `kind` would; yields the base address."""
    handler = type("Handler", (HostHandler,), {"host": kind(site)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
