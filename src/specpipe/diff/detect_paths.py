"""Endpoints appearing and disappearing, and what describes an operation as a whole."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff import detect_lifecycle as lifecycle
from specpipe.diff.config import DiffConfig
from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.document_model import Document, Operation
from specpipe.diff.findings import DiffFinding


def endpoint_changes(old: Document, new: Document, config: DiffConfig) -> Iterator[tuple[str, DiffFinding]]:
    """Operations on one side only, each with its label; a removal says whether it was announced.

    A removed endpoint below the stability threshold (draft, alpha) is no change; one whose level is
    invalid is reported as such, and not as a removal (as oasdiff does).
    """
    for key, operation in old.operations.items():
        if key in new.operations:
            continue
        scope = "api" if key[0] in new.paths else "api-path"
        if invalid := lifecycle.invalid_stability(operation.lifecycle):
            yield operation.label, DiffFinding("api-invalid-stability-level", operation.pointer, None, invalid)
            continue
        if not lifecycle.checked(operation, config):
            continue
        ids = lifecycle.RemovalIds(
            f"{scope}-removed-without-deprecation",
            f"{scope}-removed-with-deprecation",
            "api-path-sunset-parse",
            f"{scope}-removed-before-sunset",
        )
        if found := lifecycle.removal(ids, operation.deprecated, operation.lifecycle, config):
            yield operation.label, DiffFinding(found[0], operation.pointer, None, found[1])
    for key, operation in new.operations.items():
        if key not in old.operations:
            yield operation.label, DiffFinding("endpoint-added", None, operation.pointer)


def operation_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    config = schemas.config
    if old.deprecated != new.deprecated:
        rule, args = (
            lifecycle.deprecation(lifecycle.ENDPOINT_DEPRECATION, new.lifecycle, config)
            if new.deprecated
            else ("endpoint-reactivated", {})
        )
        yield DiffFinding(rule, old.pointer, new.pointer, args)
    if edited := lifecycle.sunset_change(
        lifecycle.ENDPOINT_SUNSET, old.lifecycle, new.lifecycle, new.deprecated, config
    ):
        yield DiffFinding(edited[0], old.pointer, new.pointer, edited[1])
    if old.operation_id != new.operation_id:
        shown = {
            "old": f"`{old.operation_id}`",
            "new": f"`{new.operation_id}`" if new.operation_id else "none",
        }
        old_pointer = f"{old.pointer}/operationId" if old.operation_id else None
        new_pointer = f"{new.pointer}/operationId" if new.operation_id else None
        rule = "api-operation-id-removed" if old.operation_id else "api-operation-id-added"
        yield DiffFinding(rule, old_pointer, new_pointer, shown)
    for tag, pointer in old.tags.items():
        if tag not in new.tags:
            yield DiffFinding("api-tag-removed", pointer, None, {"tag": f"`{tag}`"})
    for tag, pointer in new.tags.items():
        if tag not in old.tags:
            yield DiffFinding("api-tag-added", None, pointer, {"tag": f"`{tag}`"})
    for field in ("summary", "description"):
        if getattr(old, field) != getattr(new, field):
            yield DiffFinding(f"api-operation-{field}-changed", f"{old.pointer}/{field}", f"{new.pointer}/{field}")
