"""The clients every API function takes: credentials, defaults, retries, bounds and the connection pool.

Defaults come from the API document: the base URL is its first server and the credential goes in
the header its security scheme names, bare; an OAuth bearer token goes in
``Authorization``. Each API function passes the kinds of credential its operation accepts (the
document's ``security``, computed when the client is generated) and a client whose credential is not
among them refuses the call before sending anything. Neither credential is ever part of a repr, a log
line or an error message: each is kept out of attrs' repr and out of the httpx client's default headers,
and is set on each request by ``ApiKeyAuth`` instead.

Credentials go only to the origin (scheme, host and port) of the base URL. A request to another
origin (an absolute URL given to ``request``, or a redirect followed with ``follow_redirects=True``:
301, 302, 303, 307 or 308) leaves without the credential header and without ``Authorization``: the
redirect is followed, stripped rather than refused, as httpx does for ``Authorization`` and requests
for any credential on a change of host, since a download elsewhere needs no key. httpx sets auth on the
first request only and copies its headers into each redirect, so the stripping is a request event hook
(``CredentialGuard``), which httpx calls for every request it sends, redirects included.

The client writes nothing to stdout or stderr unless asked (LOG_ENV, or the application's logging
setup): its logger has a ``logging.NullHandler``, and text a server chose (a header value) is logged
bounded and escaped (``_escaped``).

``Client`` and ``AuthenticatedClient`` share one base, ``BaseClient``: the attempt loop (retries,
bounded reads, a deadline per attempt, one log line per attempt) and the copies ``with_options`` makes.
"""

import asyncio
import datetime
import heapq
import itertools
import logging
import math
import os
import socket
import ssl
import string
import sys
import threading
import time
import weakref
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from types import FrameType
from typing import Any, Self, TypeVar

import httpx
from attrs import Factory, define, evolve, field
from httpx_retries import Retry

from .errors import (
    REQUEST_ID_HEADERS,
    ApiKeyError,
    MissingExtraError,
    ResponseTooLargeError,
    describe_request,
    redact,
    transport_error,
)
from .types import UNSET, Unset

DEFAULT_BASE_URL = "https://api.heygen.com"
"""The API document's first server."""
API_KEY_ENV = "HEYGEN_API_KEY"
"""Where ``AuthenticatedClient`` reads the key when no credential is passed."""
BEARER_TOKEN_ENV = "HEYGEN_BEARER_TOKEN"
"""Where ``AuthenticatedClient`` reads an OAuth bearer token when no credential is passed."""
BEARER_HEADER_NAME = "Authorization"
BEARER_PREFIX = "Bearer"
"""A bearer token is sent as ``BEARER_HEADER_NAME: BEARER_PREFIX <token>`` (RFC 6750)."""
BASE_URL_ENV = "HEYGEN_BASE_URL"
"""Where clients read their base URL when none is passed (a proxy, a test server); else DEFAULT_BASE_URL."""
MAX_RETRIES_ENV = "HEYGEN_MAX_RETRIES"
"""Where clients read ``max_retries`` when neither ``max_retries=`` nor ``retry=`` is passed (as HeyGen's CLI does)."""
LOG_ENV = "HEYGEN_LOG"
"""``debug`` or ``info`` there prints one line per attempt to stderr, with no logging setup needed."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Per attempt: 5 s to connect, 30 s for each read, write or pool wait (httpx's own default is 5 s)."""
DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024
"""The largest body a client reads, counted after decompression (a gzip bomb stops here)."""
USER_AGENT = f"heygen-api-client/4.0.8 httpx/{httpx.__version__}"

DEFAULT_MAX_RETRIES = 2
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses worth another attempt besides every other 5xx: timeouts, rate limits, server or gateway failures."""
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
"""Failures worth another attempt: timeouts, refused or reset connections, a connection cut mid-body."""

_HttpxClient = TypeVar("_HttpxClient", httpx.Client, httpx.AsyncClient)

logger = logging.getLogger(__package__ or __name__)
"""One INFO line per attempt (method, path, status, elapsed, attempt, request id), a DEBUG line before each retry."""


LOGGED_CHARS = 200
"""The most of a server's text (a header value) one log line quotes."""


def _escaped(text: str) -> str:
    """Server text fit for a log line: at most LOGGED_CHARS, control and non-ASCII characters escaped
    (no newline to forge a line with, no terminal escape)."""
    escaped = ascii(text[:LOGGED_CHARS])[1:-1]
    if len(text) <= LOGGED_CHARS and len(escaped) <= LOGGED_CHARS:
        return escaped
    return f"{escaped[:LOGGED_CHARS]}... [{len(text)} chars]"


def _log_from_env() -> None:
    """Prints the logger to stderr when LOG_ENV asks for it, as OPENAI_LOG does for the OpenAI SDK;
    else a NullHandler keeps Python's last-resort handler from printing what reaches the logger."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(LOG_ENV, "").strip().lower())
    if logger.handlers:  # the module run again (importlib.reload)
        return
    if level is None:
        logger.addHandler(logging.NullHandler())
    else:
        handler = logging.StreamHandler()  # stderr
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


_log_from_env()


class RetryPolicy(Retry):
    """httpx-retries' ``Retry`` with the client's two rules: every status from 500 up is retried (a
    Cloudflare 520 too), and ``Retry-After: 0`` (or a date already past) retries at once, where the
    library would fall back to its backoff. A ``Retry-After`` it cannot read is logged here, at DEBUG
    and escaped: the library logs it raw at WARNING, which Python prints to stderr when the application
    set no logging up."""

    def is_retryable_status_code(self, status_code: int) -> bool:
        return status_code >= 500 or status_code in self.status_forcelist

    def parse_retry_after(self, retry_after: str) -> float:
        """The library's reading (seconds or an HTTP date, one without a zone taken as UTC), silent, and
        with an error that does not quote the server's value."""
        value = retry_after.strip()
        if value.isascii() and value.isdigit():
            return float(value)
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            raise ValueError("Retry-After is neither seconds nor an HTTP date") from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())

    def _calculate_sleep(self, headers: httpx.Headers | Mapping[str, str]) -> float:
        value = headers.get("Retry-After", "").strip() if self.respect_retry_after_header else ""
        if value:
            try:
                if self.parse_retry_after(value) == 0:
                    return 0.0
            except ValueError:
                logger.debug("ignoring a Retry-After that is neither seconds nor an HTTP date: %s", _escaped(value))
                headers = {}  # the library's backoff instead
        return super()._calculate_sleep(headers)


