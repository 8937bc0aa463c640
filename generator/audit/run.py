"""`local-offer audit`: the checks in generator/audit/checks.py on the council's own built site, in Debian's (or any)
Chromium through Playwright, served on this machine only; and html-validate over every page."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.audit.checks import CHECKS, Check, Tools, wait_until
from generator.audit.html_validate import find_tool, validate_html
from generator.audit.pages import SitePage, sample, site_pages
from generator.audit.report import CheckInfo, Report, Result, now, source_version
from generator.commands.static_server import start_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Route
    from playwright.sync_api._context_manager import PlaywrightContextManager

PROBES = Path(__file__).with_name("probes.js").read_text(encoding="utf-8")
HTML_VALIDATE = CheckInfo("html-validate", "valid HTML on every page (html-validate)", ("4.1.2",))
HEIGHTS = {1280: 800, 1024: 768, 320: 640}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class AuditCannotRun(Exception):
    """A tool the audit needs is missing; the message says what to install."""


def is_local(url: str) -> bool:
    """A request that stays on this machine (the site is served on 127.0.0.1)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in ("127.0.0.1", "localhost")


def chromium_path() -> Path:
    return Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


@dataclass
class Session:
    """Opens pages of the served site in Chromium with the audit's probes: one browser profile per screen width
    (and for forced colours), a fresh tab for each page, and the profile's storage cleared after each."""

    browser: Browser
    base: str
    site: Path
    outside: list[str] = field(default_factory=list)
    _contexts: dict[tuple[int, bool], BrowserContext] = field(default_factory=dict)

    def _guard(self, route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _context(self, width: int, forced_colors: bool) -> BrowserContext:
        key = (width, forced_colors)
        if key not in self._contexts:
            context = self.browser.new_context(
                viewport={"width": width, "height": HEIGHTS.get(width, 800)},
                forced_colors="active" if forced_colors else "none",
            )
            context.route("**/*", self._guard)
            context.add_init_script(script=PROBES)
            self._contexts[key] = context
        return self._contexts[key]

    @contextmanager
    def open(self, site_page: SitePage, width: int, forced_colors: bool = False) -> Iterator[Page]:
        page = self._context(width, forced_colors).new_page()
        try:
            page.goto(self.base + site_page.url, wait_until="load")
            self._prepare(page)
            yield page
        finally:
            if not page.is_closed():
                page.evaluate("localStorage.clear()")
                page.close()

    def close(self) -> None:
        for context in self._contexts.values():
            context.close()

    def _prepare(self, page: Page) -> None:
        """Put a page in the state a family would see it in: search with results, a shortlist with services."""
        if page.locator("[data-lo-search]").count():
            page.locator("[data-lo-filters] > summary").click()
            for box in page.locator("[data-lo-search] fieldset[data-filter]").first.locator("input").all():
                box.check()
            page.locator("[data-lo-filters] button[type=submit]").click()
            wait_until(page, "() => /\\d/.test(document.querySelector('[data-lo-status]').textContent)")
            page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
        if page.locator("[data-lo-shortlist-app]").count():
            data = json.loads((self.site / "assets" / "shortlist.json").read_text(encoding="utf-8"))
            ids = list(data["services"])[:3]
            page.evaluate("ids => localStorage.setItem('lo-shortlist', JSON.stringify(ids))", ids)
            page.reload(wait_until="load")
            if ids:
                page.wait_for_selector("[data-lo-shortlist-items] li")


def _playwright() -> PlaywrightContextManager:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise AuditCannotRun(
            "The accessibility audit needs Playwright: install it with `pip install 'local-offer-generator[audit]'` "
            "(in this repository `make test` does it)."
        ) from exc
    return sync_playwright()


def _run_checks(
    browser: Browser, port: int, site: Path, chosen: list[Check], pages: list[SitePage], tools: Tools, report: Report
) -> list[str]:
    """Each check on each page at each of its widths, into `report`; returns the outside addresses pages asked for."""
    session = Session(browser, f"http://127.0.0.1:{port}/", site)
    for check in chosen:
        for page in pages:
            for width in check.widths:
                result = Result(check.info.id, page.url, page.type, width)
                started = time.monotonic()
                try:
                    result.findings = check.run(session.open, page, width, tools)
                except Exception as exc:  # noqa: BLE001 - one page that will not load must not stop the audit
                    result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                result.seconds = time.monotonic() - started
                report.results.append(result)
    session.close()
    return session.outside


def audit(
    site: Path,
    root: Path,
    *,
    checks: Collection[str] | None = None,
    types: Collection[str] | None = None,
    screenshots: Path | None = None,
    browser: Browser | None = None,
) -> Report:
    """Audit the built site in `site`; `root` is the project folder (for node_modules and the git commit).
    `checks` and `types` narrow the run (a narrowed run is never complete). `browser`: a Chromium already running
    (Playwright's sync API allows one Playwright per thread); without it the audit launches its own."""
    if not (site / "index.html").is_file():
        raise AuditCannotRun(f"There is no built site in {site}: run `local-offer build` (or `make site`) first.")
    axe = root / "node_modules" / "axe-core" / "axe.min.js"
    validator = find_tool(root, "html-validate")
    if not axe.is_file() or validator is None:
        raise AuditCannotRun(
            "The accessibility audit needs axe-core and html-validate from npm: run `npm ci` in "
            f"{root} (in this repository `make node` does it)."
        )
    if not chromium_path().is_file():
        raise AuditCannotRun(
            f"Chromium was not found at {chromium_path()}: install it (Debian: `apt-get install chromium`) or set "
            "CHROMIUM_PATH to a Chromium or Chrome browser."
        )
    playwright_manager = _playwright() if browser is None else None
    commit, dirty = source_version(root)
    chosen = [c for c in CHECKS if checks is None or c.info.id in checks]
    infos = [c.info for c in chosen] + ([HTML_VALIDATE] if checks is None or "html-validate" in checks else [])
    pages = [p for p in sample(site_pages(site)) if types is None or p.type in types]
    report = Report(now(), commit, dirty, str(site), [{"url": p.url, "type": p.type} for p in pages], infos)
    if checks is not None or types is not None:
        report.missing.append("only some checks or page types were asked for")
    if not pages:
        report.missing.append("no page of the site says its type (data-lo-page-type): was it built by this generator?")
    tools = Tools(axe.read_text(encoding="utf-8"), screenshots)
    server = start_server(site)
    try:
        if browser is not None:
            outside = _run_checks(browser, server.server_address[1], site, chosen, pages, tools, report)
        else:
            assert playwright_manager is not None
            with playwright_manager as playwright:
                own = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
                outside = _run_checks(own, server.server_address[1], site, chosen, pages, tools, report)
                own.close()
        if outside:
            report.missing.append(f"pages asked for addresses on other sites: {sorted(set(outside))[:5]}")
    finally:
        server.shutdown()
        server.server_close()
    if any(i.id == "html-validate" for i in infos):
        report.results += validate_html(validator, site)
    return report
