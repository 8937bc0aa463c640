"""The accessibility audit against the build of the same site, measured in one run (issue #30: the audit of the sample
at most 3 minutes on a quiet 2-core machine, and at most 45 times the build).

For each checkout given (this one by default; `--reference DIR` adds another, such as a clone of an older commit, run
the same way in the same run, so a change is measured against it on the same machine at the same time), it builds its
project into a fresh folder `--builds` times (the median is the build figure), then runs `local-offer audit` on that
site as a council's pull-request check does. It prints wall-clock seconds of each, the ratio, the page loads, and
each check's time in the browsers (read from the audit's JSON report).

Usage: python benchmarks/audit_speed.py [--project DIR] [--reference DIR] [--builds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(checkout: Path, project: Path, args: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(project / "mkdocs.yml"), *args],
        cwd=checkout,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:1])} failed in {checkout}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.monotonic() - started


@dataclass
class Row:
    checkout: Path
    build: float
    audit: float
    pages: int
    page_loads: int | None
    passed: bool
    per_check: dict[str, float]


def measure(checkout: Path, project: Path, builds: int) -> Row:
    with tempfile.TemporaryDirectory(prefix="audit-speed-") as folder:
        site = Path(folder) / "site"
        times = []
        for _ in range(builds):
            times.append(_run(checkout, project, ["build", "--site-dir", str(site)]))
        report = Path(folder) / "audit.json"
        audit = _run(checkout, project, ["audit", "--site", str(site), "--report", str(report)])
        data = json.loads(report.read_text(encoding="utf-8"))
    build = statistics.median(times)
    per_check: dict[str, float] = {}
    for result in data["results"]:
        per_check[result["check"]] = per_check.get(result["check"], 0.0) + result.get("seconds", 0.0)
    return Row(checkout, build, audit, len(data["pages"]), data.get("page_loads"), data["passed"], per_check)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="the project to build (default: each checkout's own sample)")
    parser.add_argument("--reference", type=Path, help="another checkout, measured in the same run")
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for checkout in [ROOT] + ([args.reference.resolve()] if args.reference else []):
        rows.append(measure(checkout, (args.project or checkout).resolve(), args.builds))
    print(f"{'checkout':<40} {'build s':>8} {'audit s':>8} {'ratio':>6} {'pages':>5} {'loads':>5} passed")
    for row in rows:
        loads = "-" if row.page_loads is None else str(row.page_loads)
        print(
            f"{str(row.checkout)[-40:]:<40} {row.build:8.1f} {row.audit:8.1f} {row.audit / row.build:6.0f} "
            f"{row.pages:>5} {loads:>5} {row.passed}"
        )
    for row in rows:
        checks = ", ".join(f"{name} {seconds:.0f}" for name, seconds in sorted(row.per_check.items()))
        print(f"  {str(row.checkout)[-40:]}: seconds in the browsers: {checks}")
    print("Targets (issue #30): audit at most 180 s on a quiet 2-core machine, and at most 45 times the build.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
