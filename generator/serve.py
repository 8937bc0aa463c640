"""Live preview: the real build (search index included) served on localhost, rebuilt when anything changes.

The preview is built exactly as the public site is, into build/preview, so what the coordinator sees (search
included) is what families will get. A change that fails validation is reported and the last good preview stays.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import build_site
from .config import Settings
from .problems import report, summary


class _PreviewHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


def _fingerprint(folders: list[Path]) -> tuple:
    stamps = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(stamps))


def rebuild(settings: Settings, preview: Path) -> bool:
    result = build_site(settings, preview)
    problems = result.generated.problems
    if problems:
        print(report(problems), file=sys.stderr)
    if not result.generated.ok:
        print(summary(problems) + " The preview still shows the last good version.", file=sys.stderr)
    elif not result.built:
        print(
            result.log + "\nThe site could not be built; the preview still shows the last good version.",
            file=sys.stderr,
        )
    return result.built


def serve(settings: Settings, dev_addr: str, poll_seconds: float = 1.0) -> int:
    preview = settings.root / "build" / "preview"
    if not rebuild(settings, preview):
        return 1
    host, _, port = dev_addr.rpartition(":")
    handler = functools.partial(_PreviewHandler, directory=str(preview))
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Preview on http://{dev_addr}/ (Ctrl+C to stop). Save a file and refresh the page to see changes.")
    watched = [settings.services_dir, settings.content_dir, settings.root / "schema", settings.config_file]
    seen = _fingerprint([w for w in watched if w.is_dir()]) + (settings.config_file.stat().st_mtime_ns,)
    try:
        while True:
            time.sleep(poll_seconds)
            now = _fingerprint([w for w in watched if w.is_dir()]) + (settings.config_file.stat().st_mtime_ns,)
            if now != seen:
                seen = now
                if rebuild(settings, preview):
                    print("Preview updated.")
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        server.server_close()
