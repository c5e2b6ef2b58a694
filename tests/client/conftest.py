"""Fixtures for the client tests: a threaded loopback server, a fresh fake key per test, retry settings
short enough for a test, and a guard that fails a test whose logs or errors hold the key."""

from __future__ import annotations

import asyncio
import logging
import secrets
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Literal

import httpx
import pytest
from heygen_api_client import AuthenticatedClient, retry_policy
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.models import DeleteVideoResponse, ErrorResponse
from heygen_api_client.types import Response
from pytest_httpserver import HTTPServer

# Waits in tests: 20 ms first backoff, 0.5 s cap on one wait, 1 s total waiting per request.
SHORT_RETRY: dict[str, Any] = {"backoff": 0.02, "max_wait": 0.5, "budget": 1.0}
ATTEMPT_TIMEOUT = 0.5
"""Per-attempt httpx timeout the test clients use, in seconds."""
SLACK = 1.0
"""Scheduling allowance on top of a computed wall-time bound."""

PATH = "/v1/video.delete"
OK_BODY = {"code": 100, "data": {"Deleted": ["v-1"], "Failed": []}, "msg": None, "message": "Deleted 1"}
"""A documented 200 body for deleting video "v-1"."""

Mode = Literal["sync", "async"]
Result = Response[DeleteVideoResponse | ErrorResponse]


def wall_time_bound(attempts: int, *, budget: float = SHORT_RETRY["budget"]) -> float:
    """The most a call may take: every attempt timing out, plus the whole waiting budget, plus slack."""
    return attempts * ATTEMPT_TIMEOUT + budget + SLACK


class SecretGuard:
    """Asserts that texts (log lines, error messages, reprs) do not hold the API key."""

    def __init__(self, key: str) -> None:
        self.key = key

    def check(self, *texts: str) -> None:
        for text in texts:
            assert self.key not in text, f"the API key leaked into: {text[:300]!r}"

    def check_error(self, error: BaseException) -> None:
        self.check(str(error), repr(error), "".join(traceback.format_exception(error)))


@pytest.fixture
def api_key() -> str:
    """A random key per test: no fixture holds a real-looking secret."""
    return f"test-{secrets.token_hex(12)}"


@pytest.fixture
def secret_guard(caplog: pytest.LogCaptureFixture, api_key: str) -> Iterator[SecretGuard]:
    """Captures every logger at DEBUG (httpx, httpcore, httpx_retries) and checks each record afterwards."""
    caplog.set_level(logging.DEBUG)
    guard = SecretGuard(api_key)
    yield guard
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    assert records, "nothing was logged, so the log check would prove nothing"
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")  # with any exception traceback
    guard.check(*(formatter.format(record) for record in records))


@pytest.fixture(scope="session")
def loopback_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(loopback_server: HTTPServer) -> Iterator[HTTPServer]:
    """The shared loopback server, emptied for this test; unmatched requests fail the test."""
    loopback_server.clear()
    yield loopback_server
    loopback_server.check_assertions()


@pytest.fixture
def make_client(api_key: str, secret_guard: SecretGuard) -> Callable[..., AuthenticatedClient]:
    """Clients with the test key, short retries and a short per-attempt timeout; overrides win."""

    def make(base_url: str, **overrides: Any) -> AuthenticatedClient:
        settings: dict[str, Any] = {
            "token": api_key,
            "retry": retry_policy(**SHORT_RETRY),
            "timeout": httpx.Timeout(ATTEMPT_TIMEOUT),
            **overrides,
        }
        return AuthenticatedClient(base_url=base_url, **settings)

    return make


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    """Every fault is injected into the sync and the async API functions."""
    mode: Mode = request.param
    return mode


def delete_video(client: AuthenticatedClient, mode: Mode, video_id: str = "v-1") -> Result:
    """One delete through the API function of ``mode``, inside the client's context manager."""
    if mode == "sync":
        with client:
            return delete_a_video.sync_detailed(client=client, video_id=video_id)

    async def run() -> Result:
        async with client:
            return await delete_a_video.asyncio_detailed(client=client, video_id=video_id)

    return asyncio.run(run())
