"""The live preview at council scale: how long after saving a record the changed page is served.

Builds a synthetic directory (default 2,000 services), starts `local-offer serve` on it, then edits one record at a
time (a different record each time: its name and summary), and measures from the moment the file is written until
the preview serves the page with the new name (polled every 20 ms over HTTP, as a browser would fetch it). Each edit
is made 1.5 s after the previous one's update has finished (its listings written and search index swapped in), as
a coordinator who reads the page before the next change would. Prints
each edit's time, the median, the rebuild times `serve` printed, and how long the search index took to follow.

Usage: python benchmarks/serve.py [--count 2000] [--edits 5]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_project  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float, every: float = 0.02) -> float:
    """Seconds until `url` contains `text` (polled), from now."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(every)
    raise SystemExit(f"{text!r} did not appear at {url} within {seconds} s")


def wait_for_line(log: Path, text: str, count: int, seconds: float) -> None:
    """Until `serve` has printed `text` `count` times (the previous edit's update has finished)."""
    start = time.perf_counter()
    while log.read_text().count(text) < count:
        if time.perf_counter() - start > seconds:
            raise SystemExit(f"serve did not print {text!r} {count} times within {seconds} s")
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "project", args.count)
        port = free_port()
        log = Path(tmp) / "serve.log"
        command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        with log.open("w") as out:
            server = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            first = wait_for(base, "<html", 600, every=0.5)
            print(f"{args.count} services: first (full) build served after {first:.1f} s")
            records = sorted((root / "services").rglob("*.yaml"))
            times = []
            for number in range(args.edits):
                record = records[(number * 7919) % len(records)]
                data = yaml.safe_load(record.read_text(encoding="utf-8"))
                name = f"Edited Service {number} {data['id']}"
                text = record.read_text(encoding="utf-8")
                text = text.replace(f"name: {data['name']}", f"name: {name}", 1)
                text = text.replace("summary: ", f"summary: Edit {number}. ", 1)
                url = f"{base}services/{data['id']}/"
                # a coordinator reads the page before the next edit: the last edit's listings and search index are done
                wait_for_line(log, "Search index updated", number, 600)
                time.sleep(1.5)
                record.write_text(text, encoding="utf-8")
                times.append(wait_for(url, f"<h1>{name}</h1>", 60))
                print(f"edit {number + 1}: {record.relative_to(root)} served changed after {times[-1]:.2f} s")
            time.sleep(8)
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"median from save to changed page served: {statistics.median(times):.2f} s (of {len(times)} edits)")
        printed = log.read_text().splitlines(keepends=True)
        warnings = [line for line in printed if ": warning: " in line]
        print(f"what serve printed (leaving out {len(warnings)} warnings about the synthetic records):")
        print("".join(f"  {line}" for line in printed if "Preview on" not in line and line not in warnings))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
