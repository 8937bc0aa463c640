"""Build speed, memory and size at council and county scale, against plain MkDocs as the floor.

For each N (default 500, 2,000, 5,000 synthetic services; `--county` adds a 20,000-service county-wide or regional
directory) it measures, in one run: validation time, `validate` on one changed file, the full build (validate +
generate, MkDocs with the Content-Security-Policy, Pagefind, publish) stage by stage in a fresh process, its peak
memory, total site size, average HTML bytes per service page, and the floor: plain `mkdocs build` + Pagefind of the
very same pages written as static Markdown with the same theme (`--no-floor` skips it; it is slow at large N).

Times are wall-clock seconds; "cpu" is the processor time of the build and everything it started (worker processes,
Pagefind), which shows the work done whatever else the machine is running. Peak memory is sampled every 50 ms over
the build's whole process tree (less often when reading it takes long: the kernel takes tens of milliseconds to
read a large process's, and sampling never takes more than a tenth of a core from the build): "peak total" is the
proportional set size (PSS: shared pages counted once) summed over every process at that moment, "largest" the
resident size of the biggest single process; each stage's peak total is printed too.

Prints a table, the ratio ours / floor, and the fitted exponent of build time against N (1.0 is linear).

Usage: python benchmarks/run.py [--counts 500 2000 5000] [--county] [--no-floor]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_project  # noqa: E402

from generator.inputs.kinds import Context  # noqa: E402
from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.inputs.validate import validate  # noqa: E402
from generator.pipeline import generate  # noqa: E402
from generator.publish.build import run_pagefind  # noqa: E402
from generator.resources import OVERRIDES_DIR  # noqa: E402

COUNTY = 20_000
STAGES = {  # build_site's progress names → the columns printed
    "checking and rendering": "validate+render",
    "building pages": "MkDocs",
    "indexing for search": "Pagefind",
    "compressing": "compress",  # .br and .gz copies of text files (generator/publish/precompress.py)
    "publishing": "publish",
}

# Run in a fresh process: one full build, stage by stage (the progress callback marks each start).
BUILD_STAGES = """import json, os, sys, time
from pathlib import Path
from generator.inputs.settings import load_settings, today
from generator.publish.build import build_site
marks = []
def mark(stage):
    t = os.times()
    marks.append((stage, time.perf_counter(), t.user + t.system + t.children_user + t.children_system))
settings = load_settings(Path(sys.argv[1]))
result = build_site(settings, today(), progress=mark)
assert result.built, result.log or [p.text() for p in result.generated.problems[:5]]
print(json.dumps([[a[0], b[1] - a[1], b[2] - a[2], a[1], b[1]] for a, b in zip(marks, marks[1:])]))
"""


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _tree(root_pid: int) -> list[int]:
    """`root_pid` and every process descended from it."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _kb(pid: int, name: str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples a process tree's memory until stopped: the peak of the summed PSS and of the largest RSS, and each
    sample's time (time.perf_counter: the same clock in every process) for the peak of each stage."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every = pid, every
        self.total_kb = self.largest_kb = 0
        self.samples: list[tuple[float, int]] = []  # (time, summed PSS kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            start = time.perf_counter()
            pids = _tree(self.pid)
            total = sum(_kb(p, "smaps_rollup", "Pss") for p in pids)
            self.samples.append((start, total))
            self.total_kb = max(self.total_kb, total)
            self.largest_kb = max(self.largest_kb, *(_kb(p, "status", "VmRSS") for p in pids))
            # Reading a large process's PSS takes the kernel tens of milliseconds: wait at least nine times as long
            # as the sample took, so the sampling never takes more than a tenth of one core from the build it measures
            self._stop.wait(max(self.every, 9 * (time.perf_counter() - start)))

    def peak_mb(self, start: float, end: float) -> float:
        """The peak summed PSS between two times (a stage shorter than the time between samples: the samples on
        either side of it)."""
        inside = [kb for at, kb in self.samples if start <= at <= end]
        if not inside:
            before = [kb for at, kb in self.samples if at < start][-1:]
            inside = before + [kb for at, kb in self.samples if at > end][:1]
        return max(inside, default=0) / 1024

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def build_in_fresh_process(root: Path) -> tuple[float, dict[str, tuple[float, float, float]], float, float]:
    """(build seconds, {stage: (wall, cpu, peak total MB)}, peak total MB, largest process MB) of one full build.
    The build's time is the sum of its stages (Python's start and imports left out, as they do not grow with N)."""
    child = subprocess.Popen(
        [sys.executable, "-c", BUILD_STAGES, str(root / "mkdocs.yml")], cwd=root, stdout=subprocess.PIPE, text=True
    )
    memory = TreeMemory(child.pid)
    out, _ = child.communicate()
    memory.stop()
    if child.returncode != 0:
        raise RuntimeError(f"the build of {root} failed")
    marks = [(STAGES[name], w, c, memory.peak_mb(a, b)) for name, w, c, a, b in json.loads(out) if name in STAGES]
    stages = {name: (w, c, peak) for name, w, c, peak in marks}
    return sum(w for w, _, _ in stages.values()), stages, memory.total_kb / 1024, memory.largest_kb / 1024


