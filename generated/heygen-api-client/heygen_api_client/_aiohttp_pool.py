"""aiohttp's connection pool as an httpx transport (httpx-aiohttp), failing with the httpx exceptions
httpx's own pool raises for the same failure.

httpx-aiohttp 0.2 maps an aiohttp exception to the most derived httpx class among those its base classes
map to, not to the mapping of its most derived aiohttp class: a refused connection
(``ClientConnectorError``, also a ``ClientConnectionError``) becomes ``httpx.ConnectTimeout``, and an
unparsable response or a cut body is raised as aiohttp's own exception, which is no httpx error. The
mapping is redone here, most derived aiohttp class first; written by hand because no release of the
library does it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import httpx
from httpx_aiohttp import AiohttpTransport

_MAPPING: tuple[tuple[type[aiohttp.ClientError], type[httpx.TransportError]], ...] = (
    (aiohttp.ClientProxyConnectionError, httpx.ProxyError),
    (aiohttp.ClientHttpProxyError, httpx.ProxyError),
    (aiohttp.ClientConnectorError, httpx.ConnectError),
    (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout),
    (aiohttp.ServerTimeoutError, httpx.ReadTimeout),
    (aiohttp.ServerDisconnectedError, httpx.RemoteProtocolError),
    (aiohttp.ClientPayloadError, httpx.RemoteProtocolError),
    (aiohttp.ClientResponseError, httpx.RemoteProtocolError),  # a response aiohttp could not parse
    (aiohttp.InvalidURL, httpx.UnsupportedProtocol),
    (aiohttp.ClientConnectionError, httpx.ReadError),  # reset, or another socket error
    (aiohttp.ClientError, httpx.TransportError),
)


def _remapped(exc: Exception, request: httpx.Request) -> tuple[Exception, BaseException | None]:
    """The httpx error for ``exc`` (an aiohttp error, or httpx-aiohttp's mapping of one) and the aiohttp
    error it is raised from; any other exception as it is, with its own cause."""
    cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
    if not isinstance(cause, aiohttp.ClientError):
        return exc, exc.__cause__
    kind = next(kind for aiohttp_kind, kind in _MAPPING if isinstance(cause, aiohttp_kind))
    return kind(str(cause), request=request), cause


_FAILURES = (httpx.TransportError, aiohttp.ClientError)


class _Stream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._stream:
                yield chunk
        except _FAILURES as exc:
            error, cause = _remapped(exc, self._request)
            raise error from cause

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        except _FAILURES as exc:
            error, cause = _remapped(exc, self._request)
            raise error from cause


class AiohttpPool(AiohttpTransport):
    """httpx-aiohttp's transport (its arguments) with the exception mapping above."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except _FAILURES as exc:
            error, cause = _remapped(exc, request)
            raise error from cause
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _Stream(response.stream, request)
        return response
