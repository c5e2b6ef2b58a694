"""Document-level changes that belong to no operation: servers, webhooks, component schemas."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from specpipe.diff.document_model import Document
from specpipe.diff.findings import DiffFinding


def server_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    """Servers are matched by URL: a changed URL is one removed and one added."""
    for url, pointer in old.servers.items():
        if url not in new.servers:
            yield DiffFinding("api-server-removed", pointer, None, {"url": url})
    for url, pointer in new.servers.items():
        if url not in old.servers:
            yield DiffFinding("api-server-added", None, pointer, {"url": url})


def _origin(url: str) -> tuple[str, str]:
    """Where a server URL sends requests: its scheme and host (with port), lower-cased; a relative URL
    (``/``, the default when a document lists no server) has neither."""
    try:
        parts = urlsplit(url)
        host = f"{parts.hostname or ''}:{parts.port}" if parts.port is not None else parts.hostname or ""
    except ValueError:  # a malformed port or IPv6 literal: compare the text as it is
        return "", url.lower()
    return parts.scheme.lower(), host


def default_server_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    """The first server is the client's default base URL, where every request (and the API key) goes:
    a new scheme or host there is breaking, even when the old URL is still listed further down. A
    document gaining or losing its only server is ``api-server-added``/``-removed`` alone."""
    if not old.servers or not new.servers:
        return
    (old_url, old_pointer), (new_url, new_pointer) = next(iter(old.servers.items())), next(iter(new.servers.items()))
    if _origin(old_url) != _origin(new_url):
        yield DiffFinding("api-default-server-changed", old_pointer, new_pointer, {"old": old_url, "new": new_url})


def webhook_changes(old: Document, new: Document) -> Iterator[DiffFinding]:
    for name, pointer in old.webhooks.items():
        if name not in new.webhooks:
            yield DiffFinding("webhook-removed", pointer, None, {"name": name})
    for name, pointer in new.webhooks.items():
        if name not in old.webhooks:
            yield DiffFinding("webhook-added", None, pointer, {"name": name})


def schema_removals(old: Document, new: Document) -> Iterator[DiffFinding]:
    for name, pointer in old.schemas.items():
        if name not in new.schemas:
            yield DiffFinding("api-schema-removed", pointer, None, {"name": name})
