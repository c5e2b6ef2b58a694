"""Changes in the media types of a request or response body, and in the schema under each.

As in oasdiff, a media type removed and a related one added (``application/json`` →
``application/problem+json``, or the same type with other parameters) are one media type renamed:
its schemas are compared, and a response reports the rename as generalized, specialized or changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from specpipe.diff.detect_schema import REQUEST_BODY, RESPONSE_BODY, Context, SchemaDiffer
from specpipe.diff.document_model import MediaType
from specpipe.diff.findings import DiffFinding


@dataclass(frozen=True, slots=True)
class ContentRules:
    context: Context
    added: str
    removed: str
    schema_added: str
    schema_removed: str
    renamed: bool = False  # whether a rename is reported (oasdiff has ids for responses only)


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
    renamed=True,
)


def _parts(name: str) -> tuple[str, str, str, dict[str, str]] | None:
    """type, subtype, suffix and parameters of a media type name (``None`` if it is not one)."""
    essence, *parameters = name.split(";")
    kind, slash, subtype = essence.strip().lower().partition("/")
    if not slash or not kind or not subtype:
        return None
    base, _, suffix = subtype.partition("+")
    params = {}
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return kind, base, suffix, params


def _contains(old: str, new: str) -> bool:
    """Whether ``new`` can be read where ``old`` was expected (oasdiff's IsMediaTypeNameContained)."""
    before, after = _parts(old), _parts(new)
    if before is None or after is None or before[0] != after[0]:
        return False
    if not before[2] and after[2] == before[1]:  # application/json holds application/problem+json
        return True
    return before[1:3] == after[1:3]


def _pairs(old: dict[str, MediaType], new: dict[str, MediaType]) -> dict[str, str]:
    """Added media type → the removed one it renames, each removed one used once."""
    removed = [media for media in old if media not in new]
    pairs: dict[str, str] = {}
    for media in new:
        if media in old:
            continue
        match = next((gone for gone in removed if _contains(gone, media) or _contains(media, gone)), None)
        if match is not None:
            removed.remove(match)
            pairs[media] = match
    return pairs


def _rename(old: str, new: str) -> str:
    before, after = _parts(old), _parts(new)
    if before and after and before[3] != after[3]:
        return "response-media-type-name-changed"
    return "response-media-type-name-specialized" if _contains(old, new) else "response-media-type-name-generalized"


def content_changes(
    old: dict[str, MediaType],
    new: dict[str, MediaType],
    rules: ContentRules,
    subject: str,
    schemas: SchemaDiffer,
) -> Iterator[DiffFinding]:
    """``subject`` names the body ("request body", "response 200") in messages."""
    pairs = _pairs(old, new)
    renamed = set(pairs.values())
    for media, item in old.items():
        if media not in new and media not in renamed:
            yield DiffFinding(rules.removed, item.pointer, None, {"subject": subject, "media": f"`{media}`"})
    for media, item in new.items():
        before = old.get(pairs.get(media, media))
        if before is None:
            yield DiffFinding(rules.added, None, item.pointer, {"subject": subject, "media": f"`{media}`"})
            continue
        if media in pairs and rules.renamed:
            args = {"subject": subject, "old": f"`{pairs[media]}`", "new": f"`{media}`"}
            yield DiffFinding(_rename(pairs[media], media), before.pointer, item.pointer, args)
        where = f"{subject} ({media})"
        if before.schema and item.schema:
            yield from schemas.findings(before.schema, item.schema, rules.context.for_media(media), where)
        elif before.schema:
            yield DiffFinding(rules.schema_removed, before.schema.pointer, None, {"subject": where})
        elif item.schema:
            yield DiffFinding(rules.schema_added, None, item.schema.pointer, {"subject": where})
