"""Real Chromium (Debian's) driven by Playwright, serving built sites on localhost only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.audit.checks import WCAG_TAGS, run_axe
from generator.audit.run import CHROMIUM_ARGS, chromium_path, is_local
from generator.publish.static_server import start_server

# The same axe-core as `local-offer audit`: npm's, pinned by package-lock.json (`make node`).
AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"

# Debian's Chromium by default; elsewhere (for example GitHub's Ubuntu runners, which ship Google Chrome) set
# CHROMIUM_PATH to the browser binary. The same browser and flags as `local-offer audit`.
CHROMIUM = str(chromium_path())
__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "axe_violations", "guard_network", "is_local", "serve"]


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free localhost port; yields the base URL."""
    server = start_server(site)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
    if not AXE.is_file():
        raise AssertionError(f"{AXE} is missing: run `make node` (npm ci), which `make test` does")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    found = []
    for violation in run_axe(page, AXE.read_text(encoding="utf-8"), options):
        targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found
