"""The client's fixed defaults: timeouts, body bound, retry counts and what is worth a retry."""

import httpx

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Per attempt: 5 s to connect, 30 s for each read, write or pool wait (httpx's own default is 5 s)."""
DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024
"""The largest body a client reads, counted after decompression (a gzip bomb stops here)."""

DEFAULT_MAX_RETRIES = 2
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses worth another attempt besides every other 5xx: timeouts, rate limits, server or gateway failures."""
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
"""Failures worth another attempt: timeouts, refused or reset connections, a connection cut mid-body."""


LOGGED_CHARS = 200
"""The most of a server's text (a header value) one log line quotes."""
