"""`audit --record`: keep what a complete audit found in content/accessibility-audit.yaml, the file the accessibility
statement is generated from. A passing audit becomes the statement's test date; a failing one lists its failures and
keeps the date of the last pass; an incomplete audit (or one of uncommitted changes) changes nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.audit.report import Finding, Report, Result
from generator.inputs.accessibility import AUDIT_FILE

HEADER = (
    "# Written by `local-offer audit --record` after a complete audit of the built site; do not edit by hand.\n"
    "# The accessibility statement (/accessibility/) gives the date of the last audit that passed and lists what\n"
    "# the latest complete audit found when it failed (schema/accessibility-audit.schema.json).\n"
)
MOST_PAGES = 10
NO_VERSION = "none"  # the project folder was not a git repository: which version was audited is not known


class NotRecorded(Exception):
    """Why this audit cannot be recorded."""


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def record(report: Report, content_dir: Path, today: date) -> Path:
    """Update the audit record from a complete audit; returns the file written."""
    if not report.complete:
        raise NotRecorded(f"the audit did not complete ({'; '.join(report.missing) or 'a check could not run'})")
    if report.changes_not_committed:
        raise NotRecorded("the project has changes not committed: commit them, build and audit again, so the record "
                          "names the version that was audited")
    path = content_dir / AUDIT_FILE
    data = _previous(path)
    # outside git the record says it has no version, rather than leaving it out as if it were not asked
    stamp: dict[str, Any] = {"date": today.isoformat(), "commit": report.commit or NO_VERSION}
    if report.passed:
        data = {
            "last_pass": {
                **stamp,
                "pages": len(report.pages),
                "page_types": len({p["type"] for p in report.pages}),
                "checks": [{"id": c.id, "title": c.title} for c in report.checks],
            }
        }
    else:
        data["failures"] = {**stamp, "items": failure_items(report.failures())}
    text = HEADER + yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(text, encoding="utf-8")
    return path


def _previous(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return {k: v for k, v in data.items() if k == "last_pass"} if isinstance(data, dict) else {}


def failure_items(failures: Iterable[tuple[Result, Finding]]) -> list[dict[str, Any]]:
    """Each failure once (by its first WCAG criterion and message), with the pages it was found on."""
    grouped: dict[tuple[str, str], list[str]] = {}
    checks: dict[tuple[str, str], str] = {}
    for result, finding in failures:
        key = (finding.criteria[0] if finding.criteria else "", finding.message)
        checks.setdefault(key, result.check)
        pages = grouped.setdefault(key, [])
        where = (f"/{result.page}" if result.page or result.type != "site" else "every page") + (
            f" at {result.width} px" if result.width else ""
        )
        if where not in pages:
            pages.append(where)
    items = []
    for (criterion, message), pages in sorted(grouped.items(), key=lambda kv: (_order(kv[0][0]), kv[0][1])):
        item: dict[str, Any] = {"criterion": criterion} if criterion else {}
        item["check"] = checks[(criterion, message)]  # the statement stops claiming what this check measures
        items.append({**item, "message": _plain(message), "pages": pages[:MOST_PAGES]})
    return items


def _plain(message: str) -> str:
    """A message as the statement can show it: tags named without angle brackets, and not too long."""
    text = re.sub(r"<(/?[a-z][a-z0-9-]*)>", r"\1", message).replace("<", "‹").replace(">", "›")
    return text if len(text) <= 600 else text[:597] + "…"


def _order(criterion: str) -> tuple[int, ...]:
    return tuple(int(p) for p in criterion.split(".")) if criterion else (9,)