def plain_floor(root: Path) -> float:
    """Plain MkDocs + Pagefind over the same pages written out as Markdown files: the least any generator could
    cost (every page goes through Markdown; no Content-Security-Policy step)."""
    floor = root.parent / f"{root.name}-plain"
    for rel, data in generate(load_settings(root / "mkdocs.yml"), today()).files.items():
        path = floor / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = "docs"
    config["theme"]["custom_dir"] = str(OVERRIDES_DIR)
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(floor / "site")],
        cwd=floor,
        env=env,
        check=True,
        capture_output=True,
    )
    run_pagefind(floor / "site")
    return time.perf_counter() - start


def measure(count: int, tmp: Path, floor: bool) -> dict:
    root = make_project(tmp / f"n{count}", count)
    settings = load_settings(root / "mkdocs.yml")
    validate_s, checked = timed(lambda: validate(settings, Context(settings.council, today())))
    assert checked.ok, checked.problems[:3]
    one = next((root / "services").rglob("*.yaml"))
    one_s, _ = timed(
        lambda: subprocess.run(
            [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "validate", str(one)],
            check=True,
            capture_output=True,
        )
    )
    load = os.getloadavg()[0]
    build_s, stages, peak_total, peak_largest = build_in_fresh_process(root)
    site = settings.site_dir
    pages = [p for p in (site / "services").glob("*/index.html")]
    return {
        "n": count,
        "validate_s": validate_s,
        "one_file_s": one_s,
        "build_s": build_s,
        "stages": stages,
        "load": load,
        "floor_s": plain_floor(root) if floor else None,
        "ms_per_service": 1000 * build_s / count,
        "peak_total_mb": peak_total,
        "peak_largest_mb": peak_largest,
        "site_mb": folder_bytes(site) / 2**20,
        "page_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
    }


def exponent(rows: list[dict]) -> float:
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r["build_s"]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    width = max(12, *(len(h) + 2 for h in header))
    print("".join(f"{h:>{width}}" for h in header))
    for row in rows:
        print("".join(f"{v:>{width}}" for v in row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--county", action="store_true", help=f"also build {COUNTY:,} services (several minutes)")
    parser.add_argument("--no-floor", action="store_true", help="skip plain MkDocs + Pagefind (the floor)")
    args = parser.parse_args()
    counts = [*args.counts, COUNTY] if args.county else args.counts
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp), floor=not args.no_floor) for n in counts]
    _table(
        (
            "services",
            "validate s",
            "1 file s",
            "build s",
            "ms/service",
            "floor s",
            "ours/floor",
            "peak total MB",
            "largest MB",
            "site MB",
            "page KB",
            "load",
        ),
        [
            (
                r["n"],
                f"{r['validate_s']:.2f}",
                f"{r['one_file_s']:.2f}",
                f"{r['build_s']:.1f}",
                f"{r['ms_per_service']:.1f}",
                f"{r['floor_s']:.1f}" if r["floor_s"] else "-",
                f"{r['build_s'] / r['floor_s']:.2f}" if r["floor_s"] else "-",
                f"{r['peak_total_mb']:.0f}",
                f"{r['peak_largest_mb']:.0f}",
                f"{r['site_mb']:.0f}",
                f"{r['page_kb']:.1f}",
                f"{r['load']:.1f}",
            )
            for r in rows
        ],
    )
    print("\nbuild stages, wall s / cpu s (cpu: the build and every process it started)")
    _table(
        ("services", *STAGES.values()),
        [(r["n"], *(f"{r['stages'][s][0]:.1f} / {r['stages'][s][1]:.1f}" for s in STAGES.values())) for r in rows],
    )
    print("\npeak memory of each stage, MB (PSS summed over the build's processes)")
    peaks = [(r["n"], *(f"{r['stages'][s][2]:.0f}" for s in STAGES.values())) for r in rows]
    _table(("services", *STAGES.values()), peaks)
    if len(rows) > 1:
        print(f"\nbuild time grows as N^{exponent(rows):.2f} (1.00 is linear)")
    print(f"load average at each build's start shown as 'load' ({os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
