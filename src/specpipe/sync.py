"""``specpipe sync SOURCE``: take HeyGen's published document and, when it changed, update everything at once.

Fetch (a file or an http(s) URL, bounded: ``specpipe.fetch``) → extract → compare with
``openapi/heygen-api.json`` (a document with another ``info.title`` is another API: refused unless
allowed). Unchanged: nothing is written. Changed: the new document must first pass our overlay (strictly) and doctor, in memory, so
an upstream rename under one of our fixes stops the sync before anything is written. Then the vendored
document and its provenance are written, the client regenerated, both diffs taken and the report
prepended to CHANGELOG.md, all in one transaction (all or nothing, and a killed sync is finished or
undone by the next run: see ``specpipe.transaction``).

The spec diff compares the *effective* specs (old and new vendored document, each with today's overlay)
rather than the two vendored documents: the report is for teams using the client, and the effective
spec is what the client is generated from. An upstream change that our overlay already made (HeyGen
fixing a defect we patched) is no change for them, and the overlay's own edits do not appear as noise.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specpipe import documents, transaction
from specpipe.api_diff import api_diff
from specpipe.changelog import UNRELEASED, add_unreleased, compose_report
from specpipe.diff import DiffReport, compare
from specpipe.diff.exceptions import load_if_present
from specpipe.doctor.suggest import suggest_after_overlays
from specpipe.errors import GenerateError, SpecpipeError, SyncError
from specpipe.extract import extract_page, vendored_files
from specpipe.fetch import fetch
from specpipe.generate import effective_spec, stage
from specpipe.github_output import output_lines
from specpipe.limits import FetchLimits
from specpipe.overlay import load_overlay
from specpipe.overlay.stale import find_stale, write_pruned
from specpipe.project import Project
from specpipe.sunset import markdown_section, past_sunset
from specpipe.version import Bump, decide_bump


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What a sync did; ``report`` is ``None`` when the published document had not changed."""

    source: str
    upstream_version: str | None
    report: str | None = None
    package_version: str | None = None
    spec: DiffReport | None = None
    client: DiffReport | None = None

    @property
    def bump(self) -> Bump | None:
        """What this change alone asks of the next release (``specpipe release`` decides from the last tag)."""
        return None if self.spec is None or self.client is None else decide_bump((self.spec, self.client))

    def verdict(self) -> dict[str, Any]:
        """What the upstream-sync workflow decides on (its pull request, title and label), as JSON values."""
        bump = self.bump
        return {
            "changed": self.report is not None,
            "breaking": bump is Bump.MAJOR,
            "bump": bump.label if bump is not None else None,
            "api_version": self.upstream_version,
            "version": self.package_version,
        }

    def verdict_json(self) -> str:
        """``verdict()`` as one JSON document (the workflow reads it with ``jq``: no value can forge a key)."""
        return json.dumps(self.verdict(), indent=2, ensure_ascii=False) + "\n"

    def outputs(self) -> str:
        """``verdict()`` for GitHub Actions' ``$GITHUB_OUTPUT``, each value delimited (``github_output``)."""
        values = {
            name: str(value).lower() if isinstance(value, bool) else value or ""
            for name, value in self.verdict().items()
        }
        return output_lines(values)


def _effective(project: Project, spec: dict[str, Any], source: str, suggest: Path | None = None) -> dict[str, Any]:
    """The document as the client will see it; stops the sync when the overlay or doctor refuses it,
    first writing the overlay doctor's findings suggest to ``suggest`` (never applied: a person decides)."""
    try:
        return effective_spec(project, spec)
    except SpecpipeError as exc:
        note = ""
        if suggest is not None and isinstance(exc, GenerateError) and exc.step == "doctor":
            note = f"\n{suggest_after_overlays(project, spec, suggest, Path(source).name or source)}"
        raise SyncError(f"{source}: sync: stopped before writing anything: {exc}{note}") from exc


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


def _review(
    project: Project, new_spec: dict[str, Any], effective: dict[str, Any], day: dt.date, suggest: Path | None
) -> str:
    """What the report tells a reviewer beyond the diffs: overlay actions the new document made stale
    (with ``suggest``, the overlay without them is written there) and operations past their sunset."""
    _, stale = find_stale(new_spec, [load_overlay(path) for path in project.overlays])
    if stale and suggest is not None:
        write_pruned(stale, suggest)
    return markdown_section([str(action) for action in stale], past_sunset(effective, day))


def sync(
    project: Project,
    source: str,
    today: dt.date | None = None,
    report_file: Path | None = None,
    suggest: Path | None = None,
    *,
    fetch_limits: FetchLimits | None = None,
    allow_new_api: bool = False,
) -> SyncResult:
    """``specpipe sync SOURCE``: see the module docstring for the steps and the guarantees.

    One transaction (``specpipe.transaction``) writes the vendored document, its provenance,
    ``generated/``, CHANGELOG.md and ``report_file``; an interrupted sync is recovered before comparing,
    so a re-run after a kill always ends with all of them new (or, killed before its commit mark, syncs anew).
    """
    project.require("sync", project.generator_config)
    named = [report_file] if report_file is not None else []
    transaction.recover(project.root, named)
    page = fetch(source, fetch_limits)
    extracted = extract_page(page, source)
    new_spec = extracted.document
    new_version = documents.info_version(new_spec)
    old_text = project.vendored_spec.read_text(encoding="utf-8") if project.vendored_spec.exists() else None
    if old_text == documents.dumps(new_spec):
        return SyncResult(source, new_version)
    if old_text is None or not project.client.is_dir():
        raise SyncError(f"{project.root}: sync: run `specpipe extract` and `specpipe generate` before syncing")
    old_spec = documents.load_mapping(project.vendored_spec)
    if not allow_new_api:
        _same_api(old_spec, new_spec, source, project.vendored_spec)
    new_effective = _effective(project, new_spec, source, suggest)
    spec_report = compare(
        _effective(project, old_spec, str(project.vendored_spec)),
        new_effective,
        old_name=f"{project.vendored_spec} (effective)",
        new_name=f"{source} (effective)",
        exceptions=load_if_present(project.diff_exceptions),
    )
    day = today or dt.datetime.now(dt.UTC).date()
    review = _review(project, new_spec, new_effective, day, suggest)
    rerun = shlex.join(["specpipe", "sync", source, *(["--report", str(report_file)] if report_file else [])])
    with transaction.begin(project.root, "sync", rerun, named) as changes:
        try:
            for path, text in vendored_files(extracted, page, source, project.vendored_spec, day).items():
                changes.add_text(path, text)
            new_ledger, new_client = stage(project, changes, new_spec)
            client_report = api_diff(project.client, new_client)
            bump = decide_bump((spec_report, client_report)).label
            report = compose_report(
                heading=f"{UNRELEASED} ({day.isoformat()})",
                summary=(
                    f"HeyGen's OpenAPI document `{documents.info_version(old_spec)}` → `{new_version}` from {source}; "
                    f"client `{new_ledger.version}`: this change alone makes the next `specpipe release` a {bump} one."
                ),
                spec=spec_report,
                client=client_report,
            )
            report += f"\n{review}" if review else ""
            changelog = project.changelog
            old_changelog = changelog.read_text(encoding="utf-8") if changelog.exists() else None
            changes.add_text(changelog, add_unreleased(old_changelog, day.isoformat(), report))
            if report_file is not None:
                changes.add_text(report_file, report)
        except SpecpipeError as exc:
            raise SyncError(f"{source}: sync: {exc} (nothing was changed)") from exc
    return SyncResult(source, new_version, report, new_ledger.version, spec_report, client_report)
