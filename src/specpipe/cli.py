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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specpipe.errors import GenerateError, SpecpipeError
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


def _recover(root: Path, *outside: Path) -> None:
    """Every command that writes first finishes or undoes an interrupted one (``specpipe.transaction``);
    ``outside``: the files outside the root this command line names, which its journal may hold."""
    from specpipe.transaction import recover

    recovered = recover(root, outside)
    if recovered is not None:
        print(f"specpipe: {recovered}", file=sys.stderr)


def _cmd_extract(args: argparse.Namespace) -> int:
    from specpipe.extract import provenance_path, vendor

    _recover(args.root, args.output, provenance_path(args.output))
    vendor(args.page, args.output, args.source, args.root, _fetch_limits(args))
    print(f"extracted {args.page} -> {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_overlay(args: argparse.Namespace) -> int:
    from specpipe import documents
    from specpipe.locations import read_document
    from specpipe.overlay import apply_overlays, load_overlay

    spec = read_document(args.spec, "overlay", _fetch_limits(args))
    overlays = [load_overlay(path) for path in args.overlays]
    result = apply_overlays(spec, overlays, strict=not args.lenient, in_place=True)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    _emit(documents.dumps(result.document), args.output)
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace) -> int:
    from specpipe import locations
    from specpipe.doctor import diagnose, upstream_claims
    from specpipe.overlay import load_overlay
    from specpipe.overlay.stale import find_stale, write_pruned

    spec = locations.read_document(args.spec, "doctor", _fetch_limits(args))
    findings = upstream_claims(spec) if args.overlay else []
    result, stale = find_stale(spec, [load_overlay(path) for path in args.overlay], in_place=True)
    findings += diagnose(result.document)
    for action in stale:
        print(action)
    for finding in findings:
        print(f"{args.spec}#{finding}")
    _sunset_warnings(result.document, args.today)
    print(f"{len(findings)} finding(s) in {args.spec}, {len(stale)} stale overlay action(s)", file=sys.stderr)
    _warn_unnamed(result.document, args.spec)
    if args.suggest is not None and stale:
        print(write_pruned(stale, args.suggest), file=sys.stderr)
    elif args.suggest is not None:
        from specpipe.doctor.suggest import write_suggestion

        written = write_suggestion(result.document, findings, args.suggest, locations.name(args.spec), names=True)
        print(written, file=sys.stderr)
    return EXIT_FINDINGS if findings or stale else EXIT_OK


def _sunset_warnings(document: dict[str, Any], today: date | None) -> None:
    """Warn (never fail) about each operation past its sunset (``specpipe.sunset``)."""
    from specpipe.sunset import past_sunset

    for warning in past_sunset(document, today or datetime.now(UTC).date()):
        print(f"warning: {warning}", file=sys.stderr)


def _warn_unnamed(spec: dict[str, Any], location: str) -> None:
    """Doctor's warnings (printed on stderr, never failing): names the generator would make up."""
    from specpipe.doctor.naming import unnamed_operations

    warnings = unnamed_operations(spec)
    for warning in warnings:
        print(f"warning: {location}#{warning}", file=sys.stderr)
    if warnings:
        print(f"{len(warnings)} warning(s) in {location} (not failing; --suggest proposes names)", file=sys.stderr)


def _cmd_generate(args: argparse.Namespace) -> int:
    from specpipe.generate import regenerate
    from specpipe.project import Project

    _recover(args.root)
    print(_generated_summary(regenerate(Project.at(args.root))), file=sys.stderr)
    return EXIT_OK


def _generated_summary(changed: list[Path], shown: int = 10) -> str:
    """What ``generate`` changed, truthfully: the files (the first ``shown``) or that nothing changed."""
    if not changed:
        return "generated/ is up to date with openapi/ + overlay/ + generator-config.yaml (nothing changed)"
    names = ", ".join(path.as_posix() for path in changed[:shown])
    more = f" and {len(changed) - shown} more" if len(changed) > shown else ""
    return f"generated/: {len(changed)} file(s) changed: {names}{more}"


