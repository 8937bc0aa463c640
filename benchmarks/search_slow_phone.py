"""Search on a slow phone: a shared search link opened in Chromium on DevTools' "Slow 4G" network profile with a 4×
CPU slowdown (Chrome DevTools Protocol: Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate), a fresh
browser context (nothing cached) each time, on the issue-27 directory (the sample's records and 300 synthetic
services). Prints, per run and as the median of the runs:

- meaningful: when the page first shows what it is doing for the link (the words in the box and a message in the
  results area, such as "Searching for “autism”…"), measured at the next paint after it is there;
- first paint: the browser's first contentful paint;
- results: when the first result is on the page.

The site is served as a council's host serves it: the build's gzip copies of text files (`.gz`, as nginx's
gzip_static sends them) and ordinary caching (the browser tests' server sends everything uncompressed and "no-store").

Targets (issue 27): results ≤ 5 s, meaningful ≤ 1.5 s. `--generator PATH` builds with another checkout's generator
(and its theme files), to measure before a change.

Usage: python benchmarks/search_slow_phone.py [--runs 3] [--query "autism age 4"] [--synthetic 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]

# DevTools' "Slow 4G" preset (Chrome 125 and later; the former "Fast 3G"): 562.5 ms latency, 1.44 Mbit/s down,
# 675 kbit/s up.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CPU_SLOWDOWN = 4

# Timestamps (ms from the start of navigation) written by the page itself, so the test harness's own round trips
# do not count: the first paint after the search says what it is doing, and the first result.
WATCH = """
(() => {
  const marks = (window.__loMarks = {});
  const check = () => {
    const status = document.querySelector("[data-lo-status]");
    const box = document.querySelector("[data-lo-search] input[name=q]");
    if (!marks.meaningful && status && status.textContent.trim() && box && box.value) {
      marks.meaningful = -1;
      requestAnimationFrame(() => setTimeout(() => { marks.meaningful = performance.now(); }, 0));
    }
    if (!marks.results && document.querySelector("[data-lo-results] > li")) marks.results = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true,
    attributes: true });
  document.addEventListener("readystatechange", check);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "first-contentful-paint") marks.paint = entry.startTime;
    }
  }).observe({ type: "paint", buffered: true });
})();
"""


def host_server(site: Path):
    """The site on a free localhost port, as a host with gzip_static and no cache rules of its own serves it."""
    import functools
    import os
    import threading

    from generator.publish.static_server import QuietServer, SiteHandler

    class HostHandler(SiteHandler):
        def end_headers(self) -> None:
            super(SiteHandler, self).end_headers()  # no "no-store": the page's preloads are kept, as on a host

        def send_head(self):  # type: ignore[no-untyped-def]
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            packed = path.with_name(path.name + ".gz")
            if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
                return super().send_head()
            body = open(packed, "rb")  # noqa: SIM115 (closed by the handler after copying)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
            self.end_headers()
            return body

    server = QuietServer(("127.0.0.1", 0), functools.partial(HostHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def one_run(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")  # a new context: nothing cached, as on a first visit
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.add_init_script(WATCH)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("() => window.__loMarks && window.__loMarks.results", timeout=120_000)
    page.wait_for_function("() => window.__loMarks.meaningful > 0", timeout=30_000)
    marks = page.evaluate("() => window.__loMarks")
    context.close()
    return {k: marks[k] / 1000 for k in ("meaningful", "paint", "results") if k in marks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="autism age 4")
    parser.add_argument("--synthetic", type=int, default=300)
    parser.add_argument("--generator", type=Path, default=REPO, help="the checkout whose generator builds the site")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests"))
    sys.path.insert(0, str(args.generator.resolve()))  # its generator (and site_overrides) build the site
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    from relevance import build_sample

    import generator

    print(f"generator: {Path(generator.__file__).parent}")
    with tempfile.TemporaryDirectory() as tmp:
        site = build_sample(Path(tmp), args.synthetic)
        server = host_server(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                url = f"http://127.0.0.1:{server.server_address[1]}/search/?q={quote(args.query)}"
                rows = [one_run(browser, url) for _ in range(args.runs)]
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"Slow 4G + {CPU_SLOWDOWN}x CPU, {url.split('/search/')[1]}")
    print(f"{'run':<8}{'meaningful s':>14}{'first paint s':>15}{'results s':>11}")
    for i, row in enumerate(rows, start=1):
        print(f"{i:<8}{row['meaningful']:>14.2f}{row.get('paint', 0):>15.2f}{row['results']:>11.2f}")
    median = {k: statistics.median(r[k] for r in rows if k in r) for k in ("meaningful", "paint", "results")}
    print(f"{'median':<8}{median['meaningful']:>14.2f}{median['paint']:>15.2f}{median['results']:>11.2f}")


if __name__ == "__main__":
    main()
