"""Endpoints appearing and disappearing, and what describes an operation as a whole."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.model import Finding
from specpipe.diff.normalize import Document, Operation


def endpoint_changes(old: Document, new: Document) -> Iterator[tuple[str, Finding]]:
    """Operations on one side only, each with its label; a removal says whether it was announced."""
    for key, operation in old.operations.items():
        if key in new.operations:
            continue
        scope = "api" if key[0] in new.paths else "api-path"
        announced = "with" if operation.deprecated else "without"
        yield operation.label, Finding(f"{scope}-removed-{announced}-deprecation", operation.pointer, None)
    for key, operation in new.operations.items():
        if key not in old.operations:
            yield operation.label, Finding("endpoint-added", None, operation.pointer)


def operation_changes(old: Operation, new: Operation, _schemas: SchemaDiffer) -> Iterator[Finding]:
    if old.deprecated != new.deprecated:
        yield Finding("endpoint-deprecated" if new.deprecated else "endpoint-reactivated", old.pointer, new.pointer)
    if old.operation_id != new.operation_id:
        shown = {
            "old": f"`{old.operation_id}`",
            "new": f"`{new.operation_id}`" if new.operation_id else "none",
        }
        old_pointer = f"{old.pointer}/operationId" if old.operation_id else None
        new_pointer = f"{new.pointer}/operationId" if new.operation_id else None
        rule = "api-operation-id-removed" if old.operation_id else "api-operation-id-added"
        yield Finding(rule, old_pointer, new_pointer, shown)
    for tag, pointer in old.tags.items():
        if tag not in new.tags:
            yield Finding("api-tag-removed", pointer, None, {"tag": f"`{tag}`"})
    for tag, pointer in new.tags.items():
        if tag not in old.tags:
            yield Finding("api-tag-added", None, pointer, {"tag": f"`{tag}`"})
    for field in ("summary", "description"):
        if getattr(old, field) != getattr(new, field):
            yield Finding(f"api-operation-{field}-changed", f"{old.pointer}/{field}", f"{new.pointer}/{field}")
