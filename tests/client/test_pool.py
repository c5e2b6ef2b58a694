"""The client's default connection pool (heygen_api_client._pool): each queued request gets its own
connection, idle connections are counted as idle, and a connection handed to a request stays open.

Each scenario runs on the pool's assignment and, as the negative control, on the installed httpcore's
own, which fails it (skipped where httpcore is a release the module leaves alone).
"""

from __future__ import annotations

import ssl
import sys
from collections.abc import Callable
from typing import Any, Literal

import heygen_api_client._pool as pool_module
import httpcore
import httpx
import pytest
from heygen_api_client import AuthenticatedClient
from httpcore._sync.connection_pool import PoolRequest

ORIGIN = httpcore.URL("http://127.0.0.1:9/").origin

Assign = Callable[[Any], list[Any]]
OURS: Assign = pool_module._assign_requests_to_connections
STOCK: Assign = httpcore.ConnectionPool._assign_requests_to_connections


class FakeConnection:
    """An HTTP/1.1 connection in a chosen state, as the assignment sees it (no socket)."""

    def __init__(self, state: str) -> None:
        self.state = state

    def is_closed(self) -> bool:
        return self.state == "closed"

    def is_idle(self) -> bool:
        return self.state == "idle"

    def is_available(self) -> bool:
        return self.state == "idle"

    def has_expired(self) -> bool:
        return False

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return origin == ORIGIN


def _pool(connections: list[FakeConnection], max_connections: int, max_keepalive: int) -> httpcore.ConnectionPool:
    pool = httpcore.ConnectionPool(max_connections=max_connections, max_keepalive_connections=max_keepalive)
    pool._connections = list(connections)  # type: ignore[arg-type]
    pool.create_connection = lambda origin: FakeConnection("new")  # type: ignore[method-assign,assignment,return-value]
    return pool


def _queued(pool: httpcore.ConnectionPool, count: int) -> list[PoolRequest]:
    requests = [PoolRequest(httpcore.Request("DELETE", "http://127.0.0.1:9/v1/video.delete")) for _ in range(count)]
    pool._requests.extend(requests)
    return requests


ours_and_stock = pytest.mark.parametrize(
    "outcome", [pytest.param((OURS, True), id="ours"), pytest.param((STOCK, False), id="stock-negative-control")]
)


@ours_and_stock
def test_an_idle_connection_goes_to_one_queued_request(outcome: tuple[Assign, bool]) -> None:
    """httpcore hands one idle connection to all three queued requests (two then fail and queue again)."""
    assign, fixed = outcome
    _skip_stock_if_fixed(assign)
    pool = _pool([FakeConnection("idle")], max_connections=1, max_keepalive=1)
    requests = _queued(pool, 3)
    assign(pool)
    assigned = [request for request in requests if request.connection is not None]
    assert (len(assigned) == 1) is fixed


@ours_and_stock
def test_only_idle_connections_count_against_keepalive(outcome: tuple[Assign, bool]) -> None:
    """Four busy connections and one idle with max_keepalive_connections=2: the idle one stays
    (httpcore counts all five and closes it)."""
    assign, fixed = outcome
    _skip_stock_if_fixed(assign)
    idle = FakeConnection("idle")
    pool = _pool([FakeConnection("active") for _ in range(4)] + [idle], max_connections=10, max_keepalive=2)
    closing: list[object] = assign(pool)
    kept: list[object] = list(pool._connections)
    assert (idle not in closing and idle in kept) is fixed


@ours_and_stock
def test_a_connection_handed_to_a_request_is_not_closed(outcome: tuple[Assign, bool]) -> None:
    """An idle connection already assigned to a request that has not started on it yet, beside a busy
    one, with max_keepalive_connections=1: httpcore closes it as surplus (encode/httpcore#1110)."""
    assign, fixed = outcome
    _skip_stock_if_fixed(assign)
    held = FakeConnection("idle")
    pool = _pool([FakeConnection("active"), held], max_connections=2, max_keepalive=1)
    (first,) = _queued(pool, 1)
    first.assign_to_connection(held)  # type: ignore[arg-type]
    closing: list[object] = assign(pool)
    assert (held not in closing) is fixed


def _skip_stock_if_fixed(assign: Assign) -> None:
    if assign is STOCK and not pool_module._REPLACEABLE:
        pytest.skip(f"httpcore {httpcore.__version__} is not one the pool module replaces")


