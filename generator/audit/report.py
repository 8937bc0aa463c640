"""The audit's findings and its JSON report: date, commit, pages, and each check's result on each page and width."""

from __future__ import annotations

import json
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One failure, in words a coordinator can pass on, with the WCAG 2.2 success criteria it fails."""

    message: str
    criteria: tuple[str, ...]


@dataclass
class Result:
    check: str
    page: str  # site-relative address, or "" for the whole site
    type: str
    width: int | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the check could not run (the audit is then incomplete)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.error is None and not self.findings


@dataclass(frozen=True)
class CheckInfo:
    id: str
    title: str  # what it checks, in the words the accessibility statement uses
    criteria: tuple[str, ...]


@dataclass
class Report:
    date: str
    commit: str | None
    changes_not_committed: bool
    site: str
    pages: list[dict[str, str]]
    checks: list[CheckInfo]
    results: list[Result] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # why the audit is incomplete, when it is
    page_loads: int = 0  # pages loaded in the browsers (a load serves every check that keeps the page as it was)
    skipped: list[str] = field(default_factory=list)  # the same thing met again on another page, and where checked

    @property
    def complete(self) -> bool:
        ran = {r.check for r in self.results}
        return not self.missing and all(c.id in ran for c in self.checks) and all(r.error is None for r in self.results)

    @property
    def passed(self) -> bool:
        return self.complete and all(r.passed for r in self.results)

    def failures(self) -> list[tuple[Result, Finding]]:
        return [(r, f) for r in self.results for f in r.findings]

    def as_json(self) -> dict[str, Any]:
        checks = []
        for c in self.checks:
            mine = [r for r in self.results if r.check == c.id]
            checks.append({**asdict(c), "runs": len(mine), "passed": bool(mine) and all(r.passed for r in mine)})
        return {
            "tool": "local-offer audit",
            "date": self.date,
            "commit": self.commit,
            "changes_not_committed": self.changes_not_committed,
            "site": self.site,
            "complete": self.complete,
            "passed": self.passed,
            "missing": self.missing,
            "page_loads": self.page_loads,
            "skipped": self.skipped,
            "pages": self.pages,
            "checks": checks,
            "results": [
                {
                    "check": r.check,
                    "page": r.page,
                    "type": r.type,
                    "width": r.width,
                    "passed": r.passed,
                    "error": r.error,
                    "findings": [asdict(f) for f in r.findings],
                    "seconds": round(r.seconds, 1),
                }
                for r in self.results
            ],
        }

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def source_version(root: Path) -> tuple[str | None, bool]:
    """The commit the project folder is at, and whether it has changes not committed (None outside git)."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", timeout=30
            )
        except OSError:
            return None
        return done.stdout if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if commit is None:
        return None, False
    status = git("status", "--porcelain", "--untracked-files=no")
    return commit.strip(), bool(status and status.strip())
