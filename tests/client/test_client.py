"""The client's defaults and behaviour: auth header, base URL, timeout, User-Agent, errors, retries
on and off, one connection pool per client, sync and async, and the optional aiohttp async transport."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import heygen_api_client
import httpx
import httpx_aiohttp
import pytest
from heygen_api_client import AuthenticatedClient, Client, UnexpectedStatus, aiohttp_transport, retry_policy
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.client import DEFAULT_TIMEOUT, USER_AGENT
from heygen_api_client.models import DeleteVideoResponse, DeleteVideoResult, ErrorResponse
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH, Mode, SecretGuard, delete_video
from tests.client.support import ScriptedServer, keep_alive

GENERATED = Path(__file__).resolve().parents[2] / "generated"
EFFECTIVE_SPEC = GENERATED / "openapi.json"
"""The document the client was generated from (read from the repository, so an installed wheel is tested too)."""
MakeClient = Callable[..., AuthenticatedClient]


def _spec() -> dict[str, object]:
    spec: dict[str, object] = json.loads(EFFECTIVE_SPEC.read_text(encoding="utf-8"))
    return spec


def test_base_url_defaults_to_the_documents_first_server(api_key: str) -> None:
    servers = _spec()["servers"]
    assert isinstance(servers, list)
    assert AuthenticatedClient(token=api_key).get_httpx_client().base_url == httpx.URL(servers[0]["url"])
    assert Client().get_httpx_client().base_url == httpx.URL(servers[0]["url"])


def test_timeout_has_a_finite_default(api_key: str) -> None:
    assert httpx.Timeout(30.0, connect=5.0) == DEFAULT_TIMEOUT
    assert AuthenticatedClient(token=api_key).get_httpx_client().timeout == DEFAULT_TIMEOUT


def test_versions_and_user_agent_come_from_the_ledger_and_the_document() -> None:
    info = _spec()["info"]
    assert isinstance(info, dict)
    # The client's own SemVer (moved only by `specpipe release`), and HeyGen's info.version beside it.
    ledger = json.loads((GENERATED / "version.json").read_text(encoding="utf-8"))
    assert heygen_api_client.__version__ == ledger["version"]
    assert heygen_api_client.__api_version__ == ledger["api_version"] == info["version"]
    # Each source's own info.version, by source name (openapi/sources.yaml).
    assert (
        heygen_api_client.__api_versions__
        == ledger["api_versions"]
        == {"heygen-external-api": "1.0.0", "heygen-api": "4.0.8"}
    )
    assert f"heygen-api-client/{heygen_api_client.__version__} httpx/{httpx.__version__}" == USER_AGENT


def test_request_carries_bare_api_key_and_user_agent(
    server: HTTPServer, make_client: MakeClient, api_key: str, mode: Mode
) -> None:
    server.expect_request(
        PATH, method="DELETE", query_string={"video_id": "v-1"}, headers={"x-api-key": api_key}
    ).respond_with_json(OK_BODY)

    delete_video(make_client(server.url_for("")), mode)

    ((request, _),) = server.log
    assert "Authorization" not in request.headers
    assert request.headers["User-Agent"] == USER_AGENT
    assert re.fullmatch(r"heygen-api-client/[\w.]+ httpx/[\w.]+", request.headers["User-Agent"])


def test_documented_404_parses_into_its_typed_body(server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    body = {"code": 400569, "message": "ResourceType.VIDEO_TRANSLATE not found"}
    server.expect_request(PATH, method="DELETE").respond_with_json(body, status=404)

    result = delete_video(make_client(server.url_for("")), mode)

    assert result.status_code == 404
    assert result.parsed == ErrorResponse(code=400569, message="ResourceType.VIDEO_TRANSLATE not found")
    assert len(server.log) == 1  # a documented answer, not retried


def test_undocumented_status_raises_with_heygens_code_and_message(
    server: HTTPServer, make_client: MakeClient, mode: Mode, secret_guard: SecretGuard
) -> None:
    body = {"code": 400112, "message": "Unauthorized"}
    server.expect_request(PATH, method="DELETE").respond_with_json(body, status=401, headers={"Request-Id": "r-7"})

    with pytest.raises(UnexpectedStatus) as caught:
        delete_video(make_client(server.url_for("")), mode)

    error = caught.value
    assert (error.status_code, error.code, error.message, error.request_id) == (401, 400112, "Unauthorized", "r-7")
    assert str(error).startswith(
        f"Unexpected status code: DELETE {server.url_for(PATH)} returned HTTP 401 Unauthorized"
        " (code 400112; Unauthorized; request id r-7)"
    )
    assert len(server.log) == 1  # 401 is not transient
    secret_guard.check_error(error)


def test_undocumented_status_can_return_none_instead(server: HTTPServer, make_client: MakeClient) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_data("teapot", status=418)
    result = delete_video(make_client(server.url_for(""), raise_on_unexpected_status=False), "sync")
    assert (result.status_code, result.parsed) == (418, None)


@pytest.mark.parametrize("retry", [None, retry_policy(0)], ids=["None", "retry_policy(0)"])
def test_retries_can_be_switched_off(retry: object, server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    with pytest.raises(UnexpectedStatus):
        delete_video(make_client(server.url_for(""), retry=retry), mode)
    assert len(server.log) == 1


def test_with_retry_changes_only_the_copy(server: HTTPServer, make_client: MakeClient) -> None:
    client = make_client(server.url_for(""))
    quiet = client.with_retry(None)
    assert (client.retry is not None, quiet.retry) == (True, None)
    server.expect_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    with pytest.raises(UnexpectedStatus):
        delete_video(quiet, "sync")
    assert len(server.log) == 1


def _request(client: AuthenticatedClient, mode: Mode, **kwargs: Any) -> httpx.Response:
    """``client.request`` or ``client.arequest``, inside the client's context manager."""
    if mode == "sync":
        with client:
            return client.request("DELETE", PATH, **kwargs)

    async def run() -> httpx.Response:
        async with client:
            return await client.arequest("DELETE", PATH, **kwargs)

    return asyncio.run(run())


