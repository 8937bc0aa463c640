"""`local-offer audit`: the checks in generator/audit/checks.py on the council's own built site, in Debian's (or any)
Chromium through Playwright, served on this machine only; and html-validate over every page."""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from generator.audit.checks import CHECKS, Check, Tools, settle, wait_until
from generator.audit.html_validate import find_tool, validate_html
from generator.audit.pages import SitePage, sample, site_pages, states
from generator.audit.report import CheckInfo, Finding, Report, Result, now, source_version
from generator.publish.static_server import start_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, Route
    from playwright.sync_api._context_manager import PlaywrightContextManager

PROBES = Path(__file__).with_name("probes.js").read_text(encoding="utf-8")
HTML_VALIDATE = CheckInfo("html-validate", "valid HTML on every page (html-validate)", ("4.1.2",))
# Measured on every page the other checks open (searches included): what the route guard refused and the cookies the
# browser profiles hold at the end.
OWN_SITE = CheckInfo(
    "own-site-only", "no page asks another website for anything (fonts, scripts, tracking) or sets a cookie", ()
)
# What a page shows and holds that a check may change (probes.js `fingerprint`): the same after a check as after the
# load, and the next check goes on with the same load.
FINGERPRINT = "window.__loAudit.fingerprint()"
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
class _Tab:
    """The open tab of one screen width, and what the session knows of it."""

    page: Page
    cdp: CDPSession | None = None  # its DevTools session, opened the first time the storage is cleared
    reduced_motion: bool = False  # whether reduced motion is emulated in it now
    loaded: str | None = None  # the fingerprint of its page as loaded
    kept: str | None = None  # the address of its page while that is unchanged since it was loaded


@dataclass
class Session:
    """Opens pages of the served site in Chromium with the audit's probes: one browser profile and one tab for each
    screen width, the tab going from page to page (a tab a check could not finish with is closed, and the next page
    gets a new one), and the site's storage cleared after each page. A page that a check left as it was loaded (its
    `fingerprint` unchanged: nothing opened, chosen, stored or added) serves the next check that asks for it, scrolled
    back to the top with nothing focused, instead of being loaded again; reduced motion is switched on or off for it
    as the check asks."""

    browser: Browser
    base: str
    site: Path
    outside: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    _contexts: dict[int, BrowserContext] = field(default_factory=dict)
    _tabs: dict[int, _Tab] = field(default_factory=dict)  # one open tab for each width
    loads: int = 0  # pages loaded (the audit's largest cost after the keyboard walks), for the figures it prints

    def _guard(self, route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _context(self, width: int) -> BrowserContext:
        if width not in self._contexts:
            context = self.browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 800)})
            context.route("**/*", self._guard)
            context.add_init_script(script=PROBES)
            self._contexts[width] = context
        return self._contexts[width]

    @contextmanager
    def open(self, site_page: SitePage, width: int, reduced_motion: bool = False) -> Iterator[Page]:
        """The page as loaded. `reduced_motion`: as for a family who asked their device for less motion (the theme
        then drops its slides and fades), for checks that look only at where things end up."""
        tab = self._tabs.pop(width, None)
        if tab is None or tab.page.is_closed():
            tab = _Tab(self._context(width).new_page())
        page = tab.page
        unchanged, tab.kept = tab.kept == site_page.url, None
        at_rest = unchanged
        if tab.reduced_motion != reduced_motion:
            page.emulate_media(reduced_motion="reduce" if reduced_motion else "no-preference")
            tab.reduced_motion = reduced_motion
            at_rest = False
        finished = False
        try:
            if unchanged:
                # as loaded, apart from where it was scrolled, focused and pointed at: unless the last check left it
                # so, back to the top with nothing focused
                at_rest = at_rest and page.evaluate("window.__loAudit.atRest()")
                if not at_rest:
                    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
            else:
                if page.url.split("#")[0] == self.base + site_page.url:
                    # the same address again (a page loaded afresh after a check changed it): a new document, not a
                    # reload that would bring back what its form controls held
                    page.goto("about:blank")
                page.goto(self.base + site_page.url, wait_until="load")
                self.loads += 1
                self._prepare(page, site_page)
                tab.loaded = page.evaluate(FINGERPRINT)
            if not at_rest:
                # the pointer away in the page's top corner, as in a new tab: nothing the last page or the
                # preparation pressed is left showing its hover colours (which, caught half-way through a fade, fail
                # contrast)
                page.mouse.move(0, 0)
                settle(page)
            yield page
            finished = True  # the tab goes on to the next page (a new tab costs about three page loads)
        finally:
            kept = finished
            try:
                if finished and page.evaluate(FINGERPRINT) == tab.loaded:
                    tab.kept = site_page.url  # the next check on this page goes on with this load
                # what the site keeps in the browser profile (display settings, the shortlist) is cleared however
                # the check ended, so the next page starts as a family's first visit
                self._clear_storage(tab)
            except Exception:  # noqa: BLE001 - a tab that cannot be reached is closed; its profile is cleared next time
                kept = False
            if kept:
                self._tabs[width] = tab
            elif not page.is_closed():
                page.close()

    def _clear_storage(self, tab: _Tab) -> None:
        """Cleared in the page itself first (at once, in the same renderer that will load the next page), then for
        the whole origin through DevTools (whatever the page could not reach). With DevTools alone, a busy run once
        found the largest text, chosen on the page before, still applied: its clearing apparently reaches the
        renderer's copy of the storage only after it has answered."""
        if tab.page.url.startswith(self.base):
            tab.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        if tab.cdp is None:  # one DevTools session for each tab, opened the first time
            tab.cdp = tab.page.context.new_cdp_session(tab.page)
        origin = self.base.rstrip("/")
        tab.cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "local_storage,session_storage"})

    def close(self) -> None:
        for context in self._contexts.values():
            self.cookies += [f"{c['name']} ({c['domain']})" for c in context.cookies()]
            context.close()

    def _prepare(self, page: Page, site_page: SitePage) -> None:
        """Put a page in the state a family would see it in: search with results, a shortlist with services. A page
        opened in a state of its own (a query in its address: a shared shortlist, a search that finds nothing) is
        left as its address made it, once its results have come."""
        if "?" in site_page.url:
            if page.locator("[data-lo-search]").count():
                wait_until(page, "() => document.querySelector('[data-lo-results][aria-busy=false]') !== null")
            if page.locator("[data-lo-shortlist-app]").count():
                page.wait_for_selector("[data-lo-shortlist-items] li")
            return
        if page.locator("[data-lo-search]").count():
            page.locator("[data-lo-filters] > summary").click()
            group = page.locator("[data-lo-search] fieldset[data-filter]").first
            # filters folded into groups (a phone's panel fits one screen): the first group opened, as a family would
            folded = page.locator("[data-lo-filters] details:has(fieldset[data-filter]):not([open]) > summary").first
            if folded.count() and not group.is_visible():
                folded.click()
            for box in group.locator("input").all():
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


