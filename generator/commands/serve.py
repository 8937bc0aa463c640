"""Live preview: the real build (search index included) served on localhost, rebuilt when anything changes.

The preview is built exactly as the public site is, into build/preview, so what the coordinator sees (search
included) is what families will get. A change that fails validation is reported and the last good preview stays.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.commands.static_server import start_server
from generator.inputs.problems import report, summary
from generator.inputs.settings import SettingsError, load_settings, today
from generator.publish.build import build_site

KEEP = " The preview still shows the last good version."


def _fingerprint(watched: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Name, time and size of every file under the watched folders and files: it changes when any of them does."""
    files = [p for w in watched if w.exists() for p in ([w] if w.is_file() else w.rglob("*")) if p.is_file()]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def _watched(config_file: Path) -> list[Path]:
    try:
        settings = load_settings(config_file)
    except SettingsError:
        return [config_file, config_file.parent]
    return [config_file, settings.content_dir, *(folder for _, folder in settings.folders)]


def rebuild(config_file: Path, preview: Path) -> bool:
    """Settings are read again each time, so a change to mkdocs.yml shows too."""
    try:
        settings = load_settings(config_file)
    except SettingsError as exc:
        print(report(exc.problems) + "\n" + summary(exc.problems) + KEEP, file=sys.stderr)
        return False
    result = build_site(settings, today(), preview)
    problems = result.generated.problems
    if problems:
        print(report(problems), file=sys.stderr)
    if not result.generated.ok:
        print(summary(problems) + KEEP, file=sys.stderr)
    elif not result.built:
        print("\n".join(result.log) + "\nThe site could not be built." + KEEP, file=sys.stderr)
    return result.built


def serve(config_file: Path, dev_addr: str, poll_seconds: float = 1.0) -> int:
    config_file = config_file.resolve()
    preview = config_file.parent / "build" / "preview"
    if not rebuild(config_file, preview):
        return 1
    host, _, port = dev_addr.rpartition(":")
    server = start_server(preview, host or "127.0.0.1", int(port))
    print(f"Preview on http://{dev_addr}/ (Ctrl+C to stop). Save a file and refresh the page to see changes.")
    seen = _fingerprint(_watched(config_file))
    try:
        while True:
            time.sleep(poll_seconds)
            now = _fingerprint(_watched(config_file))
            if now != seen:
                seen = now
                if rebuild(config_file, preview):
                    print("Preview updated.")
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()
        server.server_close()
