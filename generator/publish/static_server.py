"""Serve a built site on this machine as static hosts do, for the live preview and the browser tests."""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The type of each file the site has, as hosts send them. Not from the system's list: on Windows that is read from
# the registry, where .js is often text/plain, and browsers refuse a script module (Pagefind's search) of that type.
TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Quiet, never cached, and answering missing addresses with the site's own 404 page."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    """A browser that closes a page before it has read everything is no error worth a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def start_server(site: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Serve `site` in a background thread (port 0: any free port); call shutdown() and server_close() after."""
    server = QuietServer((host, port), functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


RELOAD_PATH = "/__preview__/"
RELOAD_SCRIPT = b"""// Live preview only (never in a built site): reload this page when the preview has been rebuilt.
(() => {
  let seen = null;
  const wait = async () => {
    try {
      const answer = await fetch(`/__preview__/version?after=${seen ?? ""}`, { cache: "no-store" });
      const version = await answer.text();
      if (seen !== null && version !== seen) {
        location.reload();
        return;
      }
      seen = version;
    } catch {
      await new Promise((done) => setTimeout(done, 1000));
    }
    wait();
  };
  wait();
})();
"""
RELOAD_TAG = f'<script src="{RELOAD_PATH}reload.js"></script>'.encode()


class Versions:
    """The preview's version, raised after each rebuild; browsers wait on it to know when to reload."""

    def __init__(self) -> None:
        self.number = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def after(self, seen: str, timeout: float = 25.0) -> int:
        """The version once it differs from `seen` (at once if `seen` is not a number), or after `timeout`."""
        with self._changed:
            if seen.isdigit():
                self._changed.wait_for(lambda: str(self.number) != seen, timeout)
            return self.number


class PreviewHandler(SiteHandler):
    """The live preview: the built site, each page with a script that reloads it when the preview is rebuilt (the
    script is same-origin, so the pages' Content-Security-Policy allows it; the files on disk never have it)."""

    versions: Versions

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH + "reload.js":
            self._send(RELOAD_SCRIPT, "text/javascript; charset=utf-8")
        elif path == RELOAD_PATH + "version":
            seen = self.path.partition("after=")[2]
            self._send(str(self.versions.after(seen)).encode(), "text/plain; charset=utf-8")
        elif (page := self._page(path)) is not None:
            html = page.read_bytes()
            at = html.rfind(b"</body>")
            self._send(html[:at] + RELOAD_TAG + html[at:] if at >= 0 else html + RELOAD_TAG, "text/html; charset=utf-8")
        else:
            super().do_GET()

    def _page(self, path: str) -> Path | None:
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_preview_server(site: Path, versions: Versions, host: str, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(type("Handler", (PreviewHandler,), {"versions": versions}), directory=str(site))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