Job = tuple[int, Check, SitePage, int]
Bundle = list[Job]  # the checks of one page at one width, in the order of CHECKS, run one after the other


def _jobs(chosen: list[Check], pages: list[SitePage]) -> list[Job]:
    """Each check on each page at each of its widths, numbered in report order."""
    jobs = [(check, page, width) for check in chosen for page in pages for width in check.widths]
    return [(n, check, page, width) for n, (check, page, width) in enumerate(jobs)]


def _bundles(jobs: list[Job]) -> list[Bundle]:
    """The jobs of each page at each width together, in the order of CHECKS (those that keep the page as loaded
    first, so one load serves them), the longest bundles first: no browser is left with one long bundle at the end."""
    order = {check: n for n, check in enumerate(CHECKS)}
    grouped: dict[tuple[str, int], Bundle] = {}
    for job in jobs:
        grouped.setdefault((job[2].url, job[3]), []).append(job)
    bundles = [sorted(b, key=lambda job: (order.get(job[1], len(order)), job[0])) for b in grouped.values()]
    return sorted(bundles, key=lambda b: -sum(job[1].cost for job in b) * b[0][2].size)


def _run_job(session: Session, job: Job, tools: Tools) -> Result:
    _, check, page, width = job
    result = Result(check.info.id, page.url, page.type, width)
    started = time.monotonic()
    try:
        result.findings = check.run(session.open, page, width, tools)
    except Exception as exc:  # noqa: BLE001 - one page that will not load must not stop the audit
        result.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    result.seconds = time.monotonic() - started
    return result


@dataclass
class Traces:
    """What the pages left behind, from every browser: addresses on other websites they asked for, and cookies."""

    outside: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)
    loads: int = 0

    def add(self, session: Session) -> None:
        self.outside += session.outside
        self.cookies += session.cookies
        self.loads += session.loads


def _in_one_browser(
    browser: Browser, base: str, site: Path, jobs: list[Job], tools: Tools
) -> tuple[dict[int, Result], Traces]:
    session = Session(browser, base, site)
    traces = Traces()
    try:
        done = {job[0]: _run_job(session, job, tools) for bundle in _bundles(jobs) for job in bundle}
    finally:
        session.close()
        traces.add(session)
    return done, traces


