"""Changes in the media types of a request or response body, and in the schema under each."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from specpipe.diff.detect_schema import REQUEST_BODY, RESPONSE_BODY, Context, SchemaDiffer
from specpipe.diff.model import Finding
from specpipe.diff.normalize import MediaType


@dataclass(frozen=True, slots=True)
class ContentRules:
    context: Context
    added: str
    removed: str
    schema_added: str
    schema_removed: str


REQUEST_CONTENT = ContentRules(
    REQUEST_BODY,
    added="request-body-media-type-added",
    removed="request-body-media-type-removed",
    schema_added="request-body-media-type-schema-added",
    schema_removed="request-body-media-type-schema-removed",
)
RESPONSE_CONTENT = ContentRules(
    RESPONSE_BODY,
    added="response-media-type-added",
    removed="response-media-type-removed",
    schema_added="response-body-media-type-schema-added",
    schema_removed="response-body-media-type-schema-removed",
)


def content_changes(
    old: dict[str, MediaType],
    new: dict[str, MediaType],
    rules: ContentRules,
    subject: str,
    schemas: SchemaDiffer,
) -> Iterator[Finding]:
    """``subject`` names the body ("request body", "response 200") in messages."""
    for media, item in old.items():
        if media not in new:
            yield Finding(rules.removed, item.pointer, None, {"subject": subject, "media": f"`{media}`"})
    for media, item in new.items():
        before = old.get(media)
        if before is None:
            yield Finding(rules.added, None, item.pointer, {"subject": subject, "media": f"`{media}`"})
            continue
        where = f"{subject} ({media})"
        if before.schema and item.schema:
            yield from schemas.findings(before.schema, item.schema, rules.context.for_media(media), where)
        elif before.schema:
            yield Finding(rules.schema_removed, before.schema.pointer, None, {"subject": where})
        elif item.schema:
            yield Finding(rules.schema_added, None, item.schema.pointer, {"subject": where})
