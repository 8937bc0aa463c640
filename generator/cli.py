"""Command line: validate, build, serve, new, for coordinators and for CI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build_site
from .config import ConfigError, load_settings, today
from .coverage import coverage_report
from .fieldguide import update
from .freshness import as_csv, as_table, review_due
from .linkcheck import broken_urls, record_urls
from .pipeline import check
from .problems import report, summary
from .scaffold import create
from .serve import serve
from .validate import validate_services


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="local-offer", description="Build the SEND Local Offer website.")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check records and pages; build nothing")
    validate.add_argument("paths", nargs="*", type=Path, help="only these service files (default: all)")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github prints workflow annotations on the file and line",
    )
    build = commands.add_parser("build", help="validate, then build the site")
    build.add_argument("--site-dir", type=Path, help="where to publish (default: site_dir in mkdocs.yml)")
    serve = commands.add_parser("serve", help="live preview that rebuilds when records change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    review = commands.add_parser("report", help="list records due for review, to send to providers")
    review.add_argument("--csv", type=Path, help="also write the list as a CSV file")
    commands.add_parser("check-links", help="check that the web addresses in records still work (uses the network)")
    commands.add_parser("coverage", help="show statutory areas with no service yet, and need × age gaps")
    commands.add_parser("fields", help="rewrite the field reference in CONTRIBUTING.md from the schemas")
    new = commands.add_parser("new", help="start a new service record")
    for name in ("id", "name", "organisation", "category", "summary"):
        new.add_argument(f"--{name}")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "validate":
        if args.paths:
            problems = validate_services(settings.root, only=args.paths, council=settings.council).problems
        else:
            problems = check(settings).problems
        return _finish(problems, args.format, built=None)
    if args.command == "build":
        result = build_site(settings, args.site_dir)
        if not result.generated.ok:
            return _finish(result.generated.problems, "text", built=False)
        if not result.built:
            print(result.log, file=sys.stderr)
            print("MkDocs could not build the site (see above). The published site was not changed.", file=sys.stderr)
            return 1
        _finish(result.generated.problems, "text", built=None)
        print(f"Built {len(result.generated.checked.services)} services into {args.site_dir or settings.site_dir}.")
        return 0
    if args.command == "serve":
        return serve(settings, args.dev_addr)
    if args.command == "report":
        checked = validate_services(settings.root)
        rows = review_due(checked.services, settings.council, today())
        print(as_table(rows))
        if args.csv:
            args.csv.write_text(as_csv(rows), encoding="utf-8")
            print(f"Written to {args.csv}.")
        return 0
    if args.command == "check-links":
        pairs = record_urls(validate_services(settings.root).services)
        broken = broken_urls(pairs)
        for source, url, problem in broken:
            print(f"{source}: contact › website: {url} {problem}.")
        print(f"Checked {len(pairs)} web addresses: {len(broken)} not working.")
        return 1 if broken else 0
    if args.command == "coverage":
        print(coverage_report(check(settings).site))
        return 0
    if args.command == "fields":
        changed = update(settings.root / "CONTRIBUTING.md")
        print("CONTRIBUTING.md updated." if changed else "CONTRIBUTING.md was already up to date.")
        return 0
    if args.command == "new":
        values = {k: v for k in ("id", "name", "organisation", "category", "summary") if (v := getattr(args, k))}
        ask = input if sys.stdin.isatty() else None
        try:
            path = create(settings.root, values, ask)
        except (ValueError, FileExistsError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"Created {path.relative_to(settings.root)}. Fill in the empty fields, then run: local-offer validate")
        return 0
    return 2


def _finish(problems: list, style: str, built: bool | None) -> int:
    if problems:
        print(report(problems, style), file=sys.stderr if style == "text" else sys.stdout)
    failed = any(p.severity == "error" for p in problems)
    print(summary(problems, built=built if failed else None), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
