"""Command line for coordinators and CI: each sub-command is one function, chosen by argparse."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.commands.audit import run_audit
from generator.commands.check_files import check_files
from generator.commands.coverage import coverage_report
from generator.commands.fieldguide import update
from generator.commands.gias_import import run_gias_import
from generator.commands.importer import DRAFTS as DEFAULT_DRAFTS
from generator.commands.importer import run_import
from generator.commands.init import Answers, InitError, init, next_steps, update_schemas
from generator.commands.linkcheck import broken_urls, record_urls
from generator.commands.report import as_csv, as_markdown, as_table, hard_table, hardest_to_read, review_due
from generator.commands.scaffold import create
from generator.commands.serve import serve
from generator.commands.translations import coverage_table, export, read_import, write_all
from generator.importing.journal import finish_stopped_import
from generator.importing.sources import FORMATS
from generator.inputs.destinations import file_problem, folder_problem, inside_problem
from generator.inputs.kinds import Context
from generator.inputs.placeholders import as_errors
from generator.inputs.problems import Problem, errors, report, summary
from generator.inputs.settings import Settings, SettingsError, api_dir_problem, load_settings, today
from generator.inputs.validate import display, validate
from generator.pipeline import check, generate
from generator.publish.build import build_site
from generator.publish.publish import PublishError
from generator.records.languages import LANGUAGES
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
    # everything `build` would refuse: the checks, then the pages made in memory (clashes, links to missing pages)
    found = check_files(settings, args.paths, today()) if args.paths else generate(settings, today()).problems
    return _finish(as_errors(found) if args.ready else found, args.format)


def cmd_build(settings: Settings, args: argparse.Namespace) -> int:
    def progress(stage: str) -> None:
        print(f"… {stage}", file=sys.stderr, flush=True)

    api_dir = args.api_dir or settings.api_dir
    if args.site_dir is not None and (unsafe := folder_problem(args.site_dir, settings.protected())):
        print(f"error: --site-dir: {unsafe} Choose a folder of its own, for example site. Nothing was changed.",
              file=sys.stderr)
        return 2
    if api_dir is not None:
        site = args.site_dir or settings.site_dir
        records = [folder for _, folder in settings.folders]
        unsafe = api_dir_problem(api_dir, settings.root, site, settings.content_dir, records)
        if unsafe:
            hint = "Choose a folder of its own beside the site, for example site-api."
            print(f"error: --api-dir: {unsafe} {hint}", file=sys.stderr)
            return 2
    shown = progress if args.progress else lambda _: None
    result = build_site(settings, today(), args.site_dir, progress=shown, api_dir=api_dir)
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
    if api_dir is not None:
        where = settings.council.api_url or "an address of its own"
        print(f"The Open Referral UK API is in {api_dir}, to publish at {where}.")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    return serve(settings.config_file, args.dev_addr)


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    if unsafe := _unsafe_outputs(settings, [("--csv", args.csv), ("--markdown", args.markdown)]):
        print(unsafe, file=sys.stderr)
        return 2
    checked = validate(settings, Context(settings.council, today()))
    reviewed = [r for kind in ("service", "setting") for r in checked.records[kind] if isinstance(r, Service | Setting)]
    rows = review_due(reviewed, settings.council, today())
    print(as_table(rows))
    readable = [r for kind in ("service", "guide") for r in checked.records[kind] if getattr(r, "published", True)]
    print(hard_table(hardest_to_read(readable)))
    translated = coverage_table(check(settings, today()).translations, today())
    if translated:
        print(translated)
    for path, text in ((args.csv, as_csv(rows)), (args.markdown, as_markdown(rows, settings.council, today()))):
        if path:
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as exc:
                print(
                    f"error: could not write {path}: {exc.strerror}. Choose a file in a folder you can write to.",
                    file=sys.stderr,
                )
                return 2
            print(f"Written to {path}.")
    return 0


def _unsafe_outputs(settings: Settings, outputs: Sequence[tuple[str, Path | None]]) -> str:
    """Why a command may not write the files its options name (checked before anything is written), or ""."""
    given = [(option, path) for option, path in outputs if path is not None]
    for option, path in given:
        unsafe = file_problem(path, settings.protected())
        if unsafe:
            example = {"--markdown": "review.md", "--csv": "review.csv"}.get(option, "review.csv")
            hint = f"Choose a file outside the project's records, pages and settings, for example {example}."
            return f"error: {option}: {unsafe} {hint} Nothing was written."
    for (option, path), (other, same) in zip(given, given[1:], strict=False):
        if path.resolve() == same.resolve():
            return f"error: {option} and {other} name the same file ({path}): give each its own. Nothing was written."
    return ""


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
    if unsafe := _unsafe_outputs(settings, [("--report", args.report)]):
        print(unsafe.replace("review.csv", "audit.json"), file=sys.stderr)
        return 2
    return run_audit(settings, args.site, args.report, args.record)


def cmd_fields(settings: Settings, args: argparse.Namespace) -> int:
    changed = update(settings.root / "CONTRIBUTING.md")
    print("CONTRIBUTING.md updated." if changed else "CONTRIBUTING.md was already up to date.")
    return 0


def cmd_new(settings: Settings, args: argparse.Namespace) -> int:
    values = {k: v for k in ("id", "name", "organisation", "category", "summary") if (v := getattr(args, k))}
    ask = input if sys.stdin.isatty() else None
    try:
        path = create(settings.folder("service"), values, today(), ask, settings.root)
    except (ValueError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shown = path.relative_to(settings.root).as_posix()
    print(f"Created {shown}. Fill in the empty fields, then run: local-offer validate")
    return 0


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    if args.gias is not None or args.local_authority is not None or args.urn:
        return cmd_import_gias(settings, args)
    if args.source is None:
        print("error: name the export to import, or the register's file with --gias. Nothing was imported.",
              file=sys.stderr)
        return 2
    drafts = args.drafts
    if drafts is not None and str(drafts) == DEFAULT_DRAFTS:
        drafts = settings.folder("service").parent / DEFAULT_DRAFTS
    if unsafe := _unsafe_outputs(settings, [("--report", args.report)]):
        print(unsafe.replace("review.csv", "import-report.txt"), file=sys.stderr)
        return 2
    if drafts is not None and (inside := inside_problem(drafts, settings.protected())):
        hint = f"Choose a folder outside the records, pages and settings, for example {DEFAULT_DRAFTS}."
        print(f"error: --drafts: {inside} {hint} Nothing was written.", file=sys.stderr)
        return 2
    options = {"kind": args.source_format, "category": args.category, "update": args.update, "dry_run": args.dry_run}
    written, problems = run_import(
        settings, args.source, today(), **options, drafts=drafts, report_file=args.report
    )
    if errors(problems) or (problems and not written and not args.dry_run):
        print(report(problems), file=sys.stderr)
        print(summary(problems), file=sys.stderr)
        print("Nothing was imported." if not args.dry_run else "The import would write nothing.", file=sys.stderr)
        return 1
    return _finish(problems)


def cmd_import_gias(settings: Settings, args: argparse.Namespace) -> int:
    """`import --gias FILE --local-authority NAME [--urn N ...]`: schools and settings from the national register."""
    wrong = ""
    if args.gias is None:
        wrong = "--local-authority and --urn go with --gias edubasealldata.csv (the register's file)."
    elif args.source is not None:
        wrong = f"give either an export to import ({args.source}) or --gias, not both."
    elif not (args.local_authority or "").strip():
        wrong = 'give the local authority as the register names it, for example --local-authority "Lambeth".'
    elif args.update or args.category or args.source_format or args.drafts is not None:
        wrong = (
            "--update, --category, --format and --drafts are for services; an import from the register always "
            "refreshes, and writes nothing unless every record passes."
        )
    if wrong:
        print(f"error: {wrong} Nothing was imported.", file=sys.stderr)
        return 2
    if unsafe := _unsafe_outputs(settings, [("--report", args.report)]):
        print(unsafe.replace("review.csv", "gias-report.txt"), file=sys.stderr)
        return 2
    written, problems = run_gias_import(
        settings, args.gias, args.local_authority.strip(), args.urn or [], today(), dry_run=args.dry_run,
        report_file=args.report,
    )
    if errors(problems) and not written:
        print(report(problems), file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    return _finish(problems)


def cmd_translations(settings: Settings, args: argparse.Namespace) -> int:
    if args.action == "export":
        if args.lang not in LANGUAGES:
            codes = ", ".join(sorted(LANGUAGES))
            print(f"error: --lang: '{args.lang}' is not a language code this site knows. Write one of {codes}.",
                  file=sys.stderr)
            return 2
        out = args.out or Path(f"translations-{args.lang}.po")
        if unsafe := _unsafe_outputs(settings, [("--out", out)]):
            print(unsafe.replace("review.csv", f"translations-{args.lang}.po"), file=sys.stderr)
            return 2
        out.write_bytes(export(settings, args.lang, today()))
        print(f"Written to {out}: send it to the translator, then load it back with: translations import {out}")
        return 0
    if args.file is None or not args.file.is_file():
        print("error: translations import needs the PO file to read, for example translations-pl.po.", file=sys.stderr)
        return 2
    lang, files, problems = read_import(settings, args.file.read_bytes(), str(args.file), today(), args.lang)
    if any(p.severity == "error" for p in problems):
        print(report(problems), file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    if files:
        write_all(settings, lang, files)
    for path in sorted(files):
        print(f"Written {display(path, settings)} (as a draft where its words changed: mark it reviewed to publish)")
    print(f"{len(files)} files written." if files else "Nothing had changed: no files written.")
    return _finish(problems) if problems else 0


def cmd_init(args: argparse.Namespace) -> int:
    """Runs before any mkdocs.yml exists, so it is given no settings."""
    folder: Path = args.folder
    try:
        if args.update_schemas:
            written = update_schemas(folder)
            print(f"Wrote {len(written)} schemas into {folder / 'schema'}.")
            return 0
        if args.council is None:
            example = '--council "Northshire"'
            raise InitError(f"--council is needed: the council's name as families know it, for example {example}.")
        answers = Answers(args.council, args.email or "", args.phone or "", args.address or "", args.site_url or "",
                          args.site_name or "")
        written = init(folder, answers, today())
    except InitError as exc:
        print(f"error: {exc} Nothing was written.", file=sys.stderr)
        return 2
    print(next_steps(folder, written))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="local-offer", description="Build the SEND Local Offer website.")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    validate_cmd = commands.add_parser("validate", help="check records and pages; build nothing")
    validate_cmd.add_argument("paths", nargs="*", type=Path, help="only these files, of any kind (default: all)")
    validate_cmd.add_argument(
        "--format", choices=["text", "github"], default="text", help="github prints workflow annotations"
    )
    validate_cmd.add_argument(
        "--ready", action="store_true", help="before publishing: a [[TODO: …]] placeholder left anywhere is an error"
    )
    validate_cmd.set_defaults(func=cmd_validate)
    build = commands.add_parser("build", help="validate, then build the site")
    build.add_argument("--site-dir", type=Path, help="where to publish (default: site_dir in mkdocs.yml)")
    build.add_argument(
        "--api-dir",
        type=Path,
        help="also write the Open Referral UK API as a folder of its own, for the root of an address such as "
        "https://api.example.gov.uk/ (default: api_dir under open_referral in mkdocs.yml, if set)",
    )
    build.add_argument("--progress", action="store_true", help="say each stage as it starts")
    build.set_defaults(func=cmd_build)
    serve_cmd = commands.add_parser("serve", help="live preview that rebuilds when records change")
    serve_cmd.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve_cmd.set_defaults(func=cmd_serve)
    review = commands.add_parser(
        "report", help="list records due for review, to send to providers, and the 20 hardest to read"
    )
    review.add_argument("--csv", type=Path, help="also write the list as a CSV file")
    review.add_argument("--markdown", type=Path, help="also write it as Markdown (the weekly review issue's text)")
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
    imports.add_argument("source", type=Path, nargs="?",
                         help="ORUK JSON file or folder, tabular data package, or Outpost CSV")
    imports.add_argument("--format", dest="source_format", choices=FORMATS, help="the kind of export (default: guess)")
    imports.add_argument("--category", choices=list(CATEGORIES), help="for services the source gives no category")
    imports.add_argument("--update", action="store_true", help="replace records imported before from the same ids")
    imports.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    imports.add_argument("--gias", type=Path, metavar="FILE",
                         help="schools from the national register's edubasealldata.csv (Get Information about Schools)")
    imports.add_argument(
        "--local-authority", metavar="NAME", help="with --gias: the council area, as the register names it"
    )
    imports.add_argument("--urn", action="append", metavar="URN",
                         help="with --gias: also this establishment (outside the area, or any other); repeat for more")
    imports.add_argument(
        "--drafts",
        nargs="?",
        const=Path(DEFAULT_DRAFTS),
        type=Path,
        metavar="DIR",
        help=f"write records that would not pass validate to DIR (default {DEFAULT_DRAFTS}/ beside services/), which"
        " build ignores, and import the rest",
    )
    imports.add_argument("--report", type=Path, metavar="FILE", help="also write the import's report to FILE")
    imports.set_defaults(func=cmd_import)
    start = commands.add_parser("init", help="make a council's own Local Offer folder (settings, pages, workflow)")
    start.add_argument("folder", type=Path, help="a new or empty folder")
    start.add_argument("--council", help='the council\'s name as families know it, for example "Northshire"')
    start.add_argument("--email", help="the Local Offer team's email address (shown on every page)")
    start.add_argument("--phone", help="the Local Offer team's phone number")
    start.add_argument("--address", help="the Local Offer team's postal address, on one line")
    start.add_argument("--site-url", help="the address the site will be published at, https://…/")
    start.add_argument("--site-name", help='the site\'s name (default: "<council> SEND Local Offer")')
    start.add_argument(
        "--update-schemas", action="store_true", help="only bring FOLDER's schema/ up to this generator's version"
    )
    start.set_defaults(func=cmd_init)
    words = commands.add_parser("translations", help="send translations to a translator (PO file) and load them back")
    words.add_argument("action", choices=("export", "import"))
    words.add_argument("file", nargs="?", type=Path, help="import: the PO file to read")
    words.add_argument("--lang", help="the language's code, for example pl (export: required)")
    words.add_argument("--out", type=Path, help="export: the file to write (default translations-<lang>.po)")
    words.set_defaults(func=cmd_translations)
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


def _without_traceback(run: Callable[[], int]) -> int:
    """A command's exit code; a failure of the file system or of the generator itself as one plain line."""
    try:
        return run()
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


def main(argv: list[str] | None = None) -> int:
    _any_character_prints()
    args = _parser().parse_args(argv)
    if args.command == "init":  # makes the mkdocs.yml every other command reads
        return _without_traceback(lambda: cmd_init(args))
    try:
        settings = load_settings(args.config)
    except SettingsError as exc:
        return _finish(exc.problems, getattr(args, "format", "text"), built=False if args.command == "build" else None)

    def run() -> int:
        for kind in ("service", "setting"):  # an import stopped part-way is finished (or undone) first
            folder = settings.folder(kind)
            for line in finish_stopped_import(folder, display(folder, settings)):
                print(line, file=sys.stderr)
        return int(args.func(settings, args))

    return _without_traceback(run)
