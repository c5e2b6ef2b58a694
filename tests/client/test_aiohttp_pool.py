"""The aiohttp pool (heygen_api_client._aiohttp_pool) fails with the httpx exception httpx's own pool
raises for the same failure, on the request and while the body is read.

Negative control: each case run on httpx-aiohttp's own ``AiohttpTransport`` (the ``stock`` cases below)
gets another class or an aiohttp exception: a refused connection is its ``ConnectTimeout``, a server that
hangs up before answering or mid-body raises aiohttp's own error.
"""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from tests.client.support import Behaviour, ScriptedServer, read_request_head, reset_mid_body, unused_loopback_url

aiohttp_pool = pytest.importorskip("heygen_api_client._aiohttp_pool", exc_type=ImportError)
httpx_aiohttp = pytest.importorskip("httpx_aiohttp", exc_type=ImportError)


def _hang_up(connection: socket.socket) -> None:
    read_request_head(connection)


def _cut_body(connection: socket.socket) -> None:
    """Promises 1000 bytes, sends 5, closes cleanly (FIN)."""
    read_request_head(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhello")


def _garbage(connection: socket.socket) -> None:
    read_request_head(connection)
    connection.sendall(b"NOT HTTP AT ALL\r\n\r\n")


async def _get(transport: httpx.AsyncBaseTransport, url: str) -> None:
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.get(url)
        await response.aread()


def _raised(transport: httpx.AsyncBaseTransport, behaviour: Behaviour | None) -> BaseException:
    """What a GET through ``transport`` raises against a server acting out ``behaviour`` (None: nothing listens)."""
    try:
        if behaviour is None:
            asyncio.run(_get(transport, unused_loopback_url()))
        else:
            with ScriptedServer([behaviour]).running() as server:
                asyncio.run(_get(transport, server.url))
    except Exception as exc:  # any class: the test compares it
        return exc
    raise AssertionError("the request did not fail")


# A hang-up: aiohttp 3.14 reports the server's close as a disconnect, 3.10.5 (the extra's floor, `nox -s
# compat`) as a reset; httpx's own pool raises RemoteProtocolError and ReadError for those two.
HANG_UP = (httpx.RemoteProtocolError, httpx.ReadError)

CASES: list[tuple[Behaviour | None, type[httpx.TransportError] | tuple[type[httpx.TransportError], ...]]] = [
    (None, httpx.ConnectError),
    (_hang_up, HANG_UP),
    (_cut_body, httpx.RemoteProtocolError),
    (reset_mid_body, httpx.TransportError),
    (_garbage, httpx.RemoteProtocolError),
]


def _classes(expected: type[httpx.TransportError] | tuple[type[httpx.TransportError], ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


@pytest.mark.parametrize(("behaviour", "expected"), CASES, ids=["refused", "hang-up", "cut-body", "reset", "garbage"])
def test_failures_are_httpx_errors(
    behaviour: Behaviour | None, expected: type[httpx.TransportError] | tuple[type[httpx.TransportError], ...]
) -> None:
    error = _raised(aiohttp_pool.AiohttpPool(), behaviour)
    if expected is httpx.TransportError:
        assert isinstance(error, expected)
    else:
        assert type(error) in _classes(expected)
    assert isinstance(error, httpx.TransportError)
    assert error.request.url.host == "127.0.0.1"


@pytest.mark.parametrize("behaviour", [None, _hang_up, _cut_body], ids=["refused", "hang-up", "cut-body"])
def test_stock_transport_maps_them_otherwise(behaviour: Behaviour | None) -> None:
    """The negative control: httpx-aiohttp's own mapping, which the module corrects."""
    expected = dict(CASES)[behaviour]
    assert type(_raised(httpx_aiohttp.AiohttpTransport(), behaviour)) not in _classes(expected)
