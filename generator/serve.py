"""Live preview: MkDocs serves the docs tree; we regenerate it whenever a record or page changes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .config import Settings
from .pipeline import write_docs
from .problems import report, summary


def _fingerprint(folders: list[Path]) -> tuple:
    stamps = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                stat = path.stat()
                stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(stamps))


def regenerate(settings: Settings) -> bool:
    result = write_docs(settings)
    if result.problems:
        print(report(result.problems), file=sys.stderr)
    if not result.ok:
        print(summary(result.problems) + " The preview shows the last good version.", file=sys.stderr)
    return result.ok


def serve(settings: Settings, dev_addr: str, poll_seconds: float = 1.0) -> int:
    if not regenerate(settings):
        return 1
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(settings.config_file),
        "--dev-addr",
        dev_addr,
    ]
    watched = [settings.services_dir, settings.content_dir, settings.root / "schema"]
    server = subprocess.Popen(command, cwd=settings.root)
    seen = _fingerprint(watched)
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            now = _fingerprint(watched)
            if now != seen:
                seen = now
                if regenerate(settings):
                    print("Records changed: preview updated.", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
