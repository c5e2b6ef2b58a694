"""Fault injection: one test per fault, each asserting the outcome docs/client/errors.md documents for it.

Every test runs through the sync and the async API function, bounds the wall time by the retry budget
(short settings from conftest), and checks that no log record or error message holds the API key.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import json
import socket
import threading
import time
import tracemalloc
import weakref
import zlib
from collections.abc import Callable
from email.utils import formatdate
from typing import Any

import httpx
import pytest
from heygen_api_client import (
    ApiTimeoutError,
    AuthenticatedClient,
    InternalServerError,
    InvalidResponse,
    ResponseTooLargeError,
    UnexpectedStatus,
    retry_policy,
)
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.models import DeleteVideoResponse, DeleteVideoResult
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

from tests.client.conftest import (
    ATTEMPT_TIMEOUT,
    OK_BODY,
    PATH,
    SHORT_RETRY,
    SLACK,
    Mode,
    Result,
    SecretGuard,
    delete_video,
    wall_time_bound,
)
from tests.client.support import (
    ScriptedServer,
    keep_alive,
    read_request_head,
    reset_mid_body,
    respond,
    unused_loopback_url,
)

MakeClient = Callable[..., AuthenticatedClient]


def _reply(server: HTTPServer, body: bytes | str, *, status: int = 200, **options: Any) -> None:
    server.expect_ordered_request(PATH, method="DELETE").respond_with_data(body, status=status, **options)


def _reply_ok(server: HTTPServer) -> None:
    _reply(server, json.dumps(OK_BODY), content_type="application/json")


def _timed(call: Callable[[], Result]) -> tuple[Result, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _assert_ok(result: Result) -> None:
    assert result.status_code == 200
    assert isinstance(result.parsed, DeleteVideoResponse)
    assert result.parsed.to_dict() == OK_BODY


def _raises_within(expected: type[BaseException], bound: float, call: Callable[[], Result], guard: SecretGuard) -> Any:
    """The error ``call`` raises, after checking its type, that it came within ``bound`` s and holds no key."""
    started = time.monotonic()
    with pytest.raises(expected) as caught:
        call()
    assert time.monotonic() - started < bound
    guard.check_error(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("retry_after", "waits_at_least"),
    [("1", 0.9), (None, 0.9)],
    ids=["seconds", "http-date"],
)
def test_fault_429_retry_after(
    retry_after: str | None, waits_at_least: float, server: HTTPServer, make_client: MakeClient, mode: Mode
) -> None:
    """429 + Retry-After (seconds, or an HTTP date 2 s ahead): the client waits as told, then succeeds."""
    header = retry_after or formatdate(time.time() + 2, usegmt=True)
    _reply(server, "slow down", status=429, headers={"Retry-After": header})
    _reply_ok(server)
    client = make_client(server.url_for(""), retry=retry_policy(backoff=0.01, max_wait=5, budget=5))

    result, elapsed = _timed(lambda: delete_video(client, mode))

    _assert_ok(result)
    assert len(server.log) == 2
    # The 10 ms backoff cannot explain the wait: Retry-After was honoured, and nothing more.
    assert waits_at_least <= elapsed < 2 + 2 * ATTEMPT_TIMEOUT + SLACK


def test_fault_429_retry_after_capped(server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    """429 asking for an hour: the wait is capped at max_wait (0.3 s here), then the client succeeds."""
    _reply(server, "slow down", status=429, headers={"Retry-After": "3600"})
    _reply_ok(server)
    client = make_client(server.url_for(""), retry=retry_policy(backoff=0.01, max_wait=0.3, budget=5))

    result, elapsed = _timed(lambda: delete_video(client, mode))

    _assert_ok(result)
    assert 0.25 <= elapsed < 0.3 + 2 * ATTEMPT_TIMEOUT + SLACK


@pytest.mark.parametrize("status", [408, 500, 502, 503, 504])
def test_fault_retryable_status(status: int, server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    """408/500/502/503/504 twice, then 200: retried twice with backoff, and the third attempt succeeds."""
    _reply(server, "try again", status=status)
    _reply(server, "try again", status=status)
    _reply_ok(server)

    result, elapsed = _timed(lambda: delete_video(make_client(server.url_for("")), mode))

    _assert_ok(result)
    assert len(server.log) == 3
    assert elapsed < wall_time_bound(3)


def test_fault_retryable_status_exhausted(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """503 on every attempt: three attempts, then UnexpectedStatus with status, code, message, request id."""
    body = json.dumps({"code": 400123, "message": "Service busy"})
    for _ in range(3):
        _reply(server, body, status=503, content_type="application/json", headers={"X-Request-Id": "req-42"})
    client = make_client(server.url_for(""))

    error = _raises_within(UnexpectedStatus, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard)

    assert len(server.log) == 3
    assert (error.status_code, error.code, error.message, error.request_id) == (503, 400123, "Service busy", "req-42")
    assert "503 Service Unavailable" in str(error)
    assert "req-42" in str(error)


def test_fault_connection_refused(
    make_client: MakeClient, mode: Mode, secret_guard: SecretGuard, caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing listens on the port: three connection attempts, then httpx.ConnectError."""
    client = make_client(unused_loopback_url())

    _raises_within(httpx.ConnectError, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard)

    # the client's own line per attempt: the count holds on any transport (httpcore's or aiohttp's pool)
    attempts = [r for r in caplog.records if r.name == "heygen_api_client" and "-> ConnectError" in r.getMessage()]
    assert len(attempts) == 3


