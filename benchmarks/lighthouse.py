"""Page weight and Lighthouse (mobile, default throttling) for the five page types families use most.

Builds the sample site (or takes a built one with --site), serves it with a local server that compresses like a real
static host, runs Lighthouse from npm (node_modules/.bin/lighthouse, pinned by package-lock.json) in Debian's
Chromium on: home, a service page, search with results, a transition guide and a shared shortlist, and prints for
each the performance score, first contentful paint, largest contentful paint, cumulative layout shift and the bytes
transferred on a first visit. Each page is run --runs times (default 3) and the run with the median performance
score is shown.

The server answers as hosts such as Netlify or Cloudflare Pages do: text files (HTML, CSS, JavaScript, JSON, SVG,
XML, WebAssembly) compressed with Brotli or gzip, whichever the browser accepts (a precompressed `.br` or `.gz` file
beside the original is sent when there is one, as nginx's brotli_static / gzip_static do; otherwise Brotli quality 5
or gzip level 6, like on-the-fly compression), with the right Content-Type, Content-Encoding and `Vary:
Accept-Encoding`; Pagefind's index files are already compressed and go as they are.

Usage: python benchmarks/lighthouse.py [--project DIR | --site DIR] [--runs 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import mimetypes
import os
import statistics
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli

from generator.inputs.settings import load_settings, today
from generator.publish.build import build_site

REPO = Path(__file__).resolve().parents[1]

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run"
)
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/xml",
    "text/xml",
    "image/svg+xml",
    "text/plain",
    "application/wasm",
    "application/manifest+json",
}
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind == "application/json" else kind


class CompressingHandler(SimpleHTTPRequestHandler):
    """A static host: directory URLs serve index.html, text is compressed, everything else goes as it is."""

    cache: dict[tuple[str, str], bytes] = {}
    lock = threading.Lock()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        kind = content_type(path)
        body, encoding = self._body(path, kind)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if kind.split(";")[0] in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=0, must-revalidate")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _body(self, path: Path, kind: str) -> tuple[bytes, str]:
        accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
        if kind.split(";")[0] not in COMPRESSIBLE:
            return path.read_bytes(), ""
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding not in accepted:
                continue
            ready = path.with_name(path.name + suffix)
            if ready.is_file():
                return ready.read_bytes(), encoding
            key = (str(path), encoding)
            with self.lock:
                if key not in self.cache:
                    raw = path.read_bytes()
                    self.cache[key] = brotli.compress(raw, quality=5) if encoding == "br" else gzip.compress(raw, 6)
                return self.cache[key], encoding
        return path.read_bytes(), ""


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(CompressingHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages(site: Path) -> dict[str, str]:
    """The five page types, as paths on the site: the first service and guide of the A to Z and guide index."""
    services = sorted(p.parent.name for p in (site / "services").glob("*/index.html"))
    guides = sorted(p.parent.name for p in (site / "transitions").glob("*/index.html"))
    service = "sensory-support-service" if "sensory-support-service" in services else services[0]
    return {
        "home": "",
        "service page": f"services/{service}/",
        "search with results": "search/?q=autism",
        "guide": f"transitions/{guides[0]}/" if guides else "transitions/",
        "shortlist (shared, 3 services)": "shortlist/?ids=" + ",".join(services[:3]),
    }


def lighthouse(url: str, out: Path) -> dict[str, float]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--only-categories=performance",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
        capture_output=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "score": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "benchmark": report["environment"]["benchmarkIndex"],
    }


def median_run(runs: list[dict[str, float]]) -> dict[str, float]:
    ordered = sorted(runs, key=lambda r: r["score"])
    return ordered[(len(ordered) - 1) // 2]


def build_sample(project: Path, into: Path) -> Path:
    site = into / "site"
    result = build_site(load_settings(project / "mkdocs.yml"), today(), site)
    if not result.built:
        raise SystemExit("the sample site did not build: run `python -m generator validate` to see why")
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=REPO, help="the project to build (default: this one)")
    parser.add_argument("--site", type=Path, help="an already built site to measure instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make node` (or `make test`)")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_sample(args.project.resolve(), Path(tmp))
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        results: dict[str, list[dict[str, float]]] = {}
        try:
            for label, path in pages(site).items():
                results[label] = [lighthouse(base + path, Path(tmp) / "report.json") for _ in range(args.runs)]
        finally:
            server.shutdown()
            server.server_close()
    print(f"Lighthouse, mobile, default (simulated) throttling; median of {args.runs} runs by performance score")
    print(f"{'page':32}{'score':>7}{'FCP s':>8}{'LCP s':>8}{'CLS':>8}{'KB':>8}{'score range':>13}")
    for label, runs in results.items():
        r = median_run(runs)
        scores = [x["score"] for x in runs]
        spread = f"{min(scores)}–{max(scores)}"
        print(
            f"{label:32}{r['score']:>7}{r['fcp']:>8.2f}{r['lcp']:>8.2f}{r['cls']:>8.3f}"
            f"{r['bytes'] / 1024:>8.0f}{spread:>13}"
        )
    index = statistics.median(x["benchmark"] for runs in results.values() for x in runs)
    load = os.getloadavg()[0]
    print(f"Lighthouse's benchmark index of this machine (higher is faster): {index:.0f}; load average {load:.1f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
