"""Live preview: the real build (search index included) served on localhost, rebuilt when anything changes.

The preview is built exactly as the public site is, into build/preview, so what the coordinator sees (search
included) is what families will get. A change that fails validation is reported and the last good preview stays.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from .build import build_site
from .config import Settings
from .problems import report, summary
from .static_server import start_server


def _fingerprint(watched: list[Path]) -> tuple:
    """Name, time and size of every file under the watched folders and files: it changes when any of them does."""
    files = [p for w in watched if w.exists() for p in ([w] if w.is_file() else w.rglob("*")) if p.is_file()]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


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
    server = start_server(preview, host or "127.0.0.1", int(port))
    print(f"Preview on http://{dev_addr}/ (Ctrl+C to stop). Save a file and refresh the page to see changes.")
    watched = [settings.services_dir, settings.content_dir, settings.root / "schema", settings.config_file]
    seen = _fingerprint(watched)
    try:
        while True:
            time.sleep(poll_seconds)
            now = _fingerprint(watched)
            if now != seen:
                seen = now
                if rebuild(settings, preview):
                    print("Preview updated.")
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        server.server_close()
