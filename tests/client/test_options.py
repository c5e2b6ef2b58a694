"""Extension points: an injected httpx client, ``with_options`` copies over one shared pool, the
environment variables (HEYGEN_BASE_URL, HEYGEN_LOG) and the request id of a success."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from heygen_api_client import ApiTimeoutError, AuthenticatedClient, Client, ResponseTooLargeError, retry_policy
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.client import BASE_URL_ENV, USER_AGENT, BaseClient
from heygen_api_client.models import DeleteVideoResponse
from heygen_api_client.types import UNSET
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH, SHORT_RETRY, Mode, SecretGuard, delete_video
from tests.client.support import ScriptedServer, read_request_head

MakeClient = Callable[..., AuthenticatedClient]
ROOT = Path(__file__).resolve().parents[2]


def test_both_clients_share_one_base() -> None:
    assert issubclass(Client, BaseClient)
    assert issubclass(AuthenticatedClient, BaseClient)
    assert "request" not in vars(Client)
    assert "request" not in vars(AuthenticatedClient)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_injected_httpx_client_sends_key_and_user_agent_and_is_retried(
    mode: Mode, server: HTTPServer, api_key: str, secret_guard: SecretGuard
) -> None:
    """Defect 1: set_httpx_client(httpx.Client(...)) used to send neither x-api-key nor the User-Agent."""
    server.expect_ordered_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    server.expect_ordered_request(
        PATH, method="DELETE", headers={"x-api-key": api_key, "User-Agent": USER_AGENT}
    ).respond_with_json(OK_BODY)
    client = AuthenticatedClient(base_url=server.url_for(""), token=api_key, retry=retry_policy(**SHORT_RETRY))
    if mode == "sync":
        injected = httpx.Client(base_url=server.url_for(""), headers={"X-Proxy-Tag": "p"})
        client.set_httpx_client(injected)
        assert injected.timeout == httpx.Timeout(30.0, connect=5.0)
        response = delete_video(client, mode)
    else:
        client.set_async_httpx_client(httpx.AsyncClient(base_url=server.url_for("")))
        response = delete_video(client, mode)

    assert isinstance(response.parsed, DeleteVideoResponse)
    assert len(server.log) == 2
    secret_guard.check(repr(client))


def test_an_injected_client_with_its_own_auth_fails_loudly(api_key: str) -> None:
    client = AuthenticatedClient(token=api_key)
    with pytest.raises(ValueError, match="auth of its own"):
        client.set_httpx_client(httpx.Client(auth=("user", "password")))


def test_copies_leave_the_original_alone(server: HTTPServer, api_key: str) -> None:
    """Defect 2: with_timeout()/with_headers() used to mutate the shared httpx.Client."""
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY)
    original = AuthenticatedClient(base_url=server.url_for(""), token=api_key)
    pool = original.get_httpx_client()
    before = (pool.timeout, dict(pool.headers))

    with original:
        tagged = original.with_headers({"X-Tag": "copy"}).with_timeout(httpx.Timeout(7.0))
        delete_a_video.sync_detailed(client=tagged, video_id="v-1")
        delete_a_video.sync_detailed(client=original, video_id="v-1")

        assert (pool.timeout, dict(pool.headers)) == before
        assert tagged.get_httpx_client() is pool
        (copy_request, _), (original_request, _) = server.log
        assert copy_request.headers.get("X-Tag") == "copy"
        assert original_request.headers.get("X-Tag") is None


def test_with_options_changes_only_the_copy(server: HTTPServer, api_key: str) -> None:
    original = AuthenticatedClient(base_url=server.url_for(""), token=api_key)
    copy = original.with_options(timeout=3, retry=None, headers={"X-A": "1"}, max_response_bytes=10, deadline=2.0)

    assert copy.retry is None
    assert original.retry is not None
    assert (copy._timeout, copy._max_response_bytes, copy._deadline) == (httpx.Timeout(3), 10, 2.0)
    assert (original._timeout, original._deadline) == (httpx.Timeout(30.0, connect=5.0), None)
    assert copy.with_options()._headers == {"X-A": "1"}
    assert original._headers == {}


def test_a_copys_limits_apply_to_its_calls_only(server: HTTPServer, api_key: str) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY)
    with AuthenticatedClient(base_url=server.url_for(""), token=api_key) as original:
        with pytest.raises(ResponseTooLargeError):
            delete_a_video.sync(client=original.with_options(max_response_bytes=10), video_id="v-1")
        assert isinstance(delete_a_video.sync(client=original, video_id="v-1"), DeleteVideoResponse)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_leaving_a_copys_context_keeps_the_shared_pool_open(mode: Mode, server: HTTPServer, api_key: str) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY)
    original = AuthenticatedClient(base_url=server.url_for(""), token=api_key)
    copy = original.with_options(timeout=5.0)

    if mode == "sync":
        with original:
            with copy:
                delete_a_video.sync(client=copy, video_id="v-1")
            assert not original.get_httpx_client().is_closed
            delete_a_video.sync(client=original, video_id="v-1")
        assert original.get_httpx_client().is_closed
        return

    async def run() -> None:
        async with original:
            async with copy:
                await delete_a_video.asyncio(client=copy, video_id="v-1")
            assert not original.get_async_httpx_client().is_closed
            await delete_a_video.asyncio(client=original, video_id="v-1")
        assert original.get_async_httpx_client().is_closed

    asyncio.run(run())


def test_base_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, api_key: str) -> None:
    monkeypatch.setenv(BASE_URL_ENV, "http://127.0.0.1:9/proxy")
    assert AuthenticatedClient(token=api_key)._base_url == "http://127.0.0.1:9/proxy"
    assert AuthenticatedClient("http://elsewhere", token=api_key)._base_url == "http://elsewhere"
    monkeypatch.delenv(BASE_URL_ENV)
    assert AuthenticatedClient(token=api_key)._base_url == "https://api.heygen.com"


def test_a_success_carries_its_request_id(server: HTTPServer, make_client: MakeClient) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY, headers={"X-Request-Id": "req-7"})
    response = delete_video(make_client(server.url_for("")), "sync")
    assert response.request_id == "req-7"


def test_unset_has_a_readable_repr() -> None:
    assert repr(UNSET) == "UNSET"
    assert "UNSET" in repr(DeleteVideoResponse.from_dict({"code": 100}))


_LOGGED_CALL = """
import sys
from heygen_api_client import AuthenticatedClient, retry_policy
from heygen_api_client.api.default import delete_a_video
client = AuthenticatedClient(retry=retry_policy(backoff=0.01))
print(type(delete_a_video.sync(client=client, video_id="v-1")).__name__)
"""


@pytest.mark.parametrize("level", ["info", "debug", ""])
def test_heygen_log_prints_one_line_per_attempt_without_the_key(level: str, server: HTTPServer, api_key: str) -> None:
    server.expect_ordered_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    server.expect_ordered_request(PATH, method="DELETE").respond_with_json(OK_BODY, headers={"X-Request-Id": "r-9"})
    env = {
        **os.environ,
        "HEYGEN_LOG": level,
        "HEYGEN_API_KEY": api_key,
        "HEYGEN_BASE_URL": server.url_for(""),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "generated" / "heygen-api-client"), str(ROOT)]),
    }
    # -W: the v1 call's DeprecationWarning shows in __main__ by default (tests/client/test_deprecation.py).
    completed = subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", "-c", _LOGGED_CALL],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )

    assert completed.stdout.strip() == "DeleteVideoResponse"
    assert api_key not in completed.stderr
    lines = [line for line in completed.stderr.splitlines() if "DELETE /v1/video.delete ->" in line]
    if not level:
        assert completed.stderr == ""
        return
    assert len(lines) == 2, completed.stderr
    assert "-> 503 in " in lines[0]
    assert "(attempt 1, request id None)" in lines[0]
    assert "-> 200 in " in lines[1]
    assert "(attempt 2, request id r-9)" in lines[1]
    assert all(" ms " in line for line in lines)
    assert ("DELETE /v1/video.delete: retry 1 of 2" in completed.stderr) is (level == "debug")
    assert json.dumps(OK_BODY) not in completed.stderr


def _drip_headers(connection: socket.socket) -> None:
    """A status line, then one header byte every 0.1 s: no read times out, the headers never end."""
    read_request_head(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\n")
    for _ in range(300):
        connection.sendall(b"X")
        time.sleep(0.1)


def test_the_async_deadline_bounds_dripped_headers_too(make_client: MakeClient, secret_guard: SecretGuard) -> None:
    with ScriptedServer([_drip_headers]).running() as scripted:
        client = make_client(scripted.url, retry=None, deadline=0.5)
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as caught:
            delete_video(client, "async")
        assert time.monotonic() - started < 0.5 + 1.0
    assert isinstance(caught.value, httpx.ReadTimeout)
    secret_guard.check_error(caught.value)
