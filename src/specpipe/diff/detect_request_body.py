"""Changes in an operation's request body: presence, requiredness, media types and schemas."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_content import REQUEST_CONTENT, content_changes
from specpipe.diff.detect_schema import SchemaDiffer
from specpipe.diff.document_model import Operation
from specpipe.diff.findings import DiffFinding

_SUBJECT = "request body"


def request_body_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    before, after = old.request_body, new.request_body
    if before is None:
        if after is not None:
            rule = "request-body-added-required" if after.required else "request-body-added-optional"
            yield DiffFinding(rule, None, after.pointer)
        return
    if after is None:
        yield DiffFinding("request-body-removed", before.pointer, None)
        return
    if before.required != after.required:
        rule = "request-body-became-required" if after.required else "request-body-became-optional"
        yield DiffFinding(rule, before.pointer, after.pointer)
    if before.description != after.description:
        yield DiffFinding("request-body-description-changed", before.pointer, after.pointer, {"subject": _SUBJECT})
    yield from content_changes(before.content, after.content, REQUEST_CONTENT, _SUBJECT, schemas)
