"""Runs every detector over two normalized documents and turns the findings into an ordered report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from specpipe.diff.detect_document import schema_removals, server_changes, webhook_changes
from specpipe.diff.detect_parameters import parameter_changes
from specpipe.diff.detect_paths import endpoint_changes, operation_changes
from specpipe.diff.detect_request_body import request_body_changes
from specpipe.diff.detect_responses import response_changes
from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.detect_security import global_security_changes, operation_security_changes, scheme_changes
from specpipe.diff.model import Change, DiffReport, Finding
from specpipe.diff.normalize import METHODS, Document, Operation, normalize
from specpipe.diff.rules import change
from specpipe.gc_pause import paused_gc

DocumentDetector = Callable[[Document, Document], Iterable[Finding]]
OperationDetector = Callable[[Operation, Operation, SchemaDiffer], Iterable[Finding]]

DOCUMENT_DETECTORS: tuple[DocumentDetector, ...] = (
    server_changes,
    scheme_changes,
    global_security_changes,
    webhook_changes,
    schema_removals,
)
OPERATION_DETECTORS: tuple[OperationDetector, ...] = (
    operation_changes,
    parameter_changes,
    request_body_changes,
    response_changes,
    operation_security_changes,
)


@paused_gc()
def compare(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    old_name: str = "old document",
    new_name: str = "new document",
) -> DiffReport:
    """Every change from ``old`` to ``new``; the names (file paths, say) prefix any ``DiffError``."""
    before, after = normalize(old, old_name), normalize(new, new_name)
    schemas = SchemaDiffer()
    changes = [change(finding, None) for detect in DOCUMENT_DETECTORS for finding in detect(before, after)]
    changes += (change(finding, label) for label, finding in endpoint_changes(before, after))
    for key, operation in after.operations.items():
        previous = before.operations.get(key)
        if previous is not None:
            changes += (
                change(finding, operation.label)
                for detect in OPERATION_DETECTORS
                for finding in detect(previous, operation, schemas)
            )
    return DiffReport(tuple(sorted(changes, key=_order)))


def _order(item: Change) -> tuple[bool, str, int, str, str, str]:
    """Document-level changes first, then by path, method, place in the document and id."""
    method, _, path = (item.operation or "").partition(" ")
    rank = METHODS.index(method.lower()) if item.operation else -1
    return (
        item.operation is not None,
        path,
        rank,
        item.old_pointer or item.new_pointer or "",
        item.id,
        item.message,
    )
