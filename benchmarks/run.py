"""Build speed, memory and size at council and county scale, against plain MkDocs as the floor.

For each N (default 500, 2,000, 5,000 synthetic services) it measures, in one run:
validation time, full build time (validate + generate + MkDocs + CSP + Pagefind), peak memory, total site size,
average HTML bytes per service page, `validate` on one changed file, and the floor: plain `mkdocs build` + Pagefind
of the very same pages written as static Markdown with the same theme. Prints a table, the ratio ours / floor,
and the fitted exponent of build time against N (1.0 is linear).

Usage: python benchmarks/run.py [--counts 500 2000 5000]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import make_project  # noqa: E402

from generator.inputs.kinds import Context  # noqa: E402
from generator.inputs.settings import load_settings, today  # noqa: E402
from generator.inputs.validate import validate  # noqa: E402
from generator.pipeline import generate  # noqa: E402
from generator.publish.build import build_site, run_pagefind  # noqa: E402
from generator.resources import OVERRIDES_DIR  # noqa: E402

PEAK_KB = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"""


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Peak resident memory of a command and everything it starts (MkDocs, Pagefind)."""
    out = subprocess.run([sys.executable, "-c", PEAK_KB, *command], cwd=cwd, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


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


def measure(count: int, tmp: Path) -> dict:
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
    build_s, result = timed(lambda: build_site(settings, today()))
    assert result.built, result.log or [p.text() for p in result.generated.problems[:5]]
    site = settings.site_dir
    pages = [p for p in (site / "services").glob("*/index.html")]
    peak = peak_memory_mb([sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "build"], root)
    floor_s = plain_floor(root)
    return {
        "n": count,
        "validate_s": validate_s,
        "one_file_s": one_s,
        "build_s": build_s,
        "floor_s": floor_s,
        "ms_per_service": 1000 * build_s / count,
        "peak_mb": peak,
        "site_mb": folder_bytes(site) / 2**20,
        "page_kb": sum(p.stat().st_size for p in pages) / len(pages) / 1024,
    }


def exponent(rows: list[dict]) -> float:
    xs = [math.log(r["n"]) for r in rows]
    ys = [math.log(r["build_s"]) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--counts", type=int, nargs="+", default=[500, 2000, 5000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(n, Path(tmp)) for n in args.counts]
    header = (
        "services",
        "validate s",
        "1 file s",
        "build s",
        "ms/service",
        "floor s",
        "ours/floor",
        "peak MB",
        "site MB",
        "page KB",
    )
    print("".join(f"{h:>12}" for h in header))
    for r in rows:
        values = (
            r["n"],
            f"{r['validate_s']:.2f}",
            f"{r['one_file_s']:.2f}",
            f"{r['build_s']:.1f}",
            f"{r['ms_per_service']:.1f}",
            f"{r['floor_s']:.1f}",
            f"{r['build_s'] / r['floor_s']:.2f}",
            f"{r['peak_mb']:.0f}",
            f"{r['site_mb']:.0f}",
            f"{r['page_kb']:.1f}",
        )
        print("".join(f"{v:>12}" for v in values))
    if len(rows) > 1:
        print(f"build time grows as N^{exponent(rows):.2f} (1.00 is linear)")


if __name__ == "__main__":
    main()
