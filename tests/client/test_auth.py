"""v3 authentication: an API key (``x-api-key``) or an OAuth bearer token (``Authorization: Bearer``),
never both; each operation sends only a credential its document accepts (v1: the key alone), and the
bearer token is as secret as the key (the ``secret_guard`` fixture checks every log record and message
for the fixture's random ``api_key``, which these tests use as the bearer token too)."""

from __future__ import annotations

import asyncio
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from heygen_api_client import ApiKeyError, AuthenticatedClient, UnexpectedStatus
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.api.videos import delete_video_v3
from heygen_api_client.client import API_KEY_ENV, BEARER_TOKEN_ENV
from heygen_api_client.models import DeleteVideoV3Response
from heygen_api_client.types import Response
from pytest_httpserver import HTTPServer

from tests.client.conftest import Mode, SecretGuard

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))
VIDEO_ID = "0123456789abcdef0123456789abcdef"
V3_PATH = f"/v3/videos/{VIDEO_ID}"
DELETED = DOCUMENT["paths"]["/v3/videos/{video_id}"]["delete"]["responses"]["200"]["content"]["application/json"][
    "example"
]


@pytest.fixture
def no_credentials_in_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    monkeypatch.delenv(BEARER_TOKEN_ENV, raising=False)
    return monkeypatch


def _headers(server: HTTPServer) -> list[dict[str, str]]:
    """The headers (lower-cased names) of every request ``server`` got."""
    return [{k.lower(): v for k, v in request.headers.items()} for request, _ in server.log]


def _delete_v3(client: AuthenticatedClient, mode: Mode) -> Response[Any]:
    if mode == "sync":
        with client:
            return delete_video_v3.sync_detailed(client=client, video_id=VIDEO_ID)

    async def run() -> Response[Any]:
        async with client:
            return await delete_video_v3.asyncio_detailed(client=client, video_id=VIDEO_ID)

    return asyncio.run(run())


