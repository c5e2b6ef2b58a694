"""Pairs for the rules of the document as a whole: servers, webhooks, component schemas (``rules_document``), each naming first the rule it proves."""

from __future__ import annotations

from .builders import B, Case, I, S, W, doc, op

CASES: list[Case] = [
    # Document.
    Case("api-server-added", doc(servers=[]), doc(servers=[{"url": "https://b"}]), [("api-server-added", I)]),
    Case("api-server-removed", doc(servers=[{"url": "https://a"}]), doc(), [("api-server-removed", W)]),
    Case(
        "server url changed is removed and added",
        doc(servers=[{"url": "https://a"}]),
        doc(servers=[{"url": "https://b"}]),
        [("api-default-server-changed", B), ("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "api-default-server-changed: https to http on the same host",
        doc(servers=[{"url": "https://api.example.com/v1"}]),
        doc(servers=[{"url": "http://api.example.com/v1"}]),
        [("api-default-server-changed", B), ("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "api-default-server-changed: another host made first, the old one still listed",
        doc(servers=[{"url": "https://api.example.com"}, {"url": "https://other.example.net"}]),
        doc(servers=[{"url": "https://other.example.net"}, {"url": "https://api.example.com"}]),
        [("api-default-server-changed", B)],
    ),
    Case(
        "default server: a new path or letter case on the same scheme and host is no move",
        doc(servers=[{"url": "https://api.example.com/v1"}]),
        doc(servers=[{"url": "HTTPS://API.example.com/v2"}]),
        [("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "default server: a change of the second server only",
        doc(servers=[{"url": "https://a"}, {"url": "https://b"}]),
        doc(servers=[{"url": "https://a"}, {"url": "http://c"}]),
        [("api-server-added", I), ("api-server-removed", W)],
    ),
    Case("webhook-added", doc(), doc(webhooks={"done": {"post": op()}}), [("webhook-added", I)]),
    Case("webhook-removed", doc(webhooks={"done": {"post": op()}}), doc(), [("webhook-removed", B)]),
    Case(
        "api-schema-removed",
        doc(components={"schemas": {"Gone": S, "Kept": S}}),
        doc(components={"schemas": {"Kept": S}}),
        [("api-schema-removed", I)],
    ),
]