def _cmd_check(args: argparse.Namespace) -> int:
    from specpipe.generate import drift
    from specpipe.project import Project

    project = Project.at(args.root)
    diff = drift(project)
    if project.effective_spec.exists():
        from specpipe import documents

        _sunset_warnings(documents.load_mapping(project.effective_spec), args.today)
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
    excused = f", {len(report.excused)} excused" if report.excused else ""
    print(f"{len(report.changes)} change(s): {counts}{excused}", file=sys.stderr)
    for entry in report.unused_exceptions:
        print(f"warning: {entry} excused nothing: a stale exception, remove it once released", file=sys.stderr)
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
    if Path(args.old).is_dir() and Path(args.new).is_dir():
        return _report_roots(args)
    exceptions = None
    if args.exceptions is not None:
        from specpipe.diff.exceptions import load_exceptions

        exceptions = load_exceptions(args.exceptions)
    limits = _fetch_limits(args)
    return _report(
        compare_files(args.old, args.new, today=args.today, exceptions=exceptions, fetch_limits=limits), args
    )


def _report_roots(args: argparse.Namespace) -> int:
    """``diff OLD_ROOT NEW_ROOT``: each source and the effective spec; the exit code is the worst of them."""
    from specpipe.diff import DiffReport, Level
    from specpipe.diff_sources import diff_roots, render_roots

    reports = diff_roots(Path(args.old), Path(args.new), today=args.today)
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

    _recover(args.root, *([args.report] if args.report is not None else []))
    limits = _fetch_limits(args)
    result = sync(
        Project.at(args.root),
        args.location,
        report_file=args.report,
        suggest=args.suggest,
        for_source=args.for_source,
        pages=dict(args.pages),
        fetch_limits=limits,
    )
    if args.verdict is not None:
        _emit(result.verdict_json(), args.verdict)
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
    from specpipe.release import NothingToRelease, release

    try:
        result = release(Project.at(args.root), args.today, allow_empty=args.allow_empty)
    except NothingToRelease as exc:
        print(f"specpipe release: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    if result.recovered is not None:
        print(f"specpipe: {result.recovered}", file=sys.stderr)
    if result.base is None:
        print(
            f"specpipe release: {result.version} is already prepared in the working tree: nothing written",
            file=sys.stderr,
        )
    sys.stdout.write(result.section)
    for entry in result.spec.unused_exceptions if result.spec is not None else ():
        print(f"warning: {entry} excused nothing since the last release: a stale exception", file=sys.stderr)
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


def _fetch_options() -> argparse.ArgumentParser:
    """The bounds of a download, for every command that reads a document from an http(s) URL."""
    parent = argparse.ArgumentParser(add_help=False)
    fetch = FetchLimits()
    _limit_options(
        parent.add_argument_group("download limits (an http(s) URL as input)"),
        ("--max-download", _positive(int), "BYTES", fetch.max_bytes, "body size cap, on the wire and decompressed"),
        ("--fetch-timeout", _positive(float), "SECONDS", fetch.timeout, "deadline for the whole download"),
    )
    return parent


def _fetch_limits(args: argparse.Namespace) -> FetchLimits:
    return FetchLimits(max_bytes=args.max_download, timeout=args.fetch_timeout)


class _Help(argparse.RawDescriptionHelpFormatter):
    """Every option's default in its help (``--fail-on``: breaking) unless the help already says it or
    there is none; descriptions keep their line breaks."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if not action.option_strings or "default" in text or action.default in (None, False, argparse.SUPPRESS):
            return action.help
        return f"{text} (default: %(default)s)"


_DESCRIPTION = """\
Keep a Python client of the HeyGen API in step with HeyGen's published OpenAPI document:
take the document out of a docs page (extract, sync), patch it with OpenAPI Overlays (overlay),
check it (doctor), generate the client into generated/ (generate, check), compare two versions
of the document or of the client (diff, api-diff), and cut a release (release)."""

_EPILOG = """\
exit codes: 0 success; 1 the command ran and found something (doctor findings, drift,
a diff at the --fail-on level); 2 it could not run (bad input, a reading limit, a failed
step): one line on stderr, and with --format json an {"error": ...} object on stdout.
Run `specpipe COMMAND --help` for what a command does and its options."""

# Each command's own --help: what it does, what it reads and writes, when it fails.
_COMMANDS = {
    "extract": """\
Find the one OpenAPI document in a published docs page and write it to OUTPUT, with its
provenance beside it (OUTPUT's .source.json: source, page format, date, checksums).
A page is markdown with the document in a ```json or ````yaml fence, or HTML with it in a
<pre>/<code> block; raw JSON is taken as it is. PAGE is a file or an http(s) URL.""",
    "overlay": """\
Apply OpenAPI Overlay 1.0 documents to SPEC, in the order given, and print the result as JSON.
Strict unless --lenient: an action whose target matches nothing is an error, since it means
the document moved under the fix. SPEC is a file or an http(s) URL, the document itself
(JSON or YAML) or a docs page embedding it.""",
    "doctor": """\
Check SPEC: valid OpenAPI for its version, unique operationIds, path parameters matching
their path, every schema against its meta-schema, and every documented example against its
schema. Each finding is printed as POINTER: RULE: MESSAGE and makes the exit code 1.
Warnings (an operation with no operationId or no tag, whose client names the generator would
make up) are printed too but do not fail. --suggest writes an Overlay with the fixes the
examples prove, and names for such operations. SPEC is a file or URL, raw or a docs page.""",
    "diff": """\
Compare two OpenAPI 3.x documents and classify every change as breaking, warning or info
(--list-checks lists each rule). Exit 1 when a change reaches the --fail-on level.
OLD and NEW are files or http(s) URLs, the documents themselves (JSON or YAML) or docs pages.""",
    "api-diff": """\
Compare the public Python API (modules, classes, functions and their signatures) of two
checkouts of the generated client, e.g. generated/heygen-api-client at two commits.""",
    "sync": """\
Fetch the published document; if it differs from openapi/heygen-api.json, vendor it,
regenerate the client and prepend a report (spec and client changes, the version bump they
call for) to CHANGELOG.md, all in one transaction. Unchanged: nothing is written.""",
    "release": """\
Decide the next client version from the spec and client diffs since the last v* tag, then
update the version ledger, generated/ and CHANGELOG.md. Refused with uncommitted changes.""",
    "generate": """\
Apply overlay/ to openapi/heygen-api.json, run doctor, and regenerate generated/ with the
pinned openapi-python-client and templates/: all or nothing. Says which files changed.""",
    "check": """\
Build the client afresh in a temporary folder and compare it with generated/: exit 1 with
a diff when they differ (run `specpipe generate`). Writes nothing.""",
}


def _describe(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Give every command its description and the help layout that shows defaults."""
    for name, command in commands.choices.items():
        command.description = _COMMANDS[name]
        command.formatter_class = _Help


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("specpipe")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _add_doctor(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parents: list[argparse.ArgumentParser]
) -> None:
    doctor = commands.add_parser("doctor", parents=parents, help="validate a spec and every documented example")
    doctor.add_argument("spec", help="the OpenAPI document: a file or an http(s) URL, raw or a docs page")
    doctor.add_argument(
        "--overlay",
        type=Path,
        action="append",
        default=[],
        metavar="OVERLAY",
        help="apply this Overlay first, strictly (repeatable, in order); its actions that change nothing are findings",
    )
    doctor.add_argument(
        "--suggest",
        type=Path,
        metavar="FILE",
        help="write the overlay without its stale actions, else an Overlay fixing what the examples prove (YAML)",
    )
    doctor.add_argument("--today", type=_day, help="the date sunsets are measured against (default: today, UTC)")
    doctor.set_defaults(handler=_cmd_doctor)


def _add_sync(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], parents: list[argparse.ArgumentParser]
) -> None:
    sync = commands.add_parser(
        "sync", parents=parents, help="fetch the published document; if it changed, vendor, regenerate, report"
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
        help="append changed, breaking, bump, api_version, version here in $GITHUB_OUTPUT's delimited form",
    )
    sync.add_argument(
        "--verdict",
        type=Path,
        metavar="FILE",
        help="write the verdict as JSON here: changed, breaking, bump, api_version, version (for jq/fromJSON)",
    )
    sync.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
    sync.set_defaults(handler=_cmd_sync)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="specpipe", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Help)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common_options()
    fetching = [common, _fetch_options()]  # commands that may read a document from an http(s) URL

    extract = commands.add_parser(
        "extract", parents=fetching, help="vendor the OpenAPI document embedded in a published page"
    )
    extract.add_argument("page", help="markdown or HTML docs page, or raw JSON: a file or an http(s) URL")
    extract.add_argument("-o", "--output", type=Path, required=True, help="where to write the document")
    extract.add_argument("--source", help="name or URL recorded in the provenance (default: the file name)")
    extract.add_argument(
        "--root", type=Path, default=Path.cwd(), help="repository root, for the journal (default: cwd)"
    )
    extract.set_defaults(handler=_cmd_extract)

    overlay = commands.add_parser("overlay", parents=fetching, help="apply Overlay documents to a spec, in order")
    overlay.add_argument("spec", help="the OpenAPI document: a file or an http(s) URL, raw or a docs page")
    overlay.add_argument("overlays", type=Path, nargs="+", metavar="OVERLAY", help="an Overlay document (JSON or YAML)")
    overlay.add_argument("-o", "--output", type=Path, help="write JSON here instead of stdout")
    overlay.add_argument("--lenient", action="store_true", help="a target matching nothing is a warning")
    overlay.set_defaults(handler=_cmd_overlay)

    _add_doctor(commands, fetching)

    documents_or_folders = {"diff": str, "api-diff": Path}  # a document may be a URL; a client tree is a folder
    for name, handler, text, operand in (
        (
            "diff",
            _cmd_diff,
            "semantic diff of two OpenAPI 3.x documents (files, URLs or docs pages), or of two repository roots",
            "document",
        ),
        ("api-diff", _cmd_api_diff, "diff the public Python API of two versions of the client", "folder"),
    ):
        diff = commands.add_parser(name, parents=fetching if name == "diff" else [common], help=text)
        optional = "?" if name == "diff" else None  # diff --list-checks needs no documents
        diff.add_argument("old", type=documents_or_folders[name], nargs=optional, help=f"old {operand}")
        diff.add_argument("new", type=documents_or_folders[name], nargs=optional, help=f"new {operand}")
        diff.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="report format")
        diff.add_argument(
            "--fail-on", choices=("breaking", "any", "never"), default="breaking", help="exit 1 at this level"
        )
        diff.set_defaults(handler=handler)
        if name == "diff":
            diff.add_argument("--today", type=_day, help="the date sunsets are measured against (default: today)")
            diff.add_argument("--list-checks", action="store_true", help="list every check id and its status")
            diff.add_argument(
                "--exceptions",
                type=Path,
                metavar="FILE",
                help="reviewed exceptions (rule id, operation, reason): those changes are listed as excused",
            )

    _add_sync(commands, fetching)

    release = commands.add_parser(
        "release",
        parents=[common],
        help="next client version from both diffs since the last v* tag; ledger, client, CHANGELOG",
    )
    release.add_argument("--today", type=_day, help="the release date (default: today, UTC)")
    release.add_argument(
        "--allow-empty",
        action="store_true",
        help="release (a patch) even when the client is what the last release shipped",
    )
    release.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
    release.set_defaults(handler=_cmd_release)

    for name, handler, text in (
        ("generate", _cmd_generate, "overlay, doctor, regenerate generated/ (all or nothing)"),
        ("check", _cmd_check, "fail with a diff when generated/ is not what generation produces"),
    ):
        command = commands.add_parser(name, parents=[common], help=text)
        command.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
        command.set_defaults(handler=handler)
        if name == "check":
            command.add_argument("--today", type=_day, help="the date sunsets are measured against (default: today)")
    _describe(commands)
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
        message = _failure(exc)
        print(f"specpipe {args.command}: error: {message}", file=sys.stderr)
        if getattr(args, "format", None) == "json":
            sys.stdout.write(_json_error(args.command, exc, message))
        return EXIT_ERROR


def _json_error(command: str, error: Exception, message: str) -> str:
    """What ``--format json`` prints on exit 2, so a machine reader always gets JSON on stdout:
    ``{"error": {"command": ..., "step": ..., "message": ...}}``, ``step`` the failed step (generate's
    names its own, e.g. "doctor"), ``message`` the line printed on stderr."""
    import json

    step = error.step if isinstance(error, GenerateError) else command
    return json.dumps({"error": {"command": command, "step": step, "message": message}}, indent=2) + "\n"
