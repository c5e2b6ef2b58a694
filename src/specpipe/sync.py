"""``specpipe sync [LOCATION --for NAME]``: take HeyGen's published documents and, when one changed, update everything at once.

Every source of ``openapi/sources.yaml`` is read from its manifest URL (or, for the one source named by
``--for``, from LOCATION: a file or a URL, as the upstream-sync workflow passes it), through the
bounded reader (``specpipe.fetch``), and extracted. A page whose ``info.title`` is not its manifest
entry's is another API and stops the sync naming the source. No document changed: nothing is written.
Otherwise the new documents must first make a doctor-clean effective spec (each overlaid strictly, then
merged), in memory, so an upstream rename under one of our fixes stops the sync before anything is
written. Then the changed vendored documents and their provenance, the regenerated client, the report
and CHANGELOG.md are written in one transaction for the whole sync (all or nothing, and a killed sync
is finished or undone by the next run: see ``specpipe.transaction``).

The report diffs each changed source (its vendored document, old → new) and the effective spec. The
effective spec's "before" is the committed ``generated/openapi.json``, never the old vendored documents
run again through today's overlays: an overlay edited in the same change (an action removed because
upstream removed its target) applies to the new documents only. The report is for teams using the
client, and the effective spec is what the client is generated from: an upstream change our overlay
already made is no change for them, and the overlay's own edits do not appear as noise.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specpipe import documents, transaction
from specpipe.api_diff import api_diff
from specpipe.changelog import UNRELEASED, add_unreleased, compose_report
from specpipe.diff import DiffReport, compare
from specpipe.diff.exceptions import load_if_present
from specpipe.doctor import diagnose
from specpipe.doctor.suggest import write_suggestion
from specpipe.errors import GenerateError, InputError, SpecpipeError, SyncError
from specpipe.extract import Extracted, extract_page, vendored_files
from specpipe.fetch import fetch
from specpipe.generate import effective_spec, sliced, source_spec, stage
from specpipe.github_output import output_lines
from specpipe.limits import FetchLimits
from specpipe.merge_sources import merged_version as merged_version_of
from specpipe.overlay import load_overlay
from specpipe.overlay.stale import find_stale, write_pruned
from specpipe.project import Project
from specpipe.sources import Source
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


def _suggest_after_overlays(project: Project, vendored: Mapping[str, dict[str, Any]], output: Path) -> str:
    """``write_suggestion`` for what doctor sees in ``project``: the first source whose document, with its
    own overlays applied, has findings, so the suggested actions go after ours in that source's overlay
    (``specpipe sync --suggest``)."""
    try:
        sources = project.sources()
        overlays = project.overlays_by_source(sources)
        for source in sources:
            effective = source_spec(project, source, dict(vendored[source.name]), overlays[source.name])
            findings = diagnose(effective)
            if findings:
                target = f"overlay/{source.name}.overlay.yaml"
                return write_suggestion(effective, findings, output, f"{source.name} (after {target})")
    except SpecpipeError as exc:  # the sync's own error (doctor's findings) stays the message's subject
        return f"no suggested overlay: {exc}"
    return "no suggested overlay: no single source has findings of its own (the merge brought them)"


def _effective(
    project: Project, vendored: dict[str, dict[str, Any]], source: str, suggest: Path | None = None
) -> dict[str, Any]:
    """The documents as the client will see them; stops the sync when an overlay, the merge or doctor refuses
    them, first writing the overlay doctor's findings suggest to ``suggest`` (never applied: a person decides)."""
    try:
        return effective_spec(project, vendored)
    except SpecpipeError as exc:
        note = ""
        if suggest is not None and isinstance(exc, GenerateError) and exc.step == "doctor":
            note = f"\n{_suggest_after_overlays(project, vendored, suggest)}"
        raise SyncError(f"{source}: sync: stopped before writing anything: {exc}{note}") from exc


