"""Rows of the rules table for the document as a whole: servers, webhooks, component schemas (``detect_document``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, WARN, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Document: servers, webhooks, component schemas.
    Rule("api-server-added", INFO, "server `{url}` added", OURS),
    Rule("api-server-removed", WARN, "server `{url}` removed", OURS),
    Rule(
        "api-default-server-changed",
        ERR,
        "default server moved from `{old}` to `{new}` (another scheme or host receives every request and the API key)",
        OURS,
    ),
    Rule("webhook-added", INFO, "webhook `{name}` added"),
    Rule("webhook-removed", ERR, "webhook `{name}` removed"),
    Rule("api-schema-removed", INFO, "component schema `{name}` removed"),
)