def _delete_v1(client: AuthenticatedClient, mode: Mode) -> Response[Any]:
    """v1's delete; its DeprecationWarning (once per process) is test_deprecation's subject, not this file's."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _call_v1(client, mode)


def _call_v1(client: AuthenticatedClient, mode: Mode) -> Response[Any]:
    if mode == "sync":
        with client:
            return delete_a_video.sync_detailed(client=client, video_id="v-1")

    async def run() -> Response[Any]:
        async with client:
            return await delete_a_video.asyncio_detailed(client=client, video_id="v-1")

    return asyncio.run(run())


@pytest.mark.parametrize("credential", ["token", "bearer_token"])
def test_each_credential_goes_in_its_own_header_only(
    server: HTTPServer, api_key: str, mode: Mode, credential: str, secret_guard: SecretGuard
) -> None:
    """The key as ``x-api-key`` with no ``Authorization``; the bearer token as ``Authorization: Bearer``
    with no ``x-api-key``. Negative control: swapping the two expected header sets fails both cases."""
    server.expect_request(V3_PATH, method="DELETE").respond_with_json(DELETED)
    key, bearer = (api_key, None) if credential == "token" else (None, api_key)
    client = AuthenticatedClient(base_url=server.url_for(""), retry=None, token=key, bearer_token=bearer)

    response = _delete_v3(client, mode)

    assert isinstance(response.parsed, DeleteVideoV3Response)
    [headers] = _headers(server)
    sent = {name: headers.get(name) for name in ("x-api-key", "authorization")}
    if credential == "token":
        assert sent == {"x-api-key": api_key, "authorization": None}
    else:
        assert sent == {"x-api-key": None, "authorization": f"Bearer {api_key}"}


def test_v1_with_only_a_bearer_token_is_refused_before_sending(
    server: HTTPServer, api_key: str, mode: Mode, secret_guard: SecretGuard
) -> None:
    """v1's document takes the key only: the call names the operation and what it needs, nothing is
    sent, and the token is not in the message. Negative control: the same client with the key sends."""
    client = AuthenticatedClient(base_url=server.url_for(""), bearer_token=api_key, retry=None)
    with pytest.raises(ApiKeyError) as caught:
        _delete_v1(client, mode)
    message = str(caught.value)
    assert "DELETE /v1/video.delete needs an API key" in message
    assert "bearer token" in message
    assert _headers(server) == []
    secret_guard.check_error(caught.value)

    server.expect_request("/v1/video.delete", method="DELETE").respond_with_json({"code": 100, "data": {}})
    _delete_v1(AuthenticatedClient(base_url=server.url_for(""), token=api_key, retry=None), mode)
    assert [headers.get("x-api-key") for headers in _headers(server)] == [api_key]


def test_the_refusal_comes_from_the_operation_s_schemes(server: HTTPServer, api_key: str) -> None:
    """``request`` refuses only what ``schemes`` excludes: without schemes (an endpoint the document
    does not describe) the bearer token is sent."""
    client = AuthenticatedClient(base_url=server.url_for(""), bearer_token=api_key, retry=None)
    with pytest.raises(ApiKeyError, match=r"GET /x needs an API key"):
        client.request("GET", "/x", schemes=("api_key",))
    assert _headers(server) == []
    for schemes in [(), ("bearer",), ("api_key", "none")]:
        server.expect_oneshot_request("/x").respond_with_data("")
        assert client.request("GET", "/x", schemes=schemes).status_code == 200
    assert [headers["authorization"] for headers in _headers(server)] == [f"Bearer {api_key}"] * 3


def test_both_credentials_are_refused(api_key: str, no_credentials_in_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(ApiKeyError, match=r"both an API key \(token=\) and a bearer token") as caught:
        AuthenticatedClient(token=api_key, bearer_token=api_key + "-b")
    SecretGuard(api_key).check_error(caught.value)


@pytest.mark.parametrize(
    ("arguments", "env", "expected"),
    [
        pytest.param((None, None), {API_KEY_ENV: "k"}, ("k", None), id="key from the environment"),
        pytest.param((None, None), {BEARER_TOKEN_ENV: " b\n"}, ("", "b"), id="bearer token from the environment"),
        pytest.param(("k", None), {BEARER_TOKEN_ENV: "b"}, ("k", None), id="key argument wins over a bearer env"),
        pytest.param((None, "b"), {API_KEY_ENV: "k"}, ("", "b"), id="bearer argument wins over a key env"),
        pytest.param(("k", None), {API_KEY_ENV: "e", BEARER_TOKEN_ENV: "b"}, ("k", None), id="argument, both envs"),
    ],
)
def test_where_the_credential_comes_from(
    arguments: tuple[str | None, str | None],
    env: dict[str, str],
    expected: tuple[str, str | None],
    no_credentials_in_env: pytest.MonkeyPatch,
) -> None:
    for name, value in env.items():
        no_credentials_in_env.setenv(name, value)
    client = AuthenticatedClient(token=arguments[0], bearer_token=arguments[1])
    # ``token`` stays a str, as in every release: empty when the credential is a bearer token.
    assert (client.token, client.bearer_token) == expected
    copy = client.with_options(headers={"X-Copy": "1"})  # attrs.evolve passes both back: still one credential
    assert (copy.token, copy.bearer_token) == expected


def test_both_in_the_environment_are_refused(no_credentials_in_env: pytest.MonkeyPatch) -> None:
    """Negative control: either variable alone is accepted (the case above)."""
    no_credentials_in_env.setenv(API_KEY_ENV, "secret-k")
    no_credentials_in_env.setenv(BEARER_TOKEN_ENV, "secret-b")
    with pytest.raises(ApiKeyError, match=r"both HEYGEN_API_KEY and HEYGEN_BEARER_TOKEN are set") as caught:
        AuthenticatedClient()
    assert "secret-" not in str(caught.value)


def test_no_credential_names_both_ways(no_credentials_in_env: pytest.MonkeyPatch) -> None:
    with pytest.raises(
        ApiKeyError, match=r"no API key: pass token=\.\.\. .* bearer_token=\.\.\. or HEYGEN_BEARER_TOKEN"
    ):
        AuthenticatedClient()


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("argument", "{key}\n"),
        ("argument", "{key} "),
        ("argument", "{key}\x00"),
        ("argument", "{key}é"),
        ("environment", "{key}\nx"),  # inside: the environment's value is stripped first
        ("environment", "{key}\x01x"),
        ("environment", "{key}éx"),
    ],
)
def test_an_unusable_bearer_token_is_refused_without_quoting_it(
    source: str, bad: str, api_key: str, no_credentials_in_env: pytest.MonkeyPatch
) -> None:
    bearer_token = bad.format(key=api_key) if source == "argument" else None
    if source == "environment":
        no_credentials_in_env.setenv(BEARER_TOKEN_ENV, bad.format(key=api_key))
    with pytest.raises(ApiKeyError, match="the bearer token is empty") as caught:
        AuthenticatedClient(bearer_token=bearer_token)
    SecretGuard(api_key).check_error(caught.value)


def test_no_view_of_a_bearer_client_shows_the_token(
    server: HTTPServer, api_key: str, mode: Mode, secret_guard: SecretGuard
) -> None:
    """repr/str of the client, its copies and its httpx clients, the log lines (``secret_guard``), and an
    error whose body echoes the token. Negative control: ``bearer_token`` with attrs' default repr
    (``repr=True``) fails the first check."""
    client = AuthenticatedClient(base_url=server.url_for(""), bearer_token=api_key, retry=None)
    pools = (client.get_httpx_client(), client.get_async_httpx_client())
    views = [client, client.with_options(headers={"X": "1"}), client.with_retry(None), *pools]
    views += [pool.auth for pool in pools] + [pool.headers for pool in pools]
    secret_guard.check(*(text for view in views for text in (repr(view), str(view))))

    echo = {"error": {"code": "authentication_failed", "message": f"bad token Bearer {api_key}"}}
    server.expect_request(V3_PATH, method="DELETE").respond_with_json(echo, status=403)  # undocumented: raises
    with pytest.raises(UnexpectedStatus) as caught:
        _delete_v3(client, mode)
    asyncio.run(pools[1].aclose())
    secret_guard.check_error(caught.value)
    assert caught.value.message == "bad token Bearer <redacted>"
    assert caught.value.code == "authentication_failed"


@pytest.fixture(scope="module")
def other_server() -> Iterator[HTTPServer]:
    other = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    other.start()
    yield other
    other.clear()
    other.stop()


@pytest.mark.parametrize("same_origin", [True, False], ids=["same-origin", "other-origin"])
def test_a_bearer_token_follows_a_redirect_to_the_base_origin_only(
    server: HTTPServer, other_server: HTTPServer, api_key: str, mode: Mode, same_origin: bool
) -> None:
    """``Authorization`` is among the guarded headers (``_credential_headers``; removing it from there
    fails the first assertion, while httpx itself also drops ``Authorization`` on a change of origin).
    Negative control: the same-origin case, where the token must arrive."""
    other_server.clear()
    target = server if same_origin else other_server
    server.expect_request(V3_PATH, method="DELETE").respond_with_data(
        "", status=307, headers={"Location": target.url_for("/moved")}
    )
    target.expect_request("/moved", method="DELETE").respond_with_json(DELETED)
    client = AuthenticatedClient(base_url=server.url_for(""), bearer_token=api_key, retry=None, follow_redirects=True)
    assert "Authorization" in client._credential_headers()

    assert _delete_v3(client, mode).status_code == 200

    final = _headers(target)[-1]  # the redirected request (on the same origin, the server's second)
    if same_origin:
        assert final.get("authorization") == f"Bearer {api_key}"
    else:
        assert "authorization" not in final
        assert all(api_key not in value for value in final.values())
    other_server.check_assertions()