def _in_own_browsers(
    base: str, site: Path, jobs: list[Job], tools: Tools, workers: int
) -> tuple[dict[int, Result], Traces]:
    """The jobs shared out to `workers` threads, each with its own Playwright and Chromium (Playwright's sync API
    allows one per thread): the browsers lay out and paint pages on every core while each thread waits for its
    own. A page's checks at one width stay together (`_bundles`), so one load serves those that keep it."""
    queue = deque(_bundles(jobs))
    lock = threading.Lock()
    results: dict[int, Result] = {}
    traces = Traces()
    failed: list[BaseException] = []

    def work() -> None:
        try:
            with _playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
                session = Session(browser, base, site)
                try:
                    while True:
                        with lock:
                            if not queue:
                                break
                            bundle = queue.popleft()
                        for job in bundle:
                            result = _run_job(session, job, tools)
                            with lock:
                                results[job[0]] = result
                finally:
                    # the addresses pages asked for are kept even if this browser fails part-way
                    try:
                        session.close()
                    finally:
                        with lock:
                            traces.add(session)
                        browser.close()
        except BaseException as exc:  # noqa: BLE001 - a browser that will not start: the audit says so
            failed.append(exc)

    threads = [threading.Thread(target=work, name=f"audit-{n}") for n in range(max(1, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed and not results:
        raise AuditCannotRun(f"Chromium could not be started: {failed[0]}")
    return results, traces


def _own_site(traces: Traces, every_page: bool) -> Result:
    """What pages asked of other websites, and the cookies they set: each a failure (a family's searches and visits
    must stay on the council's site)."""
    result = Result(OWN_SITE.id, "", "site", None)
    cookies = sorted(set(traces.cookies))
    addresses = sorted(set(traces.outside))
    result.findings += [Finding(f"A page asked another website for {u}.", ()) for u in addresses[:10]]
    if len(addresses) > 10:
        result.findings.append(Finding(f"… and {len(addresses) - 10} more addresses on other websites.", ()))
    result.findings += [Finding(f"A page set the cookie {c}.", ()) for c in cookies[:10]]
    if not every_page:
        result.error = "not every page was opened"
    return result


def _validate(tool: Path, site: Path, into: list[Result]) -> None:
    """html-validate's results into `into` (run in a thread of its own); one that could not finish says why."""
    try:
        into += validate_html(tool, site)
    except Exception as exc:  # noqa: BLE001 - reported as the check's error, as a browser that stopped is
        into.append(Result(HTML_VALIDATE.id, "", "", None, error=f"html-validate did not finish: {exc}"))


def workers_for(jobs: int) -> int:
    """One browser more than the processors this process may use, at most four (each one holds a few hundred MB):
    much of a browser's time goes on waiting for the page (a pop-up filled a moment after the press, a frame), and
    the extra browser works meanwhile. On two cores, three browsers audited the sample in 89 and 85 s where two took
    98 and 88 s."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(usable + 1, 4, jobs))


def audit(
    site: Path,
    root: Path,
    *,
    checks: Collection[str] | None = None,
    types: Collection[str] | None = None,
    screenshots: Path | None = None,
    browser: Browser | None = None,
    workers: int | None = None,
) -> Report:
    """Audit the built site in `site`; `root` is the project folder (for node_modules and the git commit).
    `checks` and `types` narrow the run (a narrowed run is never complete). `browser`: a Chromium already running
    (Playwright's sync API allows one Playwright per thread), used for every check in turn; without it the audit
    launches its own, one in each of `workers` threads (by default `workers_for`)."""
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
    if browser is None:
        _playwright()  # says what to install before anything starts
    commit, dirty = source_version(root)
    chosen = [c for c in CHECKS if checks is None or c.info.id in checks]
    infos = [c.info for c in chosen] + ([OWN_SITE] if chosen else [])
    infos += [HTML_VALIDATE] if checks is None or "html-validate" in checks else []
    chosen_pages = sample(site_pages(site))
    pages = [p for p in chosen_pages + states(site, chosen_pages) if types is None or p.type in types]
    report = Report(now(), commit, dirty, str(site), [{"url": p.url, "type": p.type} for p in pages], infos)
    if checks is not None or types is not None:
        report.missing.append("only some checks or page types were asked for")
    if not pages:
        report.missing.append("no page of the site says its type (data-lo-page-type): was it built by this generator?")
    tools = Tools(axe.read_text(encoding="utf-8"), screenshots)
    jobs = _jobs(chosen, pages)
    # html-validate (node, reading the files) runs beside the browsers: it takes a core while a browser waits
    validated: list[Result] = []
    validating = threading.Thread(target=_validate, args=(validator, site, validated), name="html-validate")
    if any(i.id == "html-validate" for i in infos):
        validating.start()
    server = start_server(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        if browser is not None:
            done, traces = _in_one_browser(browser, base, site, jobs, tools)
        else:
            done, traces = _in_own_browsers(base, site, jobs, tools, workers or workers_for(len(jobs)))
        report.results += [done[n] for n, *_ in jobs if n in done]
        report.page_loads = traces.loads
        report.skipped = sorted(tools.skipped)
        if len(done) < len(jobs):
            report.missing.append(f"{len(jobs) - len(done)} checks were not run: a browser stopped")
        if chosen:
            report.results.append(_own_site(traces, len(done) == len(jobs)))
    finally:
        server.shutdown()
        server.server_close()
        if validating.is_alive():
            validating.join()
    report.results += validated
    return report