def retry_policy(
    max_retries: int = DEFAULT_MAX_RETRIES,
    *,
    backoff: float = 0.5,
    max_wait: float = 20.0,
    budget: float = 30.0,
) -> Retry | None:
    """The retry configuration clients use by default; ``None`` (retries off) when ``max_retries`` is 0.

    Args:
        max_retries: Attempts after the first one.
        backoff: Seconds before the first retry; each later wait doubles, and each is shortened by a
            random 0-25 % (jitter) so that many clients do not retry in step.
        max_wait: Cap on any one wait, including the one a server asks for with ``Retry-After``
            (seconds or an HTTP date; 0 retries at once).
        budget: Cap on the time spent waiting across all retries of one request.

    Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried, never POST or PATCH.
    """
    if max_retries == 0:
        return None
    return RetryPolicy(
        total=max_retries,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRY_EXCEPTIONS,
        # httpx-retries waits backoff_factor * 2**n before retry n, counting from 1.
        backoff_factor=backoff / 2,
        backoff_jitter=0.25,
        max_backoff_wait=max_wait,
        total_timeout=budget,
        respect_retry_after_header=True,
    )


def _check_max_retries(_instance: object, _attribute: object, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise ValueError(f"max_retries must be a whole number of retries, 0 or more (got {value!r})")


def _max_retries_from_env() -> int:
    text = os.environ.get(MAX_RETRIES_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_RETRIES
    if not (text.isascii() and text.isdigit()):  # the value is ours to quote: a count, not a secret
        raise ValueError(f"{MAX_RETRIES_ENV} must be a whole number of retries, 0 or more (got {_escaped(text)!r})")
    return int(text)


def _default_retry(client: "BaseClient") -> Retry | None:
    """The policy of a client given no ``retry=``: ``max_retries=``, else MAX_RETRIES_ENV, else DEFAULT_MAX_RETRIES."""
    _check_max_retries(client, None, client.max_retries)  # attrs validates only after this factory ran
    return retry_policy(client.max_retries if client.max_retries is not None else _max_retries_from_env())


def aiohttp_transport(**kwargs: Any) -> httpx.AsyncBaseTransport:
    """An aiohttp connection pool for the async client: ``async_transport=aiohttp_transport()``.

    httpcore's async pool costs more CPU per call the more calls wait on it (encode/httpx#3215); above
    about 20 concurrent calls aiohttp's pool keeps up where it does not (bench/RESULTS.md in the
    specpipe repository). Needs the ``aiohttp`` extra: ``pip install "heygen-api-client[aiohttp]"``.
    Keyword arguments (``verify``, ``limits``, ...) go to ``httpx_aiohttp.AiohttpTransport``, since the
    client's own ``verify_ssl`` does not reach a transport passed in.
    """
    try:
        from httpx_aiohttp import AiohttpTransport  # noqa: PLC0415 (an optional extra, imported when asked)
    except ImportError as exc:
        raise MissingExtraError(
            'aiohttp_transport() needs the aiohttp extra: pip install "heygen-api-client[aiohttp]"',
            extra="heygen-api-client[aiohttp]",
        ) from exc
    return AiohttpTransport(**kwargs)


class ApiKeyAuth(httpx.Auth):
    """Sets the credential header on each outgoing request.

    Set per request rather than as a default header, the key stays out of ``httpx.Client.headers`` and of
    every repr built from it.
    """

    def __init__(self, header: str, value: str) -> None:
        self._header = header
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._value
        yield request

    def __repr__(self) -> str:
        return f"ApiKeyAuth(header={self._header!r}, value=<redacted>)"


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """RFC 6454's origin; httpx leaves a scheme's default port out of ``port``, so both forms compare equal."""
    return url.scheme, url.host, url.port


class CredentialGuard:
    """An httpx request event hook that strips credential headers from a request to any origin but one.

    httpx calls request hooks for every request it sends, redirects included, after auth has set its
    header; the names are compared case-insensitively (httpx.Headers).
    """

    def __init__(self, origin: httpx.URL, names: Iterable[str]) -> None:
        self._origin = _origin(origin)
        self._names = tuple(names)

    def __call__(self, request: httpx.Request) -> None:
        if _origin(request.url) != self._origin:
            for name in self._names:
                request.headers.pop(name, None)

    async def asynchronous(self, request: httpx.Request) -> None:
        """The hook for an httpx.AsyncClient, which awaits its hooks."""
        self(request)

    def install(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Adds the hook after the client's own ones, so that none of them can put a credential back."""
        hooks = client.event_hooks
        hook = self if isinstance(client, httpx.Client) else self.asynchronous
        client.event_hooks = {**hooks, "request": [*hooks.get("request", []), hook]}


def _redacted(mapping: Mapping[str, Any]) -> str:
    """attrs repr for headers, cookies and httpx arguments: names only, as any value may be a credential."""
    return repr({name: "<redacted>" for name in mapping})


def _credential_from_env() -> tuple[str | None, str | None]:
    """(API key, bearer token) from the environment, exactly one of them; both set is ambiguous, so refused."""
    # Surrounding whitespace is dropped: secret files and .env lines often end with a newline.
    key = os.environ.get(API_KEY_ENV, "").strip() or None
    bearer = os.environ.get(BEARER_TOKEN_ENV, "").strip() or None
    if key is not None and bearer is not None:
        raise ApiKeyError(
            f"both {API_KEY_ENV} and {BEARER_TOKEN_ENV} are set: unset one, or pass token=... or bearer_token=..."
        )
    if key is None and bearer is None:
        raise ApiKeyError(
            f"no API key: pass token=... or set the {API_KEY_ENV} environment variable"
            f" (or, for an OAuth bearer token, bearer_token=... or {BEARER_TOKEN_ENV})"
        )
    return key, bearer


def _base_url_from_env() -> str:
    url = os.environ.get(BASE_URL_ENV, "").strip()
    return url or DEFAULT_BASE_URL


def _key_or_empty(value: str | None) -> str:
    """``token`` stays a ``str`` (its type since the first release): the empty string is "no key", as with a
    bearer token; the constructor then reads the environment."""
    return "" if value is None else value


def _check_credential(_instance: object, attribute: Any, value: str | None) -> None:
    if value is None or (value == "" and attribute.name == "token"):  # no key: a bearer token, or not read yet
        return
    # httpx would reject such a value with an error quoting it, so refuse it here without quoting it.
    if not value or value != value.strip() or not (value.isascii() and value.isprintable()):
        what = "the bearer token" if attribute.name == "bearer_token" else "the API key"
        raise ApiKeyError(
            f"{what} is empty, has surrounding whitespace or characters an HTTP header cannot carry"
            " (a trailing newline from a secret file?)"
        )


_CREDENTIAL_NAMES = {"api_key": "an API key", "bearer": "a bearer token"}


def _check_prefix(_instance: object, _attribute: object, value: str) -> None:
    # The prefix shares the header value with the key: a CR or LF here makes httpx's error quote both.
    if value != value.strip() or not (value.isascii() and value.isprintable()):
        raise ApiKeyError("the prefix has surrounding whitespace or characters an HTTP header cannot carry")


_HEADER_NAME_CHARS = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
"""RFC 9110 token characters, the only ones a header name may have."""


def _check_header_name(_instance: object, _attribute: object, value: str) -> None:
    if not value or not _HEADER_NAME_CHARS.issuperset(value):
        raise ApiKeyError("auth_header_name is not a valid HTTP header name (RFC 9110 token characters only)")


# Content codings decompressed here, in steps, instead of by httpx: its decoders inflate each network
# read whole, and a 64 KB read of a gzip bomb is 60 MB before any limit can be checked.
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
_STEP = 1024 * 1024
"""The most one decompression step produces."""


class _Inflater:
    """gzip or deflate (zlib-wrapped, else raw, as httpx reads it), at most ``_STEP`` bytes per step."""

    def __init__(self, encoding: str) -> None:
        self._wbits = _WBITS[encoding]
        self._decompressor = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._decompressor.decompress(data, _STEP)
            except zlib.error as exc:
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise httpx.DecodingError(str(exc)) from exc
                self._wbits = -zlib.MAX_WBITS  # deflate without its zlib wrapper, which servers send too
                self._decompressor = zlib.decompressobj(self._wbits)
                continue
            self._started = True
            if out:
                yield out
            data = self._decompressor.unconsumed_tail

    def flush(self) -> bytes:
        return self._decompressor.flush()


def _inflater(response: httpx.Response) -> _Inflater | None:
    # get_list: get() raises and catches a KeyError for a missing header, as on most responses (bench).
    encoding = ", ".join(response.headers.get_list("content-encoding")).strip().lower()
    return _Inflater(encoding) if encoding in _WBITS else None


def _inflated(inflater: _Inflater, raw: Iterator[bytes]) -> Iterator[bytes]:
    for data in raw:
        yield from inflater.feed(data)
    yield inflater.flush()


async def _ainflated(inflater: _Inflater, raw: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    async for data in raw:
        for chunk in inflater.feed(data):
            yield chunk
    yield inflater.flush()


def _body_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The decoded body, in bounded steps where we decompress it, else as httpx decodes it; a body the
    transport read already (httpx.MockTransport's, decoded by httpx, its encoded stream gone) as it is."""
    if response.is_stream_consumed:
        return iter((response.content,))
    inflater = _inflater(response)
    return response.iter_bytes() if inflater is None else _inflated(inflater, response.iter_raw())


async def _in_memory(content: bytes) -> AsyncIterator[bytes]:
    yield content


def _abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    if response.is_stream_consumed:
        return _in_memory(response.content)
    inflater = _inflater(response)
    return response.aiter_bytes() if inflater is None else _ainflated(inflater, response.aiter_raw())


def _deadline_passed(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the response outlasted the client's deadline", request=request)


class _Watch:
    """One sync attempt's deadline: the socket it reads from, once known, and whether the deadline passed.
    The stream comes from httpcore's ``trace`` request extension: the connect event's return value on a
    new connection; on a pooled one (httpcore traces no event that carries it) the ``_network_stream`` of
    the HTTP/1.1 connection whose ``send_request_headers`` event calls back. The watchdog learns of a
    watch only once its socket is known (armed): before, it has nothing to shut, and an attempt without a
    socket (an in-process transport) costs no lock and no heap entry."""

    __slots__ = ("caller_trace", "deadline_at", "fired", "stopped", "_armed", "_watchdog", "_socket", "_stream")

    def __init__(
        self, deadline_at: float, watchdog: "_Watchdog", caller_trace: Callable[[str, dict[str, Any]], Any] | None
    ) -> None:
        self.deadline_at = deadline_at
        self.fired = False
        self.stopped = False
        self.caller_trace = caller_trace
        self._armed = False
        self._watchdog = watchdog
        self._socket: socket.socket | None = None
        self._stream: Any = None

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback."""
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            self._stream = info["return_value"]
        elif event == "http11.send_request_headers.started":  # HTTP/2 multiplexes calls: its socket is left alone
            stream = self._stream if self._stream is not None else _caller_stream()
            if stream is not None:
                self._watch(stream.get_extra_info("socket"))
            self._untrace(info["request"].extensions)
        if self.caller_trace is not None:
            self.caller_trace(event, info)

    def _untrace(self, extensions: dict[str, Any]) -> None:
        """Nothing left to learn in this attempt: httpcore stops tracing (each traced event costs)."""
        if self.caller_trace is None:
            del extensions["trace"]
        else:
            extensions["trace"] = self.caller_trace

    def _watch(self, sock: socket.socket | None) -> None:
        self._socket = sock
        self._armed = True
        self._watchdog.arm(self)  # a deadline already past: the watchdog shuts the socket at once

    def expire(self) -> None:
        """Called by the watchdog, under its lock."""
        if not self.stopped:
            self.fired = True
            _shut(self._socket)

    def stop(self) -> bool:
        """Ends the watch before the connection goes back to the pool (where another call may take it);
        True if the deadline had passed."""
        if self.stopped:  # stopped under the lock before: the watchdog no longer changes it
            return self.fired
        if not self._armed:  # the watchdog never had it: the clock says whether the deadline passed
            self.stopped = True
            self.fired = time.monotonic() > self.deadline_at
            self._stream = None
            return self.fired
        with self._watchdog.lock:
            self.stopped = True
            self._socket = self._stream = None  # the heap keeps a stopped watch until its deadline
            return self.fired


def _caller_stream() -> Any:
    """The network stream of the httpcore connection whose ``handle_request`` is up the stack (a trace
    callback runs inside it); only that frame's locals are read (reading them costs)."""
    frame: FrameType | None = sys._getframe(2)
    for _ in range(4):
        if frame is None:
            return None
        if frame.f_code.co_name == "handle_request":
            return getattr(frame.f_locals.get("self"), "_network_stream", None)
        frame = frame.f_back
    return None


def _shut(sock: socket.socket | None) -> None:
    """Wakes a read blocked on ``sock`` at once (with end of file; close() would not wake it). The plain
    socket's shutdown, also for TLS: ssl.SSLSocket's own would unset its SSL object under the reading thread."""
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:  # already closed
        pass


class _Watchdog:
    """One daemon thread for the deadlines of every sync attempt, earliest first in a heap: a
    threading.Timer per attempt would start a thread per attempt. Written by hand: no library found
    that shuts a socket at a deadline without a thread per call."""

    def __init__(self) -> None:
        self._start_afresh()
        if hasattr(os, "register_at_fork"):  # a forked child has none of its parent's threads
            os.register_at_fork(after_in_child=self._start_afresh)

    def _start_afresh(self) -> None:
        self.lock = threading.Lock()
        self._wake = threading.Condition(self.lock)
        self._heap: list[tuple[float, int, _Watch]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._waiting_until = math.inf
        """What the thread sleeps until: with calls one after another, a new deadline is later and the
        thread is left asleep."""

    def watch(self, request: httpx.Request, deadline_at: float) -> _Watch:
        """A watch in ``request``'s trace extension (calling the caller's trace too), armed once it knows its socket."""
        caller_trace = request.extensions.get("trace")
        if isinstance(caller_trace, _Watch):  # a retry: the previous attempt's
            caller_trace = caller_trace.caller_trace
        watch = _Watch(deadline_at, self, caller_trace)
        request.extensions["trace"] = watch
        return watch

    def arm(self, watch: _Watch) -> None:
        """From now on the watchdog expires ``watch`` at its deadline."""
        deadline_at = watch.deadline_at
        with self.lock:
            # Stopped watches stay until they reach the top: with calls one after another, the earliest is
            # long done; concurrent ones wait at most for the deadline of the oldest running attempt.
            while self._heap and self._heap[0][2].stopped:
                heapq.heappop(self._heap)
            heapq.heappush(self._heap, (deadline_at, next(self._order), watch))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="heygen-deadlines", daemon=True)
                self._thread.start()
            elif deadline_at < self._waiting_until:  # only then: a wake per call made calls 1.17x slower (bench)
                self._wake.notify()

    def _run(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].stopped or self._heap[0][0] <= now):
                    heapq.heappop(self._heap)[2].expire()
                self._waiting_until = self._heap[0][0] if self._heap else math.inf
                self._wake.wait(None if not self._heap else self._waiting_until - now)


_WATCHDOG = _Watchdog()


def _read_bounded(response: httpx.Response, limit: int | None, watch: _Watch | None, secrets: tuple[str, ...]) -> None:
    """Reads a streamed body into ``response.content``, at most ``limit`` bytes once decompressed and
    within ``watch``'s deadline; httpx's ``read()`` has neither bound. The watchdog ends a read that
    blocks; the check on each chunk covers transports without a socket."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in _body_chunks(response):
            size += len(chunk)
            if limit is not None and size > limit:
                raise _too_large(response, limit, chunks, secrets)
            if watch is not None and time.monotonic() > watch.deadline_at:
                raise _deadline_passed(response.request)
            chunks.append(chunk)
        if watch is not None and watch.stop():
            raise _deadline_passed(response.request)
    finally:
        response.close()
    response._content = b"".join(chunks)  # what httpx's own read() sets: .content works as usual


async def _aread_bounded(response: httpx.Response, limit: int | None, secrets: tuple[str, ...]) -> None:
    """``_read_bounded`` for async clients, whose deadline is a cancel scope around the whole attempt."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in _abody_chunks(response):
            size += len(chunk)
            if limit is not None and size > limit:
                raise _too_large(response, limit, chunks, secrets)
            chunks.append(chunk)
    finally:
        await response.aclose()
    response._content = b"".join(chunks)


_TOO_LARGE_KEPT_BYTES = 64 * 1024


def _too_large(
    response: httpx.Response, limit: int, chunks: list[bytes], secrets: tuple[str, ...]
) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        limit,
        status_code=response.status_code,
        content=_head(chunks, _TOO_LARGE_KEPT_BYTES),
        headers=response.headers,
        request=describe_request(response.request),
        secrets=secrets,
    )


def _head(chunks: list[bytes], size: int) -> bytes:
    """The first ``size`` bytes of ``chunks``, without joining them all: they hold up to the whole limit."""
    kept = bytearray()
    for chunk in chunks:
        kept += chunk[: size - len(kept)]
        if len(kept) >= size:
            break
    return bytes(kept)


class _LoopDeadlines:
    """The deadlines of one event loop's running async attempts, earliest first, behind one timer handle.

    ``asyncio.timeout(seconds)`` schedules and cancels a timer handle per attempt, and cancelled handles
    stay in the loop's heap, ordered by a Python ``__lt__``, until the loop next runs: an in-process call
    (which never yields to the loop) paid ~20 µs for it in bench/call_overhead.py. Here each attempt
    enters ``asyncio.timeout(None)`` (no handle) and the one handle reschedules the timeout that is due,
    which asyncio then cancels and turns into TimeoutError as usual. Nothing here refers to the loop
    (the handle only weakly), so that a finished loop, which keys this object weakly, can be collected.
    Written by hand: no library keeps such a shared timer for asyncio."""

    __slots__ = ("_heap", "_order", "_handle", "_handle_at")

    def __init__(self) -> None:
        self._heap: list[list[Any]] = []
        """[deadline, order, timeout or None once the attempt ended]: lists, so that an entry can be marked ended."""
        self._order = itertools.count()
        self._handle: weakref.ref[asyncio.TimerHandle] | None = None
        self._handle_at = math.inf

    def add(self, loop: asyncio.AbstractEventLoop, seconds: float, timeout: asyncio.Timeout) -> list[Any]:
        """Watches ``timeout`` (entered) for ``seconds``, until its entry's last item is set to None."""
        when = loop.time() + seconds
        heap = self._heap
        while heap and heap[0][2] is None:  # ended attempts leave when they reach the top
            heapq.heappop(heap)
        entry = [when, next(self._order), timeout]
        heapq.heappush(heap, entry)
        if when < self._handle_at:  # calls one after another: a later deadline, the handle stays
            self._schedule(loop, when)
        return entry

    def _schedule(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        handle = self._handle() if self._handle is not None else None
        if handle is not None:
            handle.cancel()
        self._handle, self._handle_at = weakref.ref(loop.call_at(when, self._expire)), when

    def _expire(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        heap = self._heap
        while heap and (heap[0][2] is None or heap[0][0] <= now):
            timeout = heapq.heappop(heap)[2]
            if timeout is not None:
                timeout.reschedule(now)  # due now: asyncio cancels the attempt on its next step
        self._handle, self._handle_at = None, math.inf
        if heap:
            self._schedule(loop, heap[0][0])


_LOOP_DEADLINES: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopDeadlines]" = weakref.WeakKeyDictionary()


def _loop_deadlines() -> tuple[asyncio.AbstractEventLoop, _LoopDeadlines] | None:
    """The running asyncio loop and its deadlines; None when not under asyncio (trio, through anyio)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    deadlines = _LOOP_DEADLINES.get(loop)
    if deadlines is None:
        deadlines = _LOOP_DEADLINES[loop] = _LoopDeadlines()
    return loop, deadlines


async def _within_anyio(attempt: Awaitable[httpx.Response], seconds: float) -> httpx.Response:
    import anyio  # noqa: PLC0415

    with anyio.fail_after(seconds):
        return await attempt


def _log_attempt(request: httpx.Request, started: float, attempt: int, outcome: httpx.Response | Exception) -> None:
    if not logger.isEnabledFor(logging.INFO):
        return
    elapsed = (time.monotonic() - started) * 1000
    if isinstance(outcome, httpx.Response):
        request_id = next((outcome.headers[name] for name in REQUEST_ID_HEADERS if name in outcome.headers), None)
        logger.info(
            "%s %s -> %s in %.0f ms (attempt %d, request id %s)",
            request.method,
            request.url.path,
            outcome.status_code,
            elapsed,
            attempt,
            None if request_id is None else _escaped(request_id),
        )
    else:  # the exception's type only: a message might quote what the request carried
        logger.info(
            "%s %s -> %s in %.0f ms (attempt %d)",
            request.method,
            request.url.path,
            type(outcome).__name__,
            elapsed,
            attempt,
        )


def _log_retry(request: httpx.Request, retry: Retry) -> None:
    logger.debug("%s %s: retry %d of %d", request.method, request.url.path, retry.attempts_made, retry.total)


def _failure(exc: Exception, secrets: tuple[str, ...], attempts: int) -> Exception:
    """What a call raises once no attempt is left: a transport failure as ApiConnectionError/ApiTimeoutError."""
    if not isinstance(exc, httpx.TransportError):
        return exc
    if secrets:
        exc.args = (redact(str(exc), secrets),)  # it stays the wrapper's __cause__
    return transport_error(exc, secrets, attempts)


_EXTRAS = {
    "httpx[socks]": "a SOCKS proxy (in httpx_args, or in the ALL_PROXY, HTTPS_PROXY or HTTP_PROXY environment variable)",
    "httpx[http2]": "HTTP/2 (http2=True in httpx_args)",
}
"""The extras whose absence httpx reports with an ImportError while building a client, and what needs them."""


def _built(factory: Callable[..., _HttpxClient], kwargs: dict[str, Any]) -> _HttpxClient:
    """httpx builds its transports, proxies included, with the client, and raises a bare ImportError when
    one needs a package not installed; that becomes a MissingExtraError naming the extra."""
    try:
        return factory(**kwargs)
    except ImportError as exc:
        extra = next((name for name in _EXTRAS if name in str(exc)), None)
        if extra is None:  # not one httpx names: nothing to add to its own message
            raise
        raise MissingExtraError(
            f'{_EXTRAS[extra]} needs the {extra} extra, which is not installed: pip install "{extra}"', extra=extra
        ) from exc


@define
class BaseClient:
    """What ``Client`` and ``AuthenticatedClient`` share: settings, connection pool, attempt loop, copies.

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` for many concurrent async calls.


    Attributes:
        raise_on_unexpected_status: Whether to raise an errors.UnexpectedStatus if the API returns a status
            code that was not documented in the source OpenAPI document (retries are spent first). Can also be
            provided as a keyword argument to the constructor.
        max_retries: Attempts after the first one for the default retry policy: this, else the
            HEYGEN_MAX_RETRIES environment variable, else DEFAULT_MAX_RETRIES (2). An explicit ``retry=`` policy
            wins over both.
        retry: How transient failures are retried (see retry_policy); None turns retries off. Given, it wins
            over ``max_retries`` and HEYGEN_MAX_RETRIES.
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    max_retries: int | None = field(default=None, kw_only=True, validator=_check_max_retries)
    retry: Retry | None = field(default=Factory(_default_retry, takes_self=True), kw_only=True)
    _base_url: str = field(factory=_base_url_from_env, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_redacted)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_redacted)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=_redacted)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_transport: httpx.AsyncBaseTransport | None = field(default=None, kw_only=True, alias="async_transport")
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _max_response_bytes: int | None = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes"
    )
    _deadline: float | None = field(default=None, kw_only=True, alias="deadline")
    _root: "BaseClient | None" = field(default=None, init=False, repr=False, eq=False)
    """The client whose connection pool a ``with_options`` copy shares; None for the one that owns it."""

    def _auth(self) -> httpx.Auth | None:
        return None

    def _require(self, schemes: tuple[str, ...], method: str, url: str) -> None:
        """Refuses, before sending, an operation whose accepted credentials (``schemes``) exclude this
        client's; a client without credentials sends none and lets the server answer."""

    def _secret_values(self) -> tuple[str, ...]:
        """What error messages must redact should a response echo it."""
        return ()

    def _default_headers(self) -> dict[str, str]:
        return {"User-Agent": USER_AGENT, "Accept": "application/json", **self._headers}

    def _httpx_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._default_headers(),
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }
        auth = self._auth()
        if auth is not None:
            kwargs.setdefault("auth", auth)
        return kwargs

    # Copies -------------------------------------------------------------------------------------------

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None | Unset = UNSET,
        retry: Retry | None | Unset = UNSET,
        headers: Mapping[str, str] | Unset = UNSET,
        max_response_bytes: int | None | Unset = UNSET,
        deadline: float | None | Unset = UNSET,
    ) -> Self:
        """A copy with other settings that shares this client's connection pool and leaves it unchanged.

        The copy sends its headers and timeout with each request; leaving a copy's context manager does
        not close the shared pool, only leaving the original's does. Options not given stay as they are.
        """
        changes: dict[str, Any] = {}
        if not isinstance(timeout, Unset):
            changes["timeout"] = (
                timeout if timeout is None or isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
            )
        if not isinstance(retry, Unset):
            changes["retry"] = retry
        if not isinstance(headers, Unset):
            changes["headers"] = {**self._headers, **headers}
        if not isinstance(max_response_bytes, Unset):
            changes["max_response_bytes"] = max_response_bytes
        if not isinstance(deadline, Unset):
            changes["deadline"] = deadline
        copy = evolve(self, **changes)
        copy._root = self._root or self
        return copy

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy sending additional headers (``with_options(headers=...)``); this client is unchanged."""
        return self.with_options(headers=headers)

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A copy with another timeout (``with_options(timeout=...)``); this client is unchanged."""
        return self.with_options(timeout=timeout)

    def with_retry(self, retry: Retry | None) -> Self:
        """A copy with another retry configuration (None: no retries); this client is unchanged."""
        return self.with_options(retry=retry)

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy with additional cookies and a connection pool of its own (httpx keeps cookies per pool)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def _override(self, kwargs: dict[str, Any]) -> None:
        """A copy's own headers and timeout, sent with each request over the shared pool."""
        kwargs.setdefault("timeout", self._timeout)
        kwargs["headers"] = {**self._headers, **kwargs.get("headers", {})}

    def _deadline_seconds(self) -> float | None:
        if self._deadline is not None:
            return self._deadline
        return self._timeout.read if self._timeout is not None else None

    def _retry_for(self, request: httpx.Request) -> Retry | None:
        retry: Retry | None = request.extensions.get("retry", self.retry)
        return retry if retry is not None and retry.is_retryable_method(request.method) else None

    def _adopt(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Gives an injected httpx client what the client's own would have: auth, headers and timeout."""
        auth = self._auth()
        if auth is not None:
            if client.auth is not None and not isinstance(client.auth, ApiKeyAuth):
                raise ApiKeyError("the injected httpx client has an auth of its own, so the API key could not be sent")
            client.auth = auth
        self._guard(client)
        for name, value in self._default_headers().items():
            current = client.headers.get(name)
            # httpx's own defaults ("*/*", "python-httpx/<version>") are not the caller's choice: replace them.
            if current is None or current == "*/*" or current.startswith("python-httpx/"):
                client.headers[name] = value
        client.timeout = httpx.Timeout(self._timeout)

    def _credential_headers(self) -> tuple[str, ...]:
        """The headers that go to the base URL's origin only."""
        return ("Authorization",)

    def _guard(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Credentials to ``client``'s base URL's origin only (this client's base URL if it has none)."""
        origin = client.base_url if client.base_url.host else httpx.URL(self._base_url)
        CredentialGuard(origin, self._credential_headers()).install(client)

    # Sync ----------------------------------------------------------------------------------------------

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use ``client`` (a proxy, mTLS, ...) for every call; it gets this client's auth, default headers
        (where it has none of that name) and timeout, and calls through it are retried and bounded as usual."""
        self._adopt(client)
        (self._root or self)._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._root is not None:
            return self._root.get_httpx_client()
        if self._client is None:
            self._client = _built(httpx.Client, self._httpx_kwargs())
            self._guard(self._client)
        return self._client

    def _attempt(
        self,
        client: httpx.Client,
        request: httpx.Request,
        send_kwargs: dict[str, Any],
        deadline_at: float | None,
        secrets: tuple[str, ...],
    ) -> httpx.Response:
        """One attempt, headers and body within the deadline: at the deadline the watchdog shuts the
        socket the attempt reads from, which ends a blocked read at once."""
        watch = None if deadline_at is None else _WATCHDOG.watch(request, deadline_at)
        try:
            response = client.send(request, stream=True, **send_kwargs)
            _read_bounded(response, self._max_response_bytes, watch, secrets)
        except Exception:
            if watch is not None and watch.stop():
                raise _deadline_passed(request) from None
            raise
        finally:
            if watch is not None:
                watch.stop()
        return response

    def request(self, method: str, url: str, *, schemes: tuple[str, ...] = (), **kwargs: Any) -> httpx.Response:
        """Send a request through the shared httpx.Client, retried as ``retry`` says.

        The API functions call this; it also serves endpoints the API document does not describe.
        ``schemes``: the credentials the operation accepts ("api_key", "bearer", "none"; empty: any);
        another is refused with ``ApiKeyError`` before anything is sent. Other keyword arguments go to
        ``httpx.Client.build_request`` (``auth`` and ``follow_redirects`` to ``send``). Each attempt
        reads at most ``max_response_bytes`` within the ``deadline``.
        """
        self._require(schemes, method, url)
        client = self.get_httpx_client()
        if self._root is not None:
            self._override(kwargs)
        send_kwargs: dict[str, Any] = {
            name: kwargs.pop(name) for name in ("auth", "follow_redirects") if name in kwargs
        }
        request = client.build_request(method, url, **kwargs)
        retry = self._retry_for(request)
        deadline, secrets = self._deadline_seconds(), self._secret_values()
        # The loop of httpx_retries.retry_request, written out so that each attempt is bounded
        # (_attempt); the decisions (is_exhausted, is_retryable_*, increment, sleep) are the library's.
        attempt = 1
        while True:
            started = time.monotonic()
            try:
                deadline_at = None if deadline is None else started + deadline
                response = self._attempt(client, request, send_kwargs, deadline_at, secrets)
                retryable = retry is not None and retry.is_retryable_status_code(response.status_code)
                if retry is not None and not retryable and retry.validate_response is not None:
                    retry.validate_response(response)
            except Exception as exc:
                _log_attempt(request, started, attempt, exc)
                if retry is None or retry.is_exhausted() or not retry.is_retryable_exception(exc):
                    raise _failure(exc, secrets, attempt) from exc
                retry = retry.increment()
                _log_retry(request, retry)
                retry.sleep(exc)
            else:
                _log_attempt(request, started, attempt, response)
                if retry is None or not retryable or retry.is_exhausted():
                    response.extensions["retry"] = retry
                    return response
                retry = retry.increment()
                _log_retry(request, retry)
                retry.sleep(response)
            attempt += 1

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs); a copy's is a no-op"""
        if self._root is None:
            self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs); a copy leaves the pool open"""
        if self._root is None:
            self.get_httpx_client().__exit__(*args, **kwargs)

    # Async ---------------------------------------------------------------------------------------------

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """``set_httpx_client`` for the async calls."""
        self._adopt(async_client)
        (self._root or self)._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._root is not None:
            return self._root.get_async_httpx_client()
        if self._async_client is None:
            kwargs = self._httpx_kwargs()
            if self._async_transport is not None:
                kwargs["transport"] = self._async_transport
            self._async_client = _built(httpx.AsyncClient, kwargs)
            self._guard(self._async_client)
        return self._async_client

    async def _send_and_read(
        self, client: httpx.AsyncClient, request: httpx.Request, send_kwargs: dict[str, Any], secrets: tuple[str, ...]
    ) -> httpx.Response:
        response = await client.send(request, stream=True, **send_kwargs)
        await _aread_bounded(response, self._max_response_bytes, secrets)
        return response

    async def _aattempt(
        self,
        client: httpx.AsyncClient,
        request: httpx.Request,
        send_kwargs: dict[str, Any],
        deadline: float | None,
        secrets: tuple[str, ...],
    ) -> httpx.Response:
        """One attempt, headers and body within the deadline: an asyncio timeout under asyncio, due at the
        deadline through ``_LoopDeadlines`` (anyio's cancel scope made async calls 1.3x slower in
        bench/call_overhead.py), anyio's under trio."""
        if deadline is None:
            return await self._send_and_read(client, request, send_kwargs, secrets)
        running = _loop_deadlines()
        try:
            if running is not None:
                loop, deadlines = running
                async with asyncio.timeout(None) as timeout:
                    entry = deadlines.add(loop, deadline, timeout)
                    try:
                        return await self._send_and_read(client, request, send_kwargs, secrets)
                    finally:
                        entry[2] = None
            return await _within_anyio(self._send_and_read(client, request, send_kwargs, secrets), deadline)
        except TimeoutError:
            raise _deadline_passed(request) from None

    async def arequest(self, method: str, url: str, *, schemes: tuple[str, ...] = (), **kwargs: Any) -> httpx.Response:
        """Like ``request``, through the shared httpx.AsyncClient."""
        self._require(schemes, method, url)
        client = self.get_async_httpx_client()
        if self._root is not None:
            self._override(kwargs)
        send_kwargs: dict[str, Any] = {
            name: kwargs.pop(name) for name in ("auth", "follow_redirects") if name in kwargs
        }
        request = client.build_request(method, url, **kwargs)
        retry = self._retry_for(request)
        deadline, secrets = self._deadline_seconds(), self._secret_values()
        attempt = 1
        while True:
            started = time.monotonic()
            try:
                response = await self._aattempt(client, request, send_kwargs, deadline, secrets)
                retryable = retry is not None and retry.is_retryable_status_code(response.status_code)
                if retry is not None and not retryable and retry.validate_response is not None:
                    validated = retry.validate_response(response)
                    if validated is not None:  # an async validator
                        await validated
            except Exception as exc:
                _log_attempt(request, started, attempt, exc)
                if retry is None or retry.is_exhausted() or not retry.is_retryable_exception(exc):
                    raise _failure(exc, secrets, attempt) from exc
                retry = retry.increment()
                _log_retry(request, retry)
                await retry.asleep(exc)
            else:
                _log_attempt(request, started, attempt, response)
                if retry is None or not retryable or retry.is_exhausted():
                    response.extensions["retry"] = retry
                    return response
                retry = retry.increment()
                _log_retry(request, retry)
                await retry.asleep(response)
            attempt += 1

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        if self._root is None:
            await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs); a copy leaves the pool open"""
        if self._root is None:
            await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class Client(BaseClient):
    """A client for the endpoints that need no credentials

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` for many concurrent async calls.

    """


@define
class AuthenticatedClient(BaseClient):
    """A client for the endpoints that need credentials

    The credential is an API key (``token``) or an OAuth bearer token (``bearer_token``), never both: an
    argument wins over the environment (HEYGEN_API_KEY, HEYGEN_BEARER_TOKEN), which is read only when
    neither is passed; both passed, or both variables set and neither passed, raises
    ``errors.ApiKeyError``, as does none at all. An operation whose document does not accept the
    client's credential raises ``errors.ApiKeyError`` before sending anything.

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` for many concurrent async calls.


    Attributes:
        token: The API key; read from the HEYGEN_API_KEY environment variable when no credential is given;
            empty with a bearer token. Never shown in repr.
        bearer_token: An OAuth bearer token, sent as Authorization: Bearer instead of the key; read from the
            HEYGEN_BEARER_TOKEN environment variable when no credential is given and HEYGEN_API_KEY is not set.
            Never shown in repr.
        prefix: The prefix put before the key in the header (none for an API key header)
        auth_header_name: The name of the header that carries the key
    """

    token: str = field(default=None, converter=_key_or_empty, repr=False, validator=_check_credential)
    prefix: str = field(default="", validator=_check_prefix)
    auth_header_name: str = field(default="x-api-key", validator=_check_header_name)
    bearer_token: str | None = field(default=None, kw_only=True, repr=False, validator=_check_credential)

    def __attrs_post_init__(self) -> None:
        if self.token and self.bearer_token is not None:
            raise ApiKeyError("both an API key (token=) and a bearer token (bearer_token=) were passed: pass one")
        if not self.token and self.bearer_token is None:
            key, self.bearer_token = _credential_from_env()  # validated on assignment (attrs on_setattr)
            self.token = key or ""

    def _auth(self) -> httpx.Auth | None:
        if self.bearer_token is not None:
            return ApiKeyAuth(BEARER_HEADER_NAME, f"{BEARER_PREFIX} {self.bearer_token}")
        return ApiKeyAuth(self.auth_header_name, f"{self.prefix} {self.token}" if self.prefix else self.token)

    def _kind(self) -> str:
        return "bearer" if self.bearer_token is not None else "api_key"

    def _require(self, schemes: tuple[str, ...], method: str, url: str) -> None:
        kind = self._kind()
        if schemes and kind not in schemes and "none" not in schemes:
            needs = " or ".join(_CREDENTIAL_NAMES.get(scheme, scheme) for scheme in schemes)
            raise ApiKeyError(
                f"{method.upper()} {url} needs {needs}, and this client has {_CREDENTIAL_NAMES[kind]}: nothing was sent"
                + (f" (pass token=... or set {API_KEY_ENV})" if "api_key" in schemes else "")
            )

    def _secret_values(self) -> tuple[str, ...]:
        return tuple(value for value in (self.token, self.bearer_token) if value)

    def _credential_headers(self) -> tuple[str, ...]:
        return ("Authorization", self.auth_header_name)
