"""Credentials go to the base URL's origin only: a redirect followed to another origin (another port on
127.0.0.1 is one) arrives without the key or Authorization, one on the same origin keeps it.

Negative control: with the guard's install line removed from the generated client (``_guard`` a no-op),
every cross-origin case with the ``x-api-key`` header fails (httpx copies the key into each redirect),
as do the absolute-URL and injected-client cases; the bearer cases pass either way, since httpx itself
drops ``Authorization`` on a change of origin (they guard that the client keeps it so).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from heygen_api_client import AuthenticatedClient
from pytest_httpserver import HTTPServer

from tests.client.conftest import OK_BODY, PATH, Mode, delete_video

MOVED = "/v1/moved"
CREDENTIALS = {
    "api-key header": {},
    "bearer token": {"auth_header_name": "Authorization", "prefix": "Bearer"},
}


@pytest.fixture(scope="module")
def other_server() -> Iterator[HTTPServer]:
    """A second loopback server: the same host as ``server``, another port, so another origin."""
    other = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    other.start()
    yield other
    other.clear()
    other.stop()


def _received(server: HTTPServer, path: str) -> list[dict[str, str]]:
    """The headers (lower-cased names) of each request ``server`` got for ``path``."""
    return [{k.lower(): v for k, v in request.headers.items()} for request, _ in server.log if request.path == path]


@pytest.mark.parametrize("credential", CREDENTIALS.values(), ids=CREDENTIALS.keys())
@pytest.mark.parametrize("status", [301, 302, 307, 308])
@pytest.mark.parametrize("same_origin", [True, False], ids=["same-origin", "other-origin"])
def test_a_redirect_carries_the_credential_to_the_base_origin_only(
    server: HTTPServer,
    other_server: HTTPServer,
    make_client: Any,
    api_key: str,
    mode: Mode,
    status: int,
    same_origin: bool,
    credential: dict[str, str],
) -> None:
    other_server.clear()
    target = server if same_origin else other_server
    server.expect_request(PATH, method="DELETE").respond_with_data(
        "", status=status, headers={"Location": target.url_for(MOVED)}
    )
    target.expect_request(MOVED).respond_with_json(OK_BODY)
    client: AuthenticatedClient = make_client(server.url_for(""), follow_redirects=True, **credential)
    header = client.auth_header_name.lower()
    value = f"{client.prefix} {api_key}" if client.prefix else api_key

    assert delete_video(client, mode).status_code == 200

    assert [headers.get(header) for headers in _received(server, PATH)] == [value]
    moved = _received(target, MOVED)
    assert len(moved) == 1
    if same_origin:
        assert moved[0].get(header) == value
    else:
        assert header not in moved[0]
        assert "authorization" not in moved[0]
        assert all(api_key not in text for text in moved[0].values())
    other_server.check_assertions()


def test_an_absolute_url_to_another_origin_goes_without_the_key(
    server: HTTPServer, other_server: HTTPServer, make_client: Any, api_key: str, mode: Mode
) -> None:
    """``request`` serves undocumented endpoints, absolute URLs too: the key still stays home."""
    other_server.clear()
    other_server.expect_request(MOVED).respond_with_json(OK_BODY)
    client: AuthenticatedClient = make_client(server.url_for(""))

    if mode == "sync":
        with client:
            response = client.request("GET", other_server.url_for(MOVED))
    else:

        async def run() -> httpx.Response:
            async with client:
                return await client.arequest("GET", other_server.url_for(MOVED))

        response = asyncio.run(run())

    assert response.status_code == 200
    (headers,) = _received(other_server, MOVED)
    assert client.auth_header_name.lower() not in headers
    assert all(api_key not in text for text in headers.values())


def test_an_injected_httpx_client_is_guarded_too(
    server: HTTPServer, other_server: HTTPServer, make_client: Any, api_key: str
) -> None:
    other_server.clear()
    server.expect_request(PATH, method="DELETE").respond_with_data(
        "", status=307, headers={"Location": other_server.url_for(MOVED)}
    )
    other_server.expect_request(MOVED).respond_with_json(OK_BODY)
    client: AuthenticatedClient = make_client(server.url_for(""))
    client.set_httpx_client(httpx.Client(base_url=server.url_for(""), follow_redirects=True))

    assert delete_video(client, "sync").status_code == 200

    (headers,) = _received(other_server, MOVED)
    assert client.auth_header_name.lower() not in headers
    assert all(api_key not in text for text in headers.values())
