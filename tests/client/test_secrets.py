"""The API key never shows: not in any repr/str of a public object, before or after the httpx clients
are built, nor in error messages when a response echoes it; and where it comes from when not passed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import attrs
import httpx
import pytest
from heygen_api_client import (
    ApiKeyError,
    AuthenticatedClient,
    InvalidResponse,
    ResponseShapeError,
    UnexpectedStatus,
)
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.client import API_KEY_ENV, ApiKeyAuth
from heygen_api_client.errors import EXCERPT_CHARS
from heygen_api_client.models import DeleteVideoResponse
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH, SecretGuard

MakeClient = Callable[..., AuthenticatedClient]


def _texts(*objects: object) -> list[str]:
    return [text for obj in objects for text in (repr(obj), str(obj))]


def _client_views(client: AuthenticatedClient) -> list[str]:
    """repr/str of the client and of every attribute but the key itself."""
    values = [getattr(client, field.name) for field in attrs.fields(type(client)) if field.name != "token"]
    return _texts(client, *values)


def test_no_client_object_shows_the_key(api_key: str, secret_guard: SecretGuard, server: HTTPServer) -> None:
    client = AuthenticatedClient(base_url=server.url_for(""), token=api_key, headers={"X-Trace": "t"})
    secret_guard.check(*_client_views(client))

    sync_pool = client.get_httpx_client()
    async_pool = client.get_async_httpx_client()
    secret_guard.check(
        *_client_views(client),
        *_texts(sync_pool, sync_pool.headers, sync_pool.auth, async_pool, async_pool.headers, async_pool.auth),
        *_client_views(client.with_headers({"X-Other": "o"})),
        *_client_views(client.with_timeout(httpx.Timeout(1.0))),
        *_client_views(client.with_retry(None)),
    )
    assert isinstance(sync_pool.auth, ApiKeyAuth)
    assert "x-api-key" not in sync_pool.headers

    # The key is still sent, on the request itself.
    server.expect_request(PATH, method="DELETE", headers={"x-api-key": api_key}).respond_with_json(OK_BODY)
    with client:
        response = delete_a_video.sync_detailed(client=client, video_id="v-1")
    asyncio.run(async_pool.aclose())
    assert isinstance(response.parsed, DeleteVideoResponse)
    secret_guard.check(*_texts(response, response.parsed, response.headers))


def test_the_check_would_see_a_leak(api_key: str) -> None:
    """Negative control: a default header (what the stock client does) puts the key in the repr."""
    leaky = httpx.Client(headers={"x-api-key": api_key})
    with pytest.raises(AssertionError, match="leaked"):
        SecretGuard(api_key).check(*_texts(leaky.headers))
    leaky.close()


@pytest.mark.parametrize("status", [401, 200], ids=["unexpected-status", "invalid-response"])
def test_errors_redact_a_key_the_server_echoes(
    status: int, api_key: str, server: HTTPServer, make_client: MakeClient, secret_guard: SecretGuard
) -> None:
    body = {"code": 400112, "message": f"Invalid key {api_key}", "data": {"Deleted": api_key}}
    server.expect_request(PATH, method="DELETE").respond_with_json(body, status=status)
    expected = UnexpectedStatus if status == 401 else InvalidResponse

    with pytest.raises(expected) as caught, make_client(server.url_for("")) as client:
        delete_a_video.sync_detailed(client=client, video_id="v-1")

    error = caught.value
    secret_guard.check_error(error)
    assert "<redacted>" in str(error)
    assert error.message == "Invalid key <redacted>"
    assert api_key.encode() in error.content  # the raw body stays as received


def test_key_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, api_key: str) -> None:
    monkeypatch.setenv(API_KEY_ENV, f"{api_key}\n")
    assert API_KEY_ENV == "HEYGEN_API_KEY"
    assert AuthenticatedClient().token == api_key


@pytest.mark.parametrize("value", [None, "", "  "], ids=["unset", "empty", "blank"])
def test_missing_key_fails_with_a_clear_message(value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv(API_KEY_ENV, raising=False)
    else:
        monkeypatch.setenv(API_KEY_ENV, value)
    with pytest.raises(
        ApiKeyError, match=r"no API key: pass token=\.\.\. or set the HEYGEN_API_KEY environment variable"
    ):
        AuthenticatedClient()


@pytest.mark.parametrize("suffix", ["\n", " ", "\x00", "é"], ids=["newline", "space", "nul", "non-ascii"])
def test_unusable_key_is_refused_without_quoting_it(suffix: str, api_key: str) -> None:
    with pytest.raises(ApiKeyError) as caught:
        AuthenticatedClient(token=api_key + suffix)
    SecretGuard(api_key).check_error(caught.value)


def test_parsing_errors_hold_no_values(api_key: str) -> None:
    """A mistyped field is described by its JSON type only, so an echoed secret cannot reach the message."""
    with pytest.raises(ResponseShapeError) as caught:
        DeleteVideoResponse.from_dict(json.loads(json.dumps({"message": [api_key]})))
    SecretGuard(api_key).check_error(caught.value)


def test_a_key_straddling_the_excerpt_cut_is_redacted_whole(api_key: str) -> None:
    """Defect 7: the body used to be cut before it was redacted, so the key's first characters showed."""
    content = ("x" * (EXCERPT_CHARS - 12) + api_key + " and more").encode()
    message = str(UnexpectedStatus(500, content, secrets=[api_key]))
    assert api_key[:12] not in message
    assert "<redacted>" in message


SLASHED_KEY = "test/abc+def/ghi=="
"""A key with the characters JSON (``\\/``) and URLs (``%2F``, ``%2B``) escape."""


@pytest.mark.parametrize(
    "echo",
    [
        SLASHED_KEY,
        SLASHED_KEY.replace("/", "\\/"),
        "test%2Fabc%2Bdef%2Fghi%3D%3D",
        "test%2fabc%2bdef%2fghi%3d%3d",
    ],
    ids=["raw", "json-escaped", "url-encoded", "url-encoded-lowercase"],
)
def test_every_echoed_form_of_the_key_is_redacted(echo: str) -> None:
    content = json.dumps({"message": "bad key"})[:-1].encode() + f', "echo": "{echo}"}}'.encode()
    message = str(UnexpectedStatus(401, content, secrets=[SLASHED_KEY]))
    assert echo not in message
    assert "<redacted>" in message


@pytest.mark.parametrize(
    "settings",
    [
        {"prefix": "Bearer\r\nX-Evil: 1"},
        {"prefix": "Bearer\n"},
        {"auth_header_name": "x-api-key\r\n"},
        {"auth_header_name": "x api key"},
        {"auth_header_name": ""},
    ],
    ids=["prefix-crlf", "prefix-lf", "header-crlf", "header-space", "header-empty"],
)
def test_an_unsendable_prefix_or_header_name_is_refused_at_once(settings: dict[str, Any], api_key: str) -> None:
    """Defect 7: a CR/LF prefix used to reach httpx, whose LocalProtocolError and httpcore's DEBUG log
    then carried the whole header value, key included."""
    with pytest.raises(ApiKeyError) as caught:
        AuthenticatedClient(token=api_key, **settings)
    SecretGuard(api_key).check_error(caught.value)
