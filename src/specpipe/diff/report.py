"""Runs every detector over two normalized documents and turns the findings into an ordered report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specpipe.diff import detect_lifecycle as lifecycle
from specpipe.diff.config import DiffConfig
from specpipe.diff.detect_document import default_server_changes, schema_removals, server_changes, webhook_changes
from specpipe.diff.detect_extras import (
    callback_changes,
    link_changes,
    oauth_changes,
    response_header_changes,
    webhook_operation_changes,
)
from specpipe.diff.detect_parameters import parameter_changes
from specpipe.diff.detect_paths import endpoint_changes, operation_changes
from specpipe.diff.detect_request_body import request_body_changes
from specpipe.diff.detect_responses import response_changes
from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.detect_security import global_security_changes, operation_security_changes, scheme_changes
from specpipe.diff.document_model import Document, Operation
from specpipe.diff.findings import Change, DiffFinding, DiffReport, Excused, Level
from specpipe.diff.normalize import normalize
from specpipe.diff.rules import change
from specpipe.diff.unchanged import Unchanged
from specpipe.gc_pause import paused_gc
from specpipe.limits import FetchLimits
from specpipe.locations import folder, read_document
from specpipe.openapi_model import METHODS

if TYPE_CHECKING:  # imported by its callers only when exceptions are given: it loads jsonschema
    from specpipe.diff.exceptions import Exceptions

DocumentDetector = Callable[[Document, Document], Iterable[DiffFinding]]
OperationDetector = Callable[[Operation, Operation, SchemaDiffer], Iterable[DiffFinding]]

DOCUMENT_DETECTORS: tuple[DocumentDetector, ...] = (
    server_changes,
    default_server_changes,
    scheme_changes,
    global_security_changes,
    webhook_changes,
    schema_removals,
    oauth_changes,
)
OPERATION_DETECTORS: tuple[OperationDetector, ...] = (
    operation_changes,
    parameter_changes,
    request_body_changes,
    response_changes,
    operation_security_changes,
    lifecycle.stability_changes,
    response_header_changes,
    link_changes,
    callback_changes,
)
# What an endpoint below the stability threshold (draft, alpha) is still checked for.
EXEMPT_DETECTORS: tuple[OperationDetector, ...] = (lifecycle.stability_changes,)


@paused_gc()
def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_name: str = "old document",
    new_name: str = "new document",
    old_folder: Path | None = None,
    new_folder: Path | None = None,
    today: date | None = None,
    exceptions: Exceptions | None = None,
) -> DiffReport:
    """Every change from ``old`` to ``new``; the names (file paths, say) prefix any ``DiffError``.

    A folder allows external ``$ref``\\ s to files inside it; ``today`` (default: the current date)
    is what sunset dates are measured against; ``exceptions`` excuses the changes a person reviewed.
    """
    unchanged = Unchanged()
    before = normalize(old, old_name, old_folder, record=unchanged)
    return _changes(before, normalize(new, new_name, new_folder, reuse=unchanged), today, exceptions)


@paused_gc()
def compare_files(
    old: str | Path,
    new: str | Path,
    *,
    today: date | None = None,
    exceptions: Exceptions | None = None,
    fetch_limits: FetchLimits | None = None,
) -> DiffReport:
    """``compare`` of two documents, each a file or URL, raw or in a docs page (``specpipe.locations``);
    external ``$ref``\\ s are allowed beside a file.

    Each document is dropped as soon as its model is built; only the old one's schemas are kept
    (``specpipe.diff.unchanged``) until the new one's model has taken what it can of them, so the peak
    is the new document, the old one's schemas and two models (the new one smaller by what it took);
    the collector stays paused while they load.
    """
    unchanged = Unchanged()
    before = normalize(read_document(old, "diff", fetch_limits), str(old), folder(old), record=unchanged)
    after = normalize(read_document(new, "diff", fetch_limits), str(new), folder(new), reuse=unchanged)
    del unchanged  # the old document's schemas it holds, before the comparing starts
    return _changes(before, after, today, exceptions)


def _changes(before: Document, after: Document, today: date | None, exceptions: Exceptions | None) -> DiffReport:
    """The one place a comparison's settings are built: every detector that needs them is handed them."""
    config = DiffConfig(today or date.today())
    schemas = SchemaDiffer(config)
    changes = [change(finding, None) for detect in DOCUMENT_DETECTORS for finding in detect(before, after)]
    changes += (change(finding, None) for finding in webhook_operation_changes(before, after, schemas))
    changes += (change(finding, label) for label, finding in endpoint_changes(before, after, config))
    for key, operation in after.operations.items():
        previous = before.operations.get(key)
        # One object: the new document took it unchanged from the old (specpipe.diff.unchanged).
        if previous is not None and previous is not operation:
            detectors = OPERATION_DETECTORS if lifecycle.checked(operation, config) else EXEMPT_DETECTORS
            label = operation.label  # once, not once per change
            changes += (
                change(finding, label) for detect in detectors for finding in detect(previous, operation, schemas)
            )
    excused: list[Excused] = []
    unused: list[str] = []
    if exceptions is not None:
        changes, excused, unused = exceptions.split(changes)
    breaking = any(item.level is Level.BREAKING for item in changes)
    if version := lifecycle.version_change(before, after, breaking):
        changes.append(change(version, None))
    return DiffReport(
        tuple(sorted(changes, key=_order)),
        tuple(sorted(excused, key=lambda item: _order(item.change))),
        tuple(unused),
    )


_RANKS = {method: rank for rank, method in enumerate(METHODS)}


def _order(item: Change) -> tuple[bool, str, int, str, str, str]:
    """Document-level changes first, then by path, method (3.2's other methods last), place and id."""
    method, _, path = (item.operation or "").partition(" ")
    rank = -1 if item.operation is None else _RANKS.get(method.lower(), len(METHODS))
    return (
        item.operation is not None,
        path,
        rank,
        item.old_pointer or item.new_pointer or "",
        item.id,
        item.message,
    )
