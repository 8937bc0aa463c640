"""Real Chromium (Debian's) driven by Playwright, serving built sites on localhost only."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from generator.commands.static_server import start_server

# Debian's Chromium by default; elsewhere (for example GitHub's Ubuntu runners, which ship Google Chrome) set
# CHROMIUM_PATH to the browser binary.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port; yields the base URL."""
    server = start_server(site)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


def guard_network(context, outside: list[str]) -> None:
    """Refuse, and record, every request that would leave this machine."""

    def handle(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", handle)


def axe_violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found
