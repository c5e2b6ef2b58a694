"""Changes in an operation's responses: statuses, headers, media types and schemas.

A status is a success when it is 2xx (or ``2XX``): removing one breaks a client that parses it.
"""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.detect_content import RESPONSE_CONTENT, content_changes
from specpipe.diff.detect_schema import RESPONSE_HEADER, SchemaDiffer
from specpipe.diff.document_model import Operation, Response
from specpipe.diff.findings import DiffFinding


def _kind(status: str) -> str:
    return "success" if status.startswith("2") else "non-success"


def response_changes(old: Operation, new: Operation, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    for status, response in old.responses.items():
        if status not in new.responses:
            subject = {"subject": f"response {status}"}
            yield DiffFinding(f"response-{_kind(status)}-status-removed", response.pointer, None, subject)
    for status, response in new.responses.items():
        before = old.responses.get(status)
        if before is None:
            subject = {"subject": f"response {status}"}
            yield DiffFinding(f"response-{_kind(status)}-status-added", None, response.pointer, subject)
        else:
            yield from _response_changes(status, before, response, schemas)


def _response_changes(status: str, old: Response, new: Response, schemas: SchemaDiffer) -> Iterator[DiffFinding]:
    subject = f"response {status}"
    if old.description != new.description:
        yield DiffFinding("response-description-changed", old.pointer, new.pointer, {"subject": subject})
    for name, header in old.headers.items():
        if name not in new.headers:
            rule = "required-response-header-removed" if header.required else "optional-response-header-removed"
            yield DiffFinding(rule, header.pointer, None, {"subject": f"{subject} header `{header.name}`"})
    for name, header in new.headers.items():
        where = f"{subject} header `{header.name}`"
        before = old.headers.get(name)
        if before is None:
            yield DiffFinding("response-header-added", None, header.pointer, {"subject": where})
            continue
        if before.required and not header.required:
            yield DiffFinding("response-header-became-optional", before.pointer, header.pointer, {"subject": where})
        if before.schema and header.schema:
            yield from schemas.findings(before.schema, header.schema, RESPONSE_HEADER, where)
    yield from content_changes(old.content, new.content, RESPONSE_CONTENT, subject, schemas)
