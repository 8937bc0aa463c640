"""`audit`: the accessibility audit of the council's built site (generator/audit/), in words for the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.audit.record import NotRecorded, record
from generator.audit.report import Report
from generator.audit.run import AuditCannotRun, audit
from generator.inputs.settings import Settings, today

DEFAULT_REPORT = Path("artefacts") / "accessibility" / "audit.json"


def summary(report: Report) -> list[str]:
    types = len({p["type"] for p in report.pages})
    lines = [
        f"Audited {len(report.pages)} pages of {types} types ({report.page_loads} page loads in the browsers), and "
        "every page with html-validate."
    ]
    if report.skipped:
        lines.append(f"  {len(report.skipped)} checks of the same menu drawer on other pages were not repeated.")
    for check in report.checks:
        mine = [r for r in report.results if r.check == check.id]
        failures = [(r, f) for r in mine for f in r.findings]
        errors = [r for r in mine if r.error]
        state = "passed" if mine and not failures and not errors else "FAILED" if failures else "DID NOT RUN"
        seconds = sum(r.seconds for r in mine)
        lines.append(f"  {state:<11} {check.title} ({len(mine)} runs, {seconds:.0f} s in the browsers)")
        for r, f in failures[:20]:
            where = f"/{r.page}" + (f" at {r.width} px" if r.width else "")
            criteria = ", ".join(f.criteria)
            lines.append(f"      {where}: {f.message}" + (f" [WCAG {criteria}]" if criteria else ""))
        if len(failures) > 20:
            lines.append(f"      … and {len(failures) - 20} more (see the report).")
        for r in errors[:5]:
            lines.append(f"      /{r.page} at {r.width} px: could not run: {r.error}")
    return lines


def run_audit(settings: Settings, site: Path | None, report_path: Path | None, keep: bool) -> int:
    site = site or settings.site_dir
    report_path = report_path or settings.root / DEFAULT_REPORT
    try:
        report = audit(site, settings.root, screenshots=report_path.parent)
    except AuditCannotRun as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report.write(report_path)
    print("\n".join(summary(report)))
    print(f"Report: {report_path}")
    if not report.complete:
        print(f"The audit is incomplete: {'; '.join(report.missing) or 'a check could not run'}.", file=sys.stderr)
    elif report.passed:
        print("The audit passed.")
    else:
        print(f"The audit failed: {len(report.failures())} failures.", file=sys.stderr)
    if keep:
        try:
            written = record(report, settings.content_dir, today())
        except NotRecorded as exc:
            print(f"Not recorded: {exc}.", file=sys.stderr)
            return 1
        shown = written.relative_to(settings.root).as_posix() if written.is_relative_to(settings.root) else written
        what = "the date of this passing audit" if report.passed else "its failures (the last pass is kept)"
        print(f"Recorded {what} in {shown}; the accessibility statement is made from it at the next build.")
        if not report.commit:
            print(
                f"The record has no version: {settings.root} is not a git repository (or git is not installed), so "
                "it cannot say which version of the records was audited. Audit a clone of the council's repository "
                "to record one.",
                file=sys.stderr,
            )
    return 0 if report.passed else 1
