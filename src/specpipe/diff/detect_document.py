"""Document-level changes that belong to no operation: servers, webhooks, component schemas."""

from __future__ import annotations

from collections.abc import Iterator

from specpipe.diff.model import Finding
from specpipe.diff.normalize import Document


def server_changes(old: Document, new: Document) -> Iterator[Finding]:
    """Servers are matched by URL: a changed URL is one removed and one added."""
    for url, pointer in old.servers.items():
        if url not in new.servers:
            yield Finding("api-server-removed", pointer, None, {"url": url})
    for url, pointer in new.servers.items():
        if url not in old.servers:
            yield Finding("api-server-added", None, pointer, {"url": url})


def webhook_changes(old: Document, new: Document) -> Iterator[Finding]:
    for name, pointer in old.webhooks.items():
        if name not in new.webhooks:
            yield Finding("webhook-removed", pointer, None, {"name": name})
    for name, pointer in new.webhooks.items():
        if name not in old.webhooks:
            yield Finding("webhook-added", None, pointer, {"name": name})


def schema_removals(old: Document, new: Document) -> Iterator[Finding]:
    for name, pointer in old.schemas.items():
        if name not in new.schemas:
            yield Finding("api-schema-removed", pointer, None, {"name": name})
