"""Rows of the rules table for endpoints: added, removed, deprecated, operation ids, tags, summaries (``detect_paths``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Endpoints.
    Rule("endpoint-added", INFO, "endpoint added"),
    Rule("api-path-removed-without-deprecation", ERR, "path removed without deprecation"),
    Rule("api-path-removed-with-deprecation", INFO, "path removed after deprecation"),
    Rule("api-removed-without-deprecation", ERR, "endpoint removed without deprecation"),
    Rule("api-removed-with-deprecation", INFO, "endpoint removed after deprecation"),
    Rule("endpoint-deprecated", INFO, "endpoint deprecated"),
    Rule("endpoint-reactivated", INFO, "endpoint no longer deprecated"),
    Rule("api-operation-id-added", INFO, "operationId {new} added"),
    Rule("api-operation-id-removed", INFO, "operationId {old} removed (now {new})"),
    Rule("api-tag-added", INFO, "tag {tag} added"),
    Rule("api-tag-removed", INFO, "tag {tag} removed"),
    Rule("api-operation-summary-changed", INFO, "summary changed", OURS),
    Rule("api-operation-description-changed", INFO, "description changed", OURS),
)