def test_new_connections_up_to_the_limit_then_queue() -> None:
    pool = _pool([], max_connections=2, max_keepalive=2)
    requests = _queued(pool, 3)
    OURS(pool)
    assert [request.connection is not None for request in requests] == [True, True, False]
    assert len(pool._connections) == 2


def _client(async_pool: Literal["auto", "httpx"] = "auto", **httpx_args: Any) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="http://127.0.0.1:9", token="not-a-key", httpx_args=httpx_args, async_pool=async_pool
    )


def test_the_client_defaults_keep_every_connection_and_use_the_pool() -> None:
    client = _client(async_pool="httpx")
    httpx_clients: list[Any] = [client.get_httpx_client(), client.get_async_httpx_client()]
    for httpx_client in httpx_clients:
        pool = httpx_client._transport._pool
        assert pool._max_keepalive_connections == pool._max_connections == 100
        assert (
            isinstance(pool, (pool_module._ConnectionPool, pool_module._AsyncConnectionPool))
            is pool_module._REPLACEABLE
        )


def test_a_callers_transport_and_limits_are_theirs() -> None:
    transport = httpx.HTTPTransport()
    own: Any = _client(transport=transport).get_httpx_client()
    assert own._transport is transport
    assert type(transport._pool) is httpcore.ConnectionPool
    limited: Any = _client(limits=httpx.Limits(max_connections=3)).get_httpx_client()
    assert limited._transport._pool._max_connections == 3


@pytest.mark.parametrize(
    ("version", "replaceable"), [("1.0.9", True), ("1.0.5", True), ("1.0.4", False), ("1.1.0", False), ("2.0.0", False)]
)
def test_only_known_httpcore_releases_are_replaced(version: str, replaceable: bool) -> None:
    assert pool_module._replaceable(version) is replaceable


def _async_transport(client: AuthenticatedClient) -> Any:
    """The transport of ``client``'s async client as ``async with`` builds it (entering it opens nothing)."""
    return client._async_httpx_client(closed_on_exit=True)._transport


def test_the_async_default_is_aiohttps_pool_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a client entered with ``async with``. Negative control: ``default_async_transport`` returning
    None fails the first assertion; blocking httpx_aiohttp (None in sys.modules) must fall back to httpx's
    pool with the client's limits."""
    aiohttp_pool = pytest.importorskip("heygen_api_client._aiohttp_pool", exc_type=ImportError)

    for name in ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    transport = _async_transport(_client())
    assert isinstance(transport, aiohttp_pool.AiohttpPool)
    assert transport.limits == pool_module.DEFAULT_LIMITS
    assert transport.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert _async_transport(_client(verify=False)).ssl_context.verify_mode == ssl.CERT_NONE
    # a client not entered may never be closed: it keeps httpx's pool, which is silent when collected
    assert type(_client().get_async_httpx_client()._transport._pool) is pool_module._AsyncConnectionPool  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    monkeypatch.delitem(sys.modules, "heygen_api_client._aiohttp_pool", raising=False)
    assert type(_async_transport(_client())._pool) is pool_module._AsyncConnectionPool


@pytest.mark.parametrize(
    ("httpx_args", "proxy_env"),
    [
        ({"http2": True}, None),
        ({"proxy": "http://127.0.0.1:3128"}, None),
        ({"mounts": {}}, None),
        ({"transport": httpx.AsyncHTTPTransport()}, None),
        ({}, "http://127.0.0.1:3128"),
    ],
)
def test_httpx_pool_where_only_it_serves(
    monkeypatch: pytest.MonkeyPatch, httpx_args: dict[str, Any], proxy_env: str | None
) -> None:
    """Negative control: ``default_async_transport`` without its checks (always aiohttp) fails each case."""
    for name in ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    if proxy_env is not None:
        monkeypatch.setenv("HTTPS_PROXY", proxy_env)
    assert pool_module.default_async_transport(httpx_args) is None


def test_async_pool_httpx_is_httpxs_pool() -> None:
    assert type(_async_transport(_client("httpx"))._pool) is pool_module._AsyncConnectionPool


def test_async_pool_is_checked() -> None:
    with pytest.raises(ValueError, match="async_pool must be"):
        _client("aiohttp")  # type: ignore[arg-type]
