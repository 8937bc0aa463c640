"""html-validate (npm) over every page of the built site, with the rules in htmlvalidate.cjs (its "recommended"
preset; each exception justified there)."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from generator.audit.report import Finding, Result

CONFIG = Path(__file__).with_name("htmlvalidate.cjs")
BATCH = 200  # files per run, to stay well under the command-line limit


def find_tool(root: Path, name: str) -> Path | None:
    """An npm tool installed in the project (`npm ci`, as `make node` runs it)."""
    path = root / "node_modules" / ".bin" / name
    return path if path.is_file() else None


def validate_html(tool: Path, site: Path) -> list[Result]:
    """One result per page: its errors, each with line and rule."""
    files = sorted(site.rglob("*.html"))
    results: list[Result] = []
    for start in range(0, len(files), BATCH):
        batch = files[start : start + BATCH]
        with tempfile.TemporaryDirectory() as scratch:
            out = Path(scratch) / "report.json"
            # the JSON goes to a file: through a pipe, node may exit before a long report is written out
            done = subprocess.run(
                [str(tool), "--config", str(CONFIG), f"--formatter=json={out}", *map(str, batch)],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=600,
            )
            if not out.is_file():
                error = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                return [Result("html-validate", "", "", None, error=f"html-validate did not run: {error[0]}")]
            reports = json.loads(out.read_text(encoding="utf-8"))
        found = {Path(r["filePath"]).resolve(): r["messages"] for r in reports}
        for path in batch:
            rel = path.relative_to(site).as_posix()
            url = rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel
            messages = [m for m in found.get(path.resolve(), []) if m["severity"] == 2]
            findings = [
                Finding(f"Line {m['line']}: {m['message']} (html-validate rule {m['ruleId']}).", ("4.1.2",))
                for m in messages[:10]
            ]
            if len(messages) > 10:
                findings.append(Finding(f"… and {len(messages) - 10} more HTML errors on this page.", ("4.1.2",)))
            results.append(Result("html-validate", url, "", None, findings))
    return results
