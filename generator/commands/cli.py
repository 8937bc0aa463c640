"""Command line for coordinators and CI: each sub-command is one function, chosen by argparse."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.commands.audit import run_audit
from generator.commands.check_files import check_files
from generator.commands.coverage import coverage_report
from generator.commands.fieldguide import update
from generator.commands.importer import run_import
from generator.commands.linkcheck import broken_urls, record_urls
from generator.commands.report import as_csv, as_table, hard_table, hardest_to_read, review_due
from generator.commands.scaffold import create
from generator.commands.serve import serve
from generator.importing.sources import FORMATS
from generator.inputs.kinds import Context
from generator.inputs.problems import Problem, report, summary
from generator.inputs.settings import Settings, SettingsError, load_settings, today
from generator.inputs.validate import validate
from generator.pipeline import check
from generator.publish.build import build_site
from generator.publish.publish import PublishError
from generator.records.model import Service, Setting
from generator.records.taxonomy import CATEGORIES


def _finish(problems: Sequence[Problem], style: str = "text", built: bool | None = None) -> int:
    if problems:
        shown = report(problems, "github" if style == "github" else "text")
        print(shown, file=sys.stderr if style == "text" else sys.stdout)
    failed = any(p.severity == "error" for p in problems)
    print(summary(problems, built=built if failed else None), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def _services(settings: Settings) -> list[Service]:
    checked = validate(settings, Context(settings.council, today()))
    return [r for r in checked.records["service"] if isinstance(r, Service)]


def cmd_validate(settings: Settings, args: argparse.Namespace) -> int:
    if args.paths:
        return _finish(check_files(settings, args.paths, today()), args.format)
    return _finish(check(settings, today()).problems, args.format)


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    def progress(stage: str) -> None:
        print(f"… {stage}", file=sys.stderr, flush=True)

    result = build_site(settings, today(), args.site_dir, progress=progress if args.progress else lambda _: None)
    if not result.generated.ok:
        return _finish(result.generated.problems, built=False)
    if not result.built:
        print("\n".join(result.log), file=sys.stderr)
        print("The site could not be built (see above). The published site was not changed.", file=sys.stderr)
        return 1
    _finish(result.generated.problems)
    site = result.generated.site
    schools = f" and {len(site.settings)} schools and settings" if site.settings else ""
    print(f"Built {len(site.services)} services{schools} into {args.site_dir or settings.site_dir}.")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    return serve(settings.config_file, args.dev_addr)


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    checked = validate(settings, Context(settings.council, today()))
    reviewed = [r for kind in ("service", "setting") for r in checked.records[kind] if isinstance(r, Service | Setting)]
    rows = review_due(reviewed, settings.council, today())
    print(as_table(rows))
    readable = [r for kind in ("service", "guide") for r in checked.records[kind] if getattr(r, "published", True)]
    print(hard_table(hardest_to_read(readable)))
    if args.csv:
        args.csv.write_text(as_csv(rows), encoding="utf-8")
        print(f"Written to {args.csv}.")
    return 0


def cmd_check_links(settings: Settings, args: argparse.Namespace) -> int:
    pairs = record_urls(_services(settings))
    broken = broken_urls(pairs)
    for source, url, problem in broken:
        print(f"{source}: contact › website: {url} {problem}.")
    print(f"Checked {len(pairs)} web addresses: {len(broken)} not working.")
    return 1 if broken else 0


def cmd_coverage(settings: Settings, args: argparse.Namespace) -> int:
    print(coverage_report(check(settings, today()).site, settings.council, today()))
    return 0


def cmd_audit(settings: Settings, args: argparse.Namespace) -> int:
    return run_audit(settings, args.site, args.report, args.record)


def cmd_fields(settings: Settings, args: argparse.Namespace) -> int:
    changed = update(settings.root / "CONTRIBUTING.md")
    print("CONTRIBUTING.md updated." if changed else "CONTRIBUTING.md was already up to date.")
    return 0


def cmd_new(settings: Settings, args: argparse.Namespace) -> int:
    values = {k: v for k in ("id", "name", "organisation", "category", "summary") if (v := getattr(args, k))}
    ask = input if sys.stdin.isatty() else None
    try:
        path = create(settings.folder("service"), values, today(), ask)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = path.relative_to(settings.root).as_posix()
    print(f"Created {shown}. Fill in the empty fields, then run: local-offer validate")
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    options = {"kind": args.source_format, "category": args.category, "update": args.update, "dry_run": args.dry_run}
    written, problems = run_import(settings, args.source, today(), **options)
    if problems and not written:
        print(report(problems), file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    return _finish(problems)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="local-offer", description="Build the SEND Local Offer website.")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    validate_cmd = commands.add_parser("validate", help="check records and pages; build nothing")
    validate_cmd.add_argument("paths", nargs="*", type=Path, help="only these files, of any kind (default: all)")
    validate_cmd.add_argument(
        "--format", choices=["text", "github"], default="text", help="github prints workflow annotations"
    )
    validate_cmd.set_defaults(func=cmd_validate)
    build = commands.add_parser("build", help="validate, then build the site")
    build.add_argument("--site-dir", type=Path, help="where to publish (default: site_dir in mkdocs.yml)")
    build.add_argument("--progress", action="store_true", help="say each stage as it starts")
    build.set_defaults(func=cmd_build)
    serve_cmd = commands.add_parser("serve", help="live preview that rebuilds when records change")
    serve_cmd.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve_cmd.set_defaults(func=cmd_serve)
    review = commands.add_parser(
        "report", help="list records due for review, to send to providers, and the 20 hardest to read"
    )
    review.add_argument("--csv", type=Path, help="also write the list as a CSV file")
    review.set_defaults(func=cmd_report)
    links = commands.add_parser("check-links", help="check that the web addresses in records work (uses the network)")
    links.set_defaults(func=cmd_check_links)
    commands.add_parser("coverage", help="statutory areas with no service yet, and need × age gaps").set_defaults(
        func=cmd_coverage
    )
    commands.add_parser("fields", help="rewrite the field reference in CONTRIBUTING.md").set_defaults(func=cmd_fields)
    audit = commands.add_parser("audit", help="check the built site's accessibility in Chromium (WCAG 2.2 AA)")
    audit.add_argument("--site", type=Path, help="the built site (default: site_dir in mkdocs.yml)")
    audit.add_argument("--report", type=Path, help="where to write the JSON report (default: artefacts/accessibility/)")
    audit.add_argument(
        "--record", action="store_true", help="keep the result for the accessibility statement (content/)"
    )
    audit.set_defaults(func=cmd_audit)
    imports = commands.add_parser("import", help="write records from another directory's export, and report the rest")
    imports.add_argument("source", type=Path, help="ORUK JSON file or folder, tabular data package, or Outpost CSV")
    imports.add_argument("--format", dest="source_format", choices=FORMATS, help="the kind of export (default: guess)")
    imports.add_argument("--category", choices=list(CATEGORIES), help="for services the source gives no category")
    imports.add_argument("--update", action="store_true", help="replace records imported before from the same ids")
    imports.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    imports.set_defaults(func=cmd_import)
    new = commands.add_parser("new", help="start a new service record")
    for name in ("id", "name", "organisation", "category", "summary"):
        new.add_argument(f"--{name}")
    new.set_defaults(func=cmd_new)
    return parser


def _any_character_prints() -> None:
    """Where output goes through a code page (Windows' cp1252 when it is redirected to a file, piped, or read by CI), a
    character the code page lacks (a record's "Ł" or "→") is written as \\u0141, not a failure of the whole command."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if not encoding.startswith("utf") and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _any_character_prints()
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except SettingsError as exc:
        return _finish(exc.problems, getattr(args, "format", "text"), built=False if args.command == "build" else None)
    try:
        code: int = args.func(settings, args)
    except PublishError as exc:  # says what to do itself (wait for the other build; move a file away)
        print(f"error: {exc}.", file=sys.stderr)
        return 1
    except OSError as exc:  # the file system, not the records: one line saying what to do
        where = f" ({exc.filename})" if exc.filename else ""
        advice = "Check the folder exists, is a folder, and that you may write to it."
        print(f"error: {exc.strerror or exc}{where}. {advice}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback for a coordinator; LOCAL_OFFER_DEBUG=1 shows it
        if os.environ.get("LOCAL_OFFER_DEBUG"):
            raise
        print(f"error: the generator failed ({type(exc).__name__}: {exc}). Please report this line.", file=sys.stderr)
        return 70
    return code
