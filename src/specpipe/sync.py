"""``specpipe sync SOURCE``: take HeyGen's published document and, when it changed, update everything at once.

Fetch (a file or an http(s) URL, bounded: ``specpipe.fetch``) → extract → compare with
``openapi/heygen-api.json`` (a document with another ``info.title`` is another API: refused unless
allowed). Unchanged: nothing is written. Changed: the new document must first pass our overlay (strictly) and doctor, in memory, so
an upstream rename under one of our fixes stops the sync before anything is written. Then the vendored
document and its provenance are written, the client regenerated, both diffs taken and the report
prepended to CHANGELOG.md; if any of that fails, every file and folder is put back (all or nothing).

The spec diff compares the *effective* specs (old and new vendored document, each with today's overlay)
rather than the two vendored documents: the report is for teams using the client, and the effective
spec is what the client is generated from. An upstream change that our overlay already made (HeyGen
fixing a defect we patched) is no change for them, and the overlay's own edits do not appear as noise.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specpipe import documents
from specpipe.api_diff import api_diff
from specpipe.diff import DiffReport, compare, render
from specpipe.errors import SpecpipeError, SyncError
from specpipe.extract import extract_info_version, extract_page, provenance_path, write_vendored
from specpipe.fetch import fetch
from specpipe.generate import effective_spec, generate
from specpipe.limits import FetchLimits
from specpipe.project import Project
from specpipe.version import read_ledger

CHANGELOG_TITLE = "# Changelog\n"


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a sync did; ``report`` is ``None`` when the published document had not changed."""

    source: str
    upstream_version: str | None
    report: str | None = None
    package_version: str | None = None
    spec: DiffReport | None = None
    client: DiffReport | None = None


def _effective(project: Project, spec: dict[str, Any], source: str) -> dict[str, Any]:
    """The document as the client will see it; stops the sync when the overlay or doctor refuses it."""
    try:
        return effective_spec(project, spec)
    except SpecpipeError as exc:
        raise SyncError(f"{source}: sync: stopped before writing anything: {exc}") from exc


class _Undo:
    """Copies of everything sync writes, put back if a later step fails."""

    def __init__(self, backup: Path) -> None:
        self._backup = backup
        self._files: dict[Path, bytes | None] = {}
        self._trees: dict[Path, Path] = {}

    def save_file(self, path: Path) -> None:
        self._files[path] = path.read_bytes() if path.exists() else None

    def save_tree(self, path: Path) -> Path:
        copy = self._backup / f"tree-{len(self._trees)}"
        shutil.copytree(path, copy, ignore=shutil.ignore_patterns("__pycache__"))
        self._trees[path] = copy
        return copy

    def restore(self) -> None:
        for path, data in self._files.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
        for path, copy in self._trees.items():
            shutil.rmtree(path, ignore_errors=True)
            shutil.copytree(copy, path)


def _nested(markdown: str, title: str) -> str:
    """A diff's markdown section (``## API changes`` …) retitled and moved one heading level down."""
    _, _, body = markdown.partition("\n")
    lines = (f"#{line}" if line.startswith("#") else line for line in body.splitlines(keepends=True))
    return f"### {title}\n{''.join(lines)}"


def compose_report(
    *,
    source: str,
    today: dt.date,
    upstream: tuple[str | None, str | None],
    package: tuple[str | None, str],
    spec: DiffReport,
    client: DiffReport,
) -> str:
    """One markdown section for a pull request body and CHANGELOG.md: both diffs under one heading."""
    old_upstream, new_upstream = upstream
    old_package, new_package = package
    return (
        f"## {new_package} ({today.isoformat()})\n\n"
        f"HeyGen's OpenAPI document `{old_upstream}` → `{new_upstream}` from {source}; "
        f"package version `{old_package}` → `{new_package}`.\n\n"
        + _nested(render(spec, "markdown"), "Spec changes (the effective spec the client is generated from)")
        + "\n"
        + _nested(render(client, "markdown"), "Client API changes (`heygen_api_client`)")
    )


def prepend_changelog(changelog: str | None, section: str) -> str:
    """``section`` above the newest entry, below the title and preamble."""
    text = changelog if changelog is not None else f"{CHANGELOG_TITLE}\n"
    at = text.find("\n## ")
    if at < 0:
        return f"{text.rstrip()}\n\n{section}"
    return f"{text[: at + 1]}{section}\n{text[at + 1 :]}"


def _title(document: dict[str, Any]) -> Any:
    info = document.get("info")
    return info.get("title") if isinstance(info, dict) else None


def _same_api(old_spec: dict[str, Any], new_spec: dict[str, Any], source: str, vendored: Path) -> None:
    """Refuse a document of another API (another ``info.title``): its version line is not ours to continue."""
    old, new = _title(old_spec), _title(new_spec)
    if old != new:
        raise SyncError(
            f"{source}: sync: the page publishes {new!r}, not {old!r} ({vendored}): another API, whose "
            "versions do not continue ours; nothing was written (pass --allow-new-api to vendor it anyway)"
        )


def sync(
    project: Project,
    source: str,
    today: dt.date | None = None,
    *,
    fetch_limits: FetchLimits | None = None,
    allow_new_api: bool = False,
) -> SyncResult:
    """``specpipe sync SOURCE``: see the module docstring for the steps and the guarantees."""
    page = fetch(source, fetch_limits)
    extracted = extract_page(page, source)
    new_spec = extracted.document
    new_version = extract_info_version(new_spec)
    old_text = project.vendored_spec.read_text(encoding="utf-8") if project.vendored_spec.exists() else None
    if old_text == documents.dumps(new_spec):
        return SyncResult(source, new_version)
    if old_text is None or not project.client.is_dir():
        raise SyncError(f"{project.root}: sync: run `specpipe extract` and `specpipe generate` before syncing")
    old_spec = documents.load_mapping(project.vendored_spec)
    if not allow_new_api:
        _same_api(old_spec, new_spec, source, project.vendored_spec)
    spec_report = compare(
        _effective(project, old_spec, str(project.vendored_spec)),
        _effective(project, new_spec, source),
        old_name=f"{project.vendored_spec} (effective)",
        new_name=f"{source} (effective)",
    )
    old_ledger = read_ledger(project.version_ledger)
    day = today or dt.datetime.now(dt.UTC).date()
    changelog = project.changelog
    with tempfile.TemporaryDirectory(prefix="specpipe-sync-") as tmp:
        undo = _Undo(Path(tmp))
        for path in (project.vendored_spec, provenance_path(project.vendored_spec), changelog):
            undo.save_file(path)
        old_client = undo.save_tree(project.generated) / project.client.name
        try:
            write_vendored(extracted, page, source, project.vendored_spec, day)
            new_ledger = generate(project)
            client_report = api_diff(old_client, project.client)
            report = compose_report(
                source=source,
                today=day,
                upstream=(extract_info_version(old_spec), new_version),
                package=(old_ledger.version if old_ledger else None, new_ledger.version),
                spec=spec_report,
                client=client_report,
            )
            old_changelog = changelog.read_text(encoding="utf-8") if changelog.exists() else None
            documents.write_atomic(changelog, prepend_changelog(old_changelog, report))
        except SpecpipeError as exc:
            undo.restore()
            raise SyncError(f"{source}: sync: {exc} (openapi/, generated/ and CHANGELOG.md were restored)") from exc
        except BaseException:
            undo.restore()
            raise
    return SyncResult(source, new_version, report, new_ledger.version, spec_report, client_report)