def test_a_first_attempt_that_succeeds_carries_the_policy_like_httpx_retries(
    server: HTTPServer, make_client: MakeClient, mode: Mode
) -> None:
    """The first attempt is sent without entering httpx-retries; its response still carries the policy."""
    server.expect_request(PATH, method="DELETE").respond_with_json({"code": 100})
    client = make_client(server.url_for(""))
    response = _request(client, mode)
    assert (response.status_code, response.extensions["retry"]) == (200, client.retry)
    assert len(server.log) == 1


def test_a_per_request_policy_overrides_the_clients(server: HTTPServer, make_client: MakeClient, mode: Mode) -> None:
    """httpx-retries reads ``extensions["retry"]`` first; such a request goes to it from the first attempt."""
    server.expect_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    once = retry_policy(1).copy_with(backoff_factor=0)  # type: ignore[union-attr]
    response = _request(make_client(server.url_for("")), mode, extensions={"retry": once})
    assert response.status_code == 503
    assert len(server.log) == 2


def test_post_is_never_retried(server: HTTPServer, make_client: MakeClient) -> None:
    """A retried POST could act twice; the policy retries idempotent methods only."""
    server.expect_request("/v2/video/generate", method="POST").respond_with_data("busy", status=503)
    with make_client(server.url_for("")) as client:
        assert client.request("POST", "/v2/video/generate", json={}).status_code == 503
    assert len(server.log) == 1


def test_context_manager_reuses_one_connection(make_client: MakeClient, mode: Mode) -> None:
    """Five calls in one ``with`` block travel over one kept-alive connection of the client's pool."""
    with ScriptedServer([keep_alive(json.dumps(OK_BODY).encode(), requests=5)]).running() as scripted:
        client = make_client(scripted.url)
        if mode == "sync":
            with client:
                results = [delete_a_video.sync(client=client, video_id="v-1") for _ in range(5)]
        else:

            async def run() -> list[DeleteVideoResponse | ErrorResponse | None]:
                async with client:
                    return [await delete_a_video.asyncio(client=client, video_id="v-1") for _ in range(5)]

            results = asyncio.run(run())
    assert all(isinstance(result, DeleteVideoResponse) for result in results)
    assert (scripted.connections, scripted.errors) == (1, [])


def test_context_manager_closes_the_pool(api_key: str) -> None:
    client = AuthenticatedClient(token=api_key)
    with client:
        pool = client.get_httpx_client()
    assert pool.is_closed


def test_aiohttp_transport_round_trips_with_the_key_and_typed_body(
    server: HTTPServer, make_client: MakeClient, api_key: str
) -> None:
    server.expect_request(PATH, method="DELETE", headers={"x-api-key": api_key}).respond_with_json(OK_BODY)
    client = make_client(server.url_for(""), async_transport=aiohttp_transport())

    result = delete_video(client, "async")

    assert isinstance(client.get_async_httpx_client()._transport, httpx_aiohttp.AiohttpTransport)
    assert isinstance(result.parsed, DeleteVideoResponse)
    assert isinstance(result.parsed.data, DeleteVideoResult)
    assert result.parsed.data.deleted == ["v-1"]
    assert len(server.log) == 1


def test_aiohttp_transport_is_retried_like_httpx(server: HTTPServer, make_client: MakeClient) -> None:
    server.expect_ordered_request(PATH, method="DELETE").respond_with_data("busy", status=503)
    server.expect_ordered_request(PATH, method="DELETE").respond_with_json(OK_BODY)

    result = delete_video(make_client(server.url_for(""), async_transport=aiohttp_transport()), "async")

    assert result.status_code == 200
    assert len(server.log) == 2


def test_async_transport_leaves_the_sync_client_on_httpx(server: HTTPServer, make_client: MakeClient) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_json(OK_BODY)
    client = make_client(server.url_for(""), async_transport=aiohttp_transport())

    result = delete_video(client, "sync")

    assert result.status_code == 200
    assert isinstance(client.get_httpx_client()._transport, httpx.HTTPTransport)


def test_aiohttp_transport_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)  # what an absent package looks like to import
    monkeypatch.delitem(sys.modules, "heygen_api_client._aiohttp_pool", raising=False)  # imported already
    with pytest.raises(ImportError, match=re.escape('pip install "heygen-api-client[aiohttp]"')):
        aiohttp_transport()
