"""The client's default connection pools: for async calls aiohttp's when the ``aiohttp`` extra is
installed (``default_async_transport``), else, and for sync calls, httpcore's, with its assignment of
queued requests to connections replaced, and limits that keep every connection it opens.

httpcore 1.0.9's ``_assign_requests_to_connections`` (encode/httpcore#1035 and #1110, open; fixed in
the httpx2 fork, pydantic/httpx2#974 and #1075, which no httpcore release has):

- it hands one idle HTTP/1.1 connection to every queued request; all but one wake, fail with
  ``ConnectionNotAvailable`` and queue again, each retry rescanning every connection (50 concurrent
  calls: about six passes per request);
- it counts all connections, not the idle ones, against ``max_keepalive_connections``: above that
  many, each connection is closed as soon as it is idle, a new TCP connection per call;
- it may close a connection already handed to a queued request: the sync pool's request then waits
  for its read timeout (seen with 50 threads on httpx's default limits).

Written by hand because no released httpcore does this; it applies only to the pool httpx builds for a
client with no transport of its own, HTTP/1.1 only (an HTTP/2 connection serves many requests at once,
which this assignment does not model), and the pool keeps httpcore's own request and connection code.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Mapping
from typing import Any

import httpcore
import httpx

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=5.0)
"""Up to 100 connections, every one kept alive between calls (httpx keeps 20 of its 100, so a caller
with more than 20 calls in flight opened a connection per call); an idle one closes after 5 s."""


_TRANSPORT_ARGS = ("transport", "mounts", "proxy")
"""httpx client arguments that choose a transport, or that only httpx's own pool honours."""


def default_async_transport(kwargs: Mapping[str, Any]) -> httpx.AsyncBaseTransport | None:
    """aiohttp's pool (httpx-aiohttp) for an async client built with ``kwargs`` (the client asks only
    when entered with ``async with``, which closes it), with their ``verify``, ``cert``, ``trust_env``
    and ``limits``; None (httpx builds its own pool) when the extra is not installed, or when ``kwargs``
    ask for what only httpx's pool does: a transport or mounts of their own, a proxy (passed, or in the
    environment, which httpx reads only for a client without a transport) or HTTP/2.

    aiohttp is the default where installed because it costs less CPU per call than httpx's pool
    (bench/throughput.py in the specpipe repository), and past about 20 calls in flight the client is
    CPU-bound."""
    if any(name in kwargs for name in _TRANSPORT_ARGS) or kwargs.get("http2"):
        return None
    trust_env = kwargs.get("trust_env", True)
    if trust_env and any(scheme in urllib.request.getproxies() for scheme in ("http", "https", "all")):
        return None
    try:
        from ._aiohttp_pool import AiohttpPool  # noqa: PLC0415 (an optional extra)
    except ImportError:
        return None
    return AiohttpPool(
        verify=kwargs.get("verify", True),
        cert=kwargs.get("cert"),
        trust_env=trust_env,
        limits=kwargs.get("limits", DEFAULT_LIMITS),
    )


def _assign_requests_to_connections(pool: Any) -> list[Any]:
    """One pass: drop closed connections, close expired and surplus idle ones, then give each queued
    request, in order, an idle connection to its origin no other request holds, else a new one (closing
    an idle one to make room at ``max_connections``). Returns the connections to close, as httpcore's."""
    queued = [request for request in pool._requests if request.connection is None]  # PoolRequest.is_queued()
    kept, idle, closing = _sorted_connections(pool)
    pool._connections = kept
    for request in queued:
        origin = request.request.url.origin
        reused = next((c for c in idle if c.can_handle_request(origin) and c.is_available()), None)
        if reused is not None:
            idle.remove(reused)
            request.assign_to_connection(reused)
            continue
        if len(kept) >= pool._max_connections:
            if not idle:
                break  # every connection is busy: the next pass, when one is released, goes on
            surplus_connection = idle.pop(0)
            kept.remove(surplus_connection)
            closing.append(surplus_connection)
        connection = pool.create_connection(origin)
        kept.append(connection)
        request.assign_to_connection(connection)
    return closing


def _sorted_connections(pool: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """The pool's connections to keep, the idle ones among them (at most ``max_keepalive_connections``)
    and those to close.

    A connection a request holds is busy (or about to be) and is passed over without a look: with every
    connection in use, which is most passes under load, a pass costs a set lookup per connection."""
    held = {request.connection for request in pool._requests if request.connection is not None}
    closing: list[Any] = []
    kept: list[Any] = []
    idle: list[Any] = []
    for connection in pool._connections:
        if connection in held:
            kept.append(connection)  # busy, or handed to a request that has not started on it yet
        elif connection.is_closed():
            continue
        elif not connection.is_idle():
            kept.append(connection)  # connecting
        elif connection.has_expired():
            closing.append(connection)
        else:
            kept.append(connection)
            idle.append(connection)
    surplus = len(idle) - pool._max_keepalive_connections
    if surplus > 0:
        for connection in idle[:surplus]:
            kept.remove(connection)
            closing.append(connection)
        del idle[:surplus]
    return kept, idle, closing


class _ConnectionPool(httpcore.ConnectionPool):
    _assign_requests_to_connections = _assign_requests_to_connections


class _AsyncConnectionPool(httpcore.AsyncConnectionPool):
    _assign_requests_to_connections = _assign_requests_to_connections


def _replaceable(version: str) -> bool:
    """Whether this httpcore is one whose assignment this module replaces: 1.0.5 and later 1.0 releases
    (a later release may fix or change it, and keeps its own)."""
    parts = version.split(".")
    return parts[:2] == ["1", "0"] and len(parts) > 2 and parts[2].isdigit() and int(parts[2]) >= 5


_REPLACEABLE = _replaceable(httpcore.__version__)


def use_fair_pool(client: httpx.Client | httpx.AsyncClient) -> None:
    """Gives ``client``'s own transport this module's assignment when it is the HTTP/1.1 pool httpx
    built (a transport passed in, a proxy or HTTP/2 keep theirs). The pool object is kept, its class
    changed to the subclass above: the subclass adds no state, and httpx built it with the caller's
    TLS and socket settings."""
    transport = getattr(client, "_transport", None)
    pool = getattr(transport, "_pool", None)
    if not _REPLACEABLE or pool is None or getattr(pool, "_http2", True):
        return
    if type(pool) is httpcore.ConnectionPool:
        pool.__class__ = _ConnectionPool
    elif type(pool) is httpcore.AsyncConnectionPool:
        pool.__class__ = _AsyncConnectionPool