@pytest.mark.parametrize("resets", [2, 3], ids=["then-success", "every-attempt"])
def test_fault_connection_reset_mid_body(
    resets: int, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """The connection is reset halfway through the body: retried; after three resets a TransportError."""
    behaviours = [reset_mid_body] * resets + [respond(json.dumps(OK_BODY).encode())] * (3 - resets)
    with ScriptedServer(behaviours).running() as scripted:
        client = make_client(scripted.url)
        if resets < 3:
            result, elapsed = _timed(lambda: delete_video(client, mode))
            _assert_ok(result)
            assert elapsed < wall_time_bound(3)
        else:
            _raises_within(httpx.TransportError, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard)
    assert scripted.connections == 3
    assert scripted.errors == []


class _SlowThenFast:
    """Answers the first ``slow`` requests after the client's timeout, the rest at once."""

    def __init__(self, slow: int) -> None:
        self.slow = slow
        self.seen = 0
        self.finished = threading.Semaphore(0)
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> WerkzeugResponse:
        with self._lock:
            index = self.seen
            self.seen += 1
        if index < self.slow:
            time.sleep(ATTEMPT_TIMEOUT + 0.3)
        self.finished.release()
        return WerkzeugResponse(json.dumps(OK_BODY), content_type="application/json")

    def wait(self, count: int) -> None:
        """Let late handlers finish, so that they do not answer into the next test's log."""
        for _ in range(count):
            assert self.finished.acquire(timeout=5)


@pytest.mark.parametrize("slow", [1, 3], ids=["then-success", "every-attempt"])
def test_fault_read_timeout(
    slow: int, server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """The response comes after the read timeout: retried; after three timeouts httpx.ReadTimeout."""
    handler = _SlowThenFast(slow)
    server.expect_request(PATH, method="DELETE").respond_with_handler(handler)
    client = make_client(server.url_for(""))

    if slow < 3:
        result, elapsed = _timed(lambda: delete_video(client, mode))
        _assert_ok(result)
        assert elapsed < wall_time_bound(2)
    else:
        _raises_within(httpx.ReadTimeout, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard)
    handler.wait(slow + 1 if slow < 3 else 3)
    assert handler.seen == (slow + 1 if slow < 3 else 3)


def _assert_invalid(
    server: HTTPServer, client: AuthenticatedClient, mode: Mode, guard: SecretGuard, *fragments: str
) -> InvalidResponse:
    """A documented 200 with a broken body: one attempt (never retried), then InvalidResponse."""
    error: InvalidResponse = _raises_within(
        InvalidResponse, wall_time_bound(1), lambda: delete_video(client, mode), guard
    )
    assert len(server.log) == 1
    assert error.status_code == 200
    for fragment in fragments:
        assert fragment in str(error)
    return error


def test_fault_malformed_json(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """Truncated JSON with status 200: InvalidResponse about the response body."""
    _reply(server, '{"code": 100, "data": {', content_type="application/json")
    error = _assert_invalid(server, make_client(server.url_for("")), mode, secret_guard, "malformed JSON")
    assert error.field == "response body"


def test_fault_html_error_page_with_status_200(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """A proxy's HTML page sent as 200: InvalidResponse naming the content type, quoting the page."""
    _reply(server, "<html><body>Bad gateway</body></html>", content_type="text/html; charset=utf-8")
    error = _assert_invalid(
        server, make_client(server.url_for("")), mode, secret_guard, "Content-Type: text/html", "Bad gateway"
    )
    assert error.field == "response body"


def test_fault_wrong_content_type(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """Valid JSON labelled text/plain: InvalidResponse; the client does not guess at undeclared JSON."""
    _reply(server, json.dumps(OK_BODY), content_type="text/plain")
    _assert_invalid(server, make_client(server.url_for("")), mode, secret_guard, "Content-Type: text/plain")


def test_fault_empty_body(server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard) -> None:
    """An empty 200: InvalidResponse saying the body is empty."""
    _reply(server, b"", content_type="application/json")
    _assert_invalid(server, make_client(server.url_for("")), mode, secret_guard, "an empty body")


TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize("status", [200, 500], ids=["json-200", "text-500"])
def test_fault_10mb_body(
    status: int, server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """A 10 MB body: as JSON it parses in full; as an error page the message quotes only 500 characters."""
    client = make_client(server.url_for(""))
    if status == 200:
        ids = [f"video-{index:033d}" for index in range(TEN_MB // 43)]  # 43 bytes per id in the JSON array
        body = json.dumps({"code": 100, "data": {"Deleted": ids, "Failed": []}})
        assert len(body) >= TEN_MB
        _reply(server, body, content_type="application/json")
        result, elapsed = _timed(lambda: delete_video(client, mode))
        assert isinstance(result.parsed, DeleteVideoResponse)
        assert isinstance(result.parsed.data, DeleteVideoResult)
        assert result.parsed.data.deleted == ids
        assert elapsed < wall_time_bound(1)
    else:
        for _ in range(3):
            _reply(server, "x" * TEN_MB, status=500, content_type="text/plain")
        error = _raises_within(UnexpectedStatus, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard)
        assert len(error.content) == TEN_MB
        assert len(str(error)) < 1000
        assert f"[{TEN_MB} bytes in all]" in str(error)


def test_fault_deleted_as_string(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """``Deleted`` as a string instead of a list: InvalidResponse naming the field, not a mistyped value."""
    _reply(server, json.dumps({"code": 100, "data": {"Deleted": "v-1", "Failed": []}}), content_type="application/json")
    error = _assert_invalid(
        server,
        make_client(server.url_for("")),
        mode,
        secret_guard,
        "DeleteVideoResult.Deleted: expected array of string, got string",
    )
    assert error.field == "DeleteVideoResult.Deleted"


@pytest.mark.parametrize("outcome", ["then-success", "every-attempt", "not-raised"])
def test_fault_nonstandard_5xx(
    outcome: str, server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """Cloudflare's 520 is retried like any 5xx; exhausted, it raises InternalServerError, or with
    raise_on_unexpected_status=False returns the response (status 520, parsed None)."""
    for _ in range(2 if outcome == "then-success" else 3):
        _reply(server, "origin error", status=520, content_type="text/plain")
    if outcome == "then-success":
        _reply_ok(server)
    client = make_client(server.url_for(""), raise_on_unexpected_status=outcome != "not-raised")

    if outcome == "every-attempt":
        error = _raises_within(
            InternalServerError, wall_time_bound(3), lambda: delete_video(client, mode), secret_guard
        )
        assert isinstance(error, UnexpectedStatus)
        assert error.status_code == 520
        assert "HTTP 520" in str(error)
        return
    result, elapsed = _timed(lambda: delete_video(client, mode))
    assert len(server.log) == 3
    assert elapsed < wall_time_bound(3)
    if outcome == "then-success":
        _assert_ok(result)
    else:
        assert (result.status_code, result.parsed, result.content) == (520, None, b"origin error")


def test_fault_429_retry_after_zero(server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    """``Retry-After: 0`` retries at once, though the backoff would have waited at least 1.5 s."""
    _reply(server, "slow down", status=429, headers={"Retry-After": "0"})
    _reply_ok(server)
    client = make_client(server.url_for(""), retry=retry_policy(backoff=4.0, max_wait=10, budget=10))

    result, elapsed = _timed(lambda: delete_video(client, mode))

    _assert_ok(result)
    assert elapsed < 1.0


BOMB_BYTES = 200 * 1024 * 1024
"""What the gzip bomb inflates to; 200 KB on the wire."""


def test_fault_gzip_bomb(server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard) -> None:
    """A 200 KB gzip body inflating to 200 MB: reading stops past max_response_bytes (50 MB, counted
    decompressed) with ResponseTooLargeError, not retried, and memory stays near the limit (the client
    inflates in 1 MB steps: httpx's decoder would inflate each 64 KB read whole, 60 MB at once)."""
    bomb = gzip.compress(b"0" * BOMB_BYTES, compresslevel=9)
    _reply(server, bomb, content_type="application/json", headers={"Content-Encoding": "gzip"})
    client = make_client(server.url_for(""), timeout=httpx.Timeout(10.0))

    tracemalloc.start()
    try:
        error = _raises_within(ResponseTooLargeError, 20, lambda: delete_video(client, mode), secret_guard)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.limit == 50 * 1024 * 1024
    assert len(server.log) == 1
    assert peak < 70 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"  # the 50 MB limit and one 1 MB step


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [
        pytest.param("gzip", gzip.compress, id="gzip"),
        pytest.param("deflate", zlib.compress, id="deflate"),
        pytest.param("deflate", lambda data: zlib.compress(data)[2:-4], id="raw-deflate"),  # no zlib wrapper
    ],
)
def test_compressed_bodies_decode_as_before(
    encoding: str, compress: Callable[[bytes], bytes], server: HTTPServer, make_client: MakeClient, mode: Mode
) -> None:
    """The client's own stepwise inflating reads what httpx's decoders read, in every coding it handles."""
    ids = [f"video-{index}" for index in range(50_000)]  # over a megabyte: several inflating steps
    body = json.dumps({"code": 100, "data": {"Deleted": ids, "Failed": []}}).encode()
    _reply(server, compress(body), content_type="application/json", headers={"Content-Encoding": encoding})
    result = delete_video(make_client(server.url_for("")), mode)
    assert isinstance(result.parsed, DeleteVideoResponse)
    assert isinstance(result.parsed.data, DeleteVideoResult)
    assert result.parsed.data.deleted == ids


def _drip(connection: socket.socket) -> None:
    """Headers at once, then one byte of a 1000-byte body every 0.1 s: no single read ever times out."""
    read_request_head(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        connection.sendall(b" ")
        time.sleep(0.1)


def test_fault_drip_feed(make_client: MakeClient, mode: Mode, secret_guard: SecretGuard) -> None:
    """A server that drips one byte every 0.1 s, under a 0.5 s read timeout: each attempt ends at the
    deadline (default: the read timeout), and after 3 attempts ApiTimeoutError, an httpx.ReadTimeout."""
    with ScriptedServer([_drip] * 3).running() as scripted:
        client = make_client(scripted.url)
        error = _raises_within(
            ApiTimeoutError, wall_time_bound(3) + 3 * 0.1, lambda: delete_video(client, mode), secret_guard
        )
    assert isinstance(error, httpx.ReadTimeout)
    assert scripted.connections == 3


_DRIPPED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"


def _drip_head(connection: socket.socket) -> None:
    """The status line and headers one byte every 0.5 s, under a 2 s read timeout: no read ever times out."""
    read_request_head(connection)
    for byte in _DRIPPED_HEAD:
        connection.sendall(bytes([byte]))
        time.sleep(0.5)


def _ok_then_drip_head(connection: socket.socket) -> None:
    """One answer on a kept-alive connection, then the next request on it gets a dripped head."""
    keep_alive(json.dumps(OK_BODY).encode(), 1)(connection)
    _drip_head(connection)


def _ends_within(bound: float, call: Callable[[], Result]) -> BaseException:
    """What ``call`` raised, run in a thread so that a call held past ``bound`` fails the test, not hangs it."""
    outcome: list[BaseException | Result] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the test
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(bound)
    assert not worker.is_alive(), f"the call still ran after {bound} s"
    assert time.monotonic() - started < bound
    assert isinstance(outcome[0], BaseException), f"the call returned {outcome[0]!r}"
    return outcome[0]


@pytest.mark.parametrize("attempts", [1, 3], ids=["no-retry", "retries"])
def test_fault_drip_feed_headers(
    attempts: int, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard, caplog: pytest.LogCaptureFixture
) -> None:
    """A server that drips its status line and headers one byte every 0.5 s, under a 2 s read timeout and
    a 1.5 s deadline: each attempt ends at the deadline, sync as async, with ApiTimeoutError."""
    retry = retry_policy(**SHORT_RETRY) if attempts > 1 else None
    with ScriptedServer([_drip_head] * attempts).running() as scripted:
        client = make_client(scripted.url, timeout=httpx.Timeout(2.0), deadline=1.5, retry=retry)
        error = _ends_within(attempts * 1.5 + SHORT_RETRY["budget"] + SLACK, lambda: delete_video(client, mode))
    assert isinstance(error, ApiTimeoutError)
    assert isinstance(error, httpx.ReadTimeout)
    assert "deadline" in str(error)
    secret_guard.check_error(error)
    assert f"(attempt {attempts})" in caplog.text
    assert f"(attempt {attempts + 1})" not in caplog.text


def _twice(client: AuthenticatedClient, mode: Mode) -> Result:
    """Two deletes in one client context, so the second takes the first's connection from the pool."""
    if mode == "sync":
        with client:
            _assert_ok(delete_a_video.sync_detailed(client=client, video_id="v-1"))
            return delete_a_video.sync_detailed(client=client, video_id="v-1")

    async def run() -> Result:
        async with client:
            _assert_ok(await delete_a_video.asyncio_detailed(client=client, video_id="v-1"))
            return await delete_a_video.asyncio_detailed(client=client, video_id="v-1")

    return asyncio.run(run())


def test_fault_drip_feed_headers_on_a_pooled_connection(
    make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """The deadline also holds on a kept-alive connection taken from the pool (no new connect to trace)."""
    with ScriptedServer([_ok_then_drip_head]).running() as scripted:
        client = make_client(scripted.url, timeout=httpx.Timeout(2.0), deadline=1.5, retry=None)
        error = _ends_within(1.5 + SLACK, lambda: _twice(client, mode))
        assert scripted.connections == 1
    assert isinstance(error, ApiTimeoutError)
    secret_guard.check_error(error)


def test_deadline_keeps_the_callers_trace(server: HTTPServer, make_client: MakeClient) -> None:
    """A trace extension of the caller's own still sees httpcore's events, on every attempt."""
    _reply(server, "", status=503)
    _reply_ok(server)
    events: list[str] = []
    client = make_client(server.url_for(""))
    with client:
        response = client.request(
            "DELETE", PATH, json={"video_id": "v-1"}, extensions={"trace": lambda event, _: events.append(event)}
        )
    assert response.status_code == 200
    assert events.count("http11.send_request_headers.started") == 2


def test_fault_deeply_nested_json(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    """A 100,000-deep JSON array with status 200: InvalidResponse for the body, not a RecursionError."""
    depth = 100_000
    _reply(server, "[" * depth + "]" * depth, content_type="application/json")
    error = _assert_invalid(
        server, make_client(server.url_for("")), mode, secret_guard, "JSON nested too deeply to decode"
    )
    assert error.field == "response body"


@pytest.mark.parametrize("body", [json.dumps(OK_BODY).encode(), b""], ids=["body", "empty"])
@pytest.mark.parametrize("delay", [0.0, 0.3], ids=["in-time", "late"])
def test_deadline_holds_on_a_transport_without_a_socket(body: bytes, delay: float, api_key: str) -> None:
    """An in-process transport gives the watchdog no socket to shut (nor is the watch armed), so the
    clock decides: an answer after the deadline is ApiTimeoutError, with a body or without; one in time
    (the negative control) parses."""

    def handler(_request: httpx.Request) -> httpx.Response:
        time.sleep(delay)
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    client = AuthenticatedClient(
        base_url="http://in-process.invalid",
        token=api_key,
        retry=None,
        deadline=0.15,
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    with client:
        if delay:
            with pytest.raises(ApiTimeoutError, match="deadline"):
                client.request("DELETE", PATH)
        else:
            assert client.request("DELETE", PATH).content == body


def _sleepy_client(api_key: str, answer_after: float, deadline: float) -> AuthenticatedClient:
    """An async client whose in-process transport answers after ``answer_after`` seconds."""

    async def handler(_request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(answer_after)
        return httpx.Response(200, json=OK_BODY)

    return AuthenticatedClient(
        base_url="http://in-process.invalid",
        token=api_key,
        retry=None,
        deadline=deadline,
        async_transport=httpx.MockTransport(handler),
    )


@pytest.mark.parametrize("first", ["short", "long"])
def test_concurrent_async_calls_end_at_their_own_deadlines(first: str, api_key: str) -> None:
    """Async deadlines share one timer per event loop: of two concurrent calls, the one with a 0.1 s
    deadline (answer after 5 s) ends near 0.1 s whichever started first, and the one with a 2 s deadline
    (answer after 0.3 s) returns its answer: the shorter deadline does not end it."""
    short = _sleepy_client(api_key, answer_after=5.0, deadline=0.1)
    long = _sleepy_client(api_key, answer_after=0.3, deadline=2.0)

    async def timed(client: AuthenticatedClient) -> tuple[float, httpx.Response | BaseException]:
        started = time.monotonic()
        try:
            outcome: httpx.Response | BaseException = await client.arequest("DELETE", PATH)
        except ApiTimeoutError as exc:
            outcome = exc
        return time.monotonic() - started, outcome

    async def run() -> dict[str, tuple[float, httpx.Response | BaseException]]:
        order = [short, long] if first == "short" else [long, short]
        results = await asyncio.gather(*(timed(client) for client in order))
        return dict(zip([first, "long" if first == "short" else "short"], results, strict=True))

    results = asyncio.run(run())
    short_elapsed, short_outcome = results["short"]
    assert isinstance(short_outcome, ApiTimeoutError)
    assert short_elapsed < 0.1 + SLACK / 2
    long_elapsed, long_outcome = results["long"]
    assert isinstance(long_outcome, httpx.Response)
    assert long_outcome.status_code == 200
    assert long_elapsed < 2.0


def test_an_outer_async_timeout_stays_the_callers(api_key: str) -> None:
    """A caller's own asyncio.timeout around a call ends it as the caller's TimeoutError, not as the
    client's deadline (asyncio's cancellation bookkeeping is left to asyncio)."""
    client = _sleepy_client(api_key, answer_after=5.0, deadline=3.0)

    async def run() -> None:
        async with asyncio.timeout(0.1):
            await client.arequest("DELETE", PATH)

    started = time.monotonic()
    with pytest.raises(TimeoutError) as caught:
        asyncio.run(run())
    assert not isinstance(caught.value, httpx.TimeoutException)
    assert time.monotonic() - started < 0.1 + SLACK / 2


def test_a_body_the_transport_read_already_is_taken_as_is(mode: Mode, api_key: str) -> None:
    """httpx.MockTransport answers with a body read, and decoded, already: a gzip-encoded one has no
    encoded stream left to inflate in steps (StreamConsumed before), so it is taken as is, within
    max_response_bytes (negative control: one byte less and the same body is too large)."""
    body = json.dumps(OK_BODY).encode()
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, content=gzip.compress(body), headers=headers))

    def client(limit: int) -> AuthenticatedClient:
        return AuthenticatedClient(
            base_url="http://in-process.invalid",
            token=api_key,
            max_response_bytes=limit,
            httpx_args={"transport": transport},
        )

    result = delete_video(client(len(body)), mode)
    assert isinstance(result.parsed, DeleteVideoResponse)
    assert result.content == body
    with pytest.raises(ResponseTooLargeError):
        delete_video(client(len(body) - 1), mode)


def test_async_deadlines_keep_no_finished_event_loop_alive(api_key: str) -> None:
    """The timer async deadlines share is per event loop; a loop that asyncio.run finished is collected
    with it (negative control: the loop is alive while it runs)."""
    client = _sleepy_client(api_key, answer_after=0.0, deadline=5.0)
    loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

    async def call() -> None:
        loops.append(weakref.ref(asyncio.get_running_loop()))
        await client.arequest("DELETE", PATH)
        gc.collect()
        assert loops[-1]() is not None

    for _ in range(3):
        asyncio.run(call())
    gc.collect()
    assert [loop() for loop in loops] == [None, None, None]