def locations(
    sources: list[Source], location: str | None, for_source: str | None, pages: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Where each source is read from: its manifest URL, unless ``pages`` (name → location) or ``location``
    (for the source ``for_source`` names; the only source when there is one) say otherwise."""
    where = {source.name: source.url for source in sources}
    named = dict(pages or {})
    if location is not None:
        if for_source is None and len(sources) > 1:
            raise InputError(
                f"sync: {location}: the manifest lists {len(sources)} sources ({', '.join(where)}): "
                "say which one LOCATION is for with --for NAME"
            )
        named[for_source or sources[0].name] = location
    elif for_source is not None:
        raise InputError(f"sync: --for {for_source} names the source LOCATION is for, but no LOCATION was given")
    unknown = sorted(set(named) - set(where))
    if unknown:
        raise InputError(f"sync: no source named {', '.join(unknown)} in the manifest (one of: {', '.join(where)})")
    return where | named


@dataclass(frozen=True, slots=True)
class _Read:
    """One source as just read: the page's bytes, its document, and where they came from."""

    source: Source
    location: str
    page: bytes
    extracted: Extracted

    @property
    def document(self) -> dict[str, Any]:
        return self.extracted.document


def _read(source: Source, location: str, fetch_limits: FetchLimits | None) -> _Read:
    page = fetch(location, fetch_limits)
    extracted = extract_page(page, location)
    title = documents.info_title(extracted.document)
    if title != source.title:
        raise SyncError(
            f"{location}: sync: source {source.name}: the page publishes {title!r}, not {source.title!r} "
            "(the manifest's title): another API, whose versions do not continue this one; nothing was written"
        )
    return _Read(source, location, page, extracted)


def _review(
    project: Project, changed: list[_Read], effective: dict[str, Any], day: dt.date, suggest: Path | None
) -> str:
    """What the report tells a reviewer beyond the diffs: overlay actions the new documents made stale
    (with ``suggest``, the overlay without them is written there) and operations past their sunset."""
    overlays = project.overlays_by_source(project.sources())
    stale = [
        action
        for read in changed
        for action in find_stale(
            sliced(project, read.source, read.document), [load_overlay(path) for path in overlays[read.source.name]]
        )[1]
    ]
    if stale and suggest is not None:
        write_pruned(stale, suggest)
    return markdown_section([str(action) for action in stale], past_sunset(effective, day))


def sync(
    project: Project,
    location: str | None = None,
    today: dt.date | None = None,
    report_file: Path | None = None,
    suggest: Path | None = None,
    *,
    for_source: str | None = None,
    pages: Mapping[str, str] | None = None,
    fetch_limits: FetchLimits | None = None,
) -> SyncResult:
    """``specpipe sync``: see the module docstring for the steps and the guarantees.

    One transaction (``specpipe.transaction``) writes the changed vendored documents, their provenance,
    ``generated/``, CHANGELOG.md and ``report_file``; an interrupted sync is recovered before comparing,
    so a re-run after a kill always ends with all of them new (or, killed before its commit mark, syncs anew).
    """
    project.require("sync", project.manifest, project.generator_config)
    named = [report_file] if report_file is not None else []
    transaction.recover(project.root, named)
    sources = project.sources()
    where = locations(sources, location, for_source, pages)
    reads = [_read(source, where[source.name], fetch_limits) for source in sources]
    label = location or ", ".join(where.values())
    merged_version = merged_version_of([(read.source.name, read.document) for read in reads])
    changed = [read for read in reads if _old_text(project, read.source) != documents.dumps(read.document)]
    if not changed:
        return SyncResult(label, merged_version)
    if not project.effective_spec.exists() or not project.client.is_dir():
        raise SyncError(f"{project.root}: sync: run `specpipe generate` before syncing (generated/ is missing)")
    old_effective = documents.load_mapping(project.effective_spec)
    new_vendored = {read.source.name: read.document for read in reads}
    new_effective = _effective(project, new_vendored, label, suggest)
    spec_report = compare(
        old_effective,
        new_effective,
        old_name=f"{project.effective_spec} (committed)",
        new_name=f"{label} (effective)",
        exceptions=load_if_present(project.diff_exceptions),
    )
    source_reports = {read.source.name: _source_diff(project, read) for read in changed}
    day = today or dt.datetime.now(dt.UTC).date()
    review = _review(project, changed, new_effective, day, suggest)
    rerun = shlex.join(
        [
            "specpipe",
            "sync",
            *([location] if location else []),
            *(["--for", for_source] if for_source else []),
            *(f"--from={name}={page}" for name, page in (pages or {}).items()),
            *(["--report", str(report_file)] if report_file else []),
        ]
    )
    with transaction.begin(project.root, "sync", rerun, named) as changes:
        try:
            for read in changed:
                files = vendored_files(
                    read.extracted,
                    read.page,
                    read.source.url,
                    project.vendored(read.source.name),
                    day,
                    read_from=read.location,
                )
                for path, text in files.items():
                    changes.add_text(path, text)
            new_ledger, new_client = stage(project, changes, new_vendored)
            client_report = api_diff(project.client, new_client)
            bump = decide_bump((spec_report, client_report)).label
            versions = ", ".join(
                f"`{read.source.name}` `{_old_version(project, read.source)}` → `{documents.info_version(read.document)}`"
                for read in changed
            )
            report = compose_report(
                heading=f"{UNRELEASED} ({day.isoformat()})",
                summary=(
                    f"HeyGen's OpenAPI documents: {versions} from {label}; "
                    f"client `{new_ledger.version}`: this change alone makes the next `specpipe release` a {bump} one."
                ),
                spec=spec_report,
                client=client_report,
                sources=source_reports,
            )
            report += f"\n{review}" if review else ""
            changelog = project.changelog
            old_changelog = changelog.read_text(encoding="utf-8") if changelog.exists() else None
            changes.add_text(changelog, add_unreleased(old_changelog, day.isoformat(), report))
            if report_file is not None:
                changes.add_text(report_file, report)
        except SpecpipeError as exc:
            raise SyncError(f"{label}: sync: {exc} (nothing was changed)") from exc
    return SyncResult(label, merged_version, report, new_ledger.version, spec_report, client_report)


def _old_text(project: Project, source: Source) -> str | None:
    path = project.vendored(source.name)
    return path.read_text(encoding="utf-8") if path.exists() else None


def _old_version(project: Project, source: Source) -> str | None:
    path = project.vendored(source.name)
    return documents.info_version(documents.load_mapping(path)) if path.exists() else None


def _source_diff(project: Project, read: _Read) -> DiffReport:
    """The source's own change, vendored document old → new (a new source: from an empty document)."""
    path = project.vendored(read.source.name)
    old = documents.load_mapping(path) if path.exists() else {"openapi": read.document.get("openapi"), "paths": {}}
    return compare(old, read.document, old_name=str(path), new_name=read.location)
