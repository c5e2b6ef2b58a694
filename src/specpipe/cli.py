"""The ``specpipe`` command line: parses arguments, calls one step, decides messages and exit codes.

Exit codes: 0 success; 1 the step ran and found something (doctor findings, drift, a diff at the
``--fail-on`` level); 2 the step could not run (bad input, invalid overlay, failed generation, a
full disk, a reading limit): one line on stderr, no traceback unless ``--debug``.
Step modules are imported lazily so ``specpipe --help`` stays fast.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from specpipe.errors import SpecpipeError
from specpipe.limits import FetchLimits, Limits, reading_limits

if TYPE_CHECKING:
    from specpipe.diff import DiffReport

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

Handler = Callable[[argparse.Namespace], int]


def _emit(text: str, output: Path | None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``output``."""
    from specpipe.documents import write_atomic

    if output is None:
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _recover(root: Path) -> None:
    """Every command that writes first finishes or undoes an interrupted one (``specpipe.transaction``)."""
    from specpipe.transaction import recover

    recovered = recover(root)
    if recovered is not None:
        print(f"specpipe: {recovered}", file=sys.stderr)


def _cmd_extract(args: argparse.Namespace) -> int:
    from specpipe.extract import vendor

    _recover(args.root)
    vendor(args.page, args.output, args.source, args.root)
    print(f"extracted {args.page} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_overlay(args: argparse.Namespace) -> int:
    from specpipe import documents
    from specpipe.overlay import apply_overlays, load_overlay

    spec = documents.load_mapping(args.spec)
    overlays = [load_overlay(path) for path in args.overlays]
    result = apply_overlays(spec, overlays, strict=not args.lenient, in_place=True)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _emit(documents.dumps(result.document), args.output)
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace) -> int:
    from specpipe import documents
    from specpipe.doctor import diagnose

    spec = documents.load_mapping(args.spec)
    findings = diagnose(spec)
    for finding in findings:
        print(f"{args.spec}#{finding}")
    print(f"{len(findings)} finding(s) in {args.spec}", file=sys.stderr)
    if args.suggest is not None:
        from specpipe.suggest import write_suggestion

        print(write_suggestion(spec, findings, args.suggest, args.spec.name), file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


def _cmd_generate(args: argparse.Namespace) -> int:
    from specpipe.generate import generate
    from specpipe.project import Project

    _recover(args.root)
    generate(Project.at(args.root))
    print("generated/ is up to date with openapi/ + overlay/ + generator-config.yaml", file=sys.stderr)
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from specpipe.generate import drift
    from specpipe.project import Project

    diff = drift(Project.at(args.root))
    if diff:
        sys.stdout.write(diff)
        print("generated/ differs from a fresh generation: run `specpipe generate`", file=sys.stderr)
        return EXIT_FINDINGS
    print("generated/ matches a fresh generation", file=sys.stderr)
    return EXIT_OK


def _report(report: DiffReport, args: argparse.Namespace) -> int:
    """Print a diff report (spec or client API) as ``--format``; exit 1 at the ``--fail-on`` level."""
    from specpipe.diff import Level, render

    sys.stdout.write(render(report, args.format))
    counts = ", ".join(f"{report.count(level)} {level.value}" for level in Level)
    print(f"{len(report.changes)} change(s): {counts}", file=sys.stderr)
    threshold = {"breaking": Level.BREAKING, "any": Level.INFO, "never": None}[args.fail_on]
    return EXIT_FINDINGS if threshold is not None and report.at_least(threshold) else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from specpipe.diff import compare_files
    from specpipe.diff.catalog import check_lines
    from specpipe.errors import InputError

    if args.list_checks:
        sys.stdout.write("".join(f"{line}\n" for line in check_lines()))
        return EXIT_OK
    if args.old is None or args.new is None:
        raise InputError("OLD and NEW documents are required (or --list-checks)")
    if args.old.is_dir() and args.new.is_dir():
        return _report_roots(args)
    return _report(compare_files(args.old, args.new, today=args.today), args)


def _report_roots(args: argparse.Namespace) -> int:
    """``diff OLD_ROOT NEW_ROOT``: each source and the effective spec; the exit code is the worst of them."""
    from specpipe.diff import DiffReport, Level
    from specpipe.diff_sources import diff_roots, render_roots

    reports = diff_roots(args.old, args.new, today=args.today)
    sys.stdout.write(render_roots(reports, args.format))
    every = DiffReport(tuple(change for report in reports.values() for change in report.changes))
    counts = ", ".join(f"{every.count(level)} {level.value}" for level in Level)
    print(f"{len(every.changes)} change(s) over {len(reports)} report(s): {counts}", file=sys.stderr)
    threshold = {"breaking": Level.BREAKING, "any": Level.INFO, "never": None}[args.fail_on]
    return EXIT_FINDINGS if threshold is not None and every.at_least(threshold) else EXIT_OK


def _day(text: str) -> date:
    """``--today``: YYYY-MM-DD only (``fromisoformat`` alone would also take 20300115 or week dates)."""
    with contextlib.suppress(ValueError):
        if len(text) == 10 and text[4] == text[7] == "-":
            return date.fromisoformat(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a YYYY-MM-DD date")


def _cmd_api_diff(args: argparse.Namespace) -> int:
    from specpipe.api_diff import api_diff

    return _report(api_diff(args.old, args.new), args)


def _cmd_sync(args: argparse.Namespace) -> int:
    from specpipe.project import Project
    from specpipe.sync import sync

    _recover(args.root)
    limits = FetchLimits(max_bytes=args.max_download, timeout=args.fetch_timeout)
    result = sync(
        Project.at(args.root),
        args.location,
        report_file=args.report,
        suggest=args.suggest,
        for_source=args.for_source,
        pages=dict(args.pages),
        fetch_limits=limits,
    )
    if args.outputs is not None:
        with args.outputs.open("a", encoding="utf-8") as outputs:
            outputs.write(result.outputs())
    if result.report is None:
        print(
            f"unchanged: {result.source} publish the vendored documents (info.version {result.upstream_version})",
            file=sys.stderr,
        )
        return EXIT_OK
    sys.stdout.write(result.report)
    print(
        f"synced {result.source}: client {result.package_version}, next release at least a "
        f"{result.bump.label if result.bump else 'patch'} bump; CHANGELOG.md updated",
        file=sys.stderr,
    )
    return EXIT_OK


def _page(text: str) -> tuple[str, str]:
    """``--from NAME=LOCATION``."""
    name, equals, location = text.partition("=")
    if not equals or not name or not location:
        raise argparse.ArgumentTypeError(f"{text!r} is not NAME=LOCATION")
    return name, location


def _cmd_release(args: argparse.Namespace) -> int:
    from specpipe.project import Project
    from specpipe.release import release

    result = release(Project.at(args.root), args.today)
    sys.stdout.write(result.section)
    print(
        f"heygen-api-client {result.previous} -> {result.version} ({result.bump.label}); generated/ and "
        f"CHANGELOG.md updated: review, commit, then `git tag v{result.version}` and push the tag",
        file=sys.stderr,
    )
    return EXIT_OK


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its error messages
    return parse


def _int_digits(text: str) -> int:
    value = int(text)
    if value < sys.int_info.str_digits_check_threshold:
        raise argparse.ArgumentTypeError(f"Python accepts no limit below {sys.int_info.str_digits_check_threshold}")
    return value


def _limit_options(
    group: argparse._ActionsContainer, *options: tuple[str, Callable[[str], float], str, float, str]
) -> None:
    """One option per limit: (flag, type, metavar, default, what it does)."""
    for flag, kind, metavar, default, text in options:
        group.add_argument(flag, type=kind, default=default, metavar=metavar, help=f"{text} (default {default})")


def _common_options() -> argparse.ArgumentParser:
    """Options every command takes: the reading limits of every JSON/YAML input, and --debug."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="on an error, also print the traceback")
    limits = common.add_argument_group("reading limits (every JSON/YAML input)")
    defaults = Limits()
    _limit_options(
        limits,
        ("--max-nesting", _positive(int), "N", defaults.max_nesting, "containers nested deeper than N are refused"),
        ("--max-alias-nodes", _positive(int), "N", defaults.max_alias_nodes, "YAML aliases may add at most N nodes"),
        ("--max-int-digits", _int_digits, "N", defaults.max_int_digits, "integers longer than N digits are refused"),
    )
    return common


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specpipe", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common_options()

    extract = commands.add_parser(
        "extract", parents=[common], help="vendor the OpenAPI document embedded in a published page"
    )
    extract.add_argument("page", type=Path, help="markdown or HTML docs page, or raw JSON")
    extract.add_argument("-o", "--output", type=Path, required=True, help="where to write the document")
    extract.add_argument("--source", help="name or URL recorded in the provenance (default: the file name)")
    extract.add_argument(
        "--root", type=Path, default=Path.cwd(), help="repository root, for the journal (default: cwd)"
    )
    extract.set_defaults(handler=_cmd_extract)

    overlay = commands.add_parser("overlay", parents=[common], help="apply Overlay documents to a spec, in order")
    overlay.add_argument("spec", type=Path)
    overlay.add_argument("overlays", type=Path, nargs="+", metavar="OVERLAY")
    overlay.add_argument("-o", "--output", type=Path, help="write JSON here instead of stdout")
    overlay.add_argument("--lenient", action="store_true", help="a target matching nothing is a warning")
    overlay.set_defaults(handler=_cmd_overlay)

    doctor = commands.add_parser("doctor", parents=[common], help="validate a spec and every documented example")
    doctor.add_argument("spec", type=Path)
    doctor.add_argument(
        "--suggest", type=Path, metavar="FILE", help="write an Overlay fixing what the examples prove (YAML)"
    )
    doctor.set_defaults(handler=_cmd_doctor)

    for name, handler, text, operand in (
        ("diff", _cmd_diff, "semantic diff of two OpenAPI 3.x documents, or of two repository roots", "document"),
        ("api-diff", _cmd_api_diff, "diff the public Python API of two versions of the client", "folder"),
    ):
        diff = commands.add_parser(name, parents=[common], help=text)
        optional = "?" if name == "diff" else None  # diff --list-checks needs no documents
        diff.add_argument("old", type=Path, nargs=optional, help=f"old {operand}")
        diff.add_argument("new", type=Path, nargs=optional, help=f"new {operand}")
        diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
        diff.add_argument(
            "--fail-on", choices=("breaking", "any", "never"), default="breaking", help="exit 1 at this level"
        )
        diff.set_defaults(handler=handler)
        if name == "diff":
            diff.add_argument("--today", type=_day, help="the date sunsets are measured against (default: today)")
            diff.add_argument("--list-checks", action="store_true", help="list every check id and its status")

    sync = commands.add_parser(
        "sync", parents=[common], help="fetch the published document; if it changed, vendor, regenerate, report"
    )
    sync.add_argument(
        "location",
        nargs="?",
        help="read one source from here (http(s) URL or file) instead of its manifest URL (default: all from theirs)",
    )
    sync.add_argument(
        "--for", dest="for_source", metavar="NAME", help="the source LOCATION is for (needed with several sources)"
    )
    sync.add_argument(
        "--from",
        dest="pages",
        type=_page,
        action="append",
        default=[],
        metavar="NAME=LOCATION",
        help="read source NAME from LOCATION (repeatable)",
    )
    sync.add_argument("--report", type=Path, help="also write the markdown report here (only when changed)")
    sync.add_argument(
        "--suggest", type=Path, metavar="FILE", help="when doctor stops the sync, write the overlay it suggests here"
    )
    sync.add_argument(
        "--outputs",
        type=Path,
        help="append changed=, breaking=, bump=, api_version= lines here (for $GITHUB_OUTPUT)",
    )
    sync.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
    fetch = FetchLimits()
    _limit_options(
        sync,
        ("--max-download", _positive(int), "BYTES", fetch.max_bytes, "body size cap, on the wire and decompressed"),
        ("--fetch-timeout", _positive(float), "SECONDS", fetch.timeout, "deadline for the whole download"),
    )
    sync.set_defaults(handler=_cmd_sync)

    release = commands.add_parser(
        "release",
        parents=[common],
        help="next client version from both diffs since the last v* tag; ledger, client, CHANGELOG",
    )
    release.add_argument("--today", type=_day, help="the release date (default: today, UTC)")
    release.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
    release.set_defaults(handler=_cmd_release)

    for name, handler, text in (
        ("generate", _cmd_generate, "overlay, doctor, regenerate generated/ (all or nothing)"),
        ("check", _cmd_check, "fail with a diff when generated/ is not what generation produces"),
    ):
        command = commands.add_parser(name, parents=[common], help=text)
        command.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
        command.set_defaults(handler=handler)
    return parser


def _failure(error: Exception) -> str:
    """The cause of a failure, for a message; for an OS error, the file first."""
    if isinstance(error, SpecpipeError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        path = error.filename2 if error.filename2 is not None else error.filename
        return f"{path}: {error.strerror}" if path is not None else error.strerror
    if isinstance(error, RecursionError):
        return "the input nests too deeply for this step (lower --max-nesting so it is refused when read)"
    # Anything else is a bug of ours; still one line (run with --debug for the traceback).
    return " ".join(f"unexpected {type(error).__name__}: {error}".split())


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler: Handler = args.handler
    limits = Limits(args.max_nesting, args.max_alias_nodes, args.max_int_digits)
    try:
        with reading_limits(limits):
            return handler(args)
    except Exception as exc:  # every failure ends in exit 2 and one message, never a traceback
        if args.debug:
            traceback.print_exc()
        print(f"specpipe {args.command}: error: {_failure(exc)}", file=sys.stderr)
        return EXIT_ERROR
