"""The client's cookie jar (heygen_api_client._cookies): a response without ``Set-Cookie`` skips
``http.cookiejar``; one with it still stores the cookie, sent with the next request.

Negative controls: on httpx's own ``httpx.Cookies`` the jar reads every response (the first test fails);
a jar that never reads responses fails the second.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
from typing import Any

import httpx
import pytest
from heygen_api_client import AuthenticatedClient
from heygen_api_client._cookies import LazyCookies


def _answers(sent_cookies: list[str | None], set_cookie: bool) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        sent_cookies.append(request.headers.get("cookie"))
        headers = {"set-cookie": "session=s1; Path=/"} if set_cookie else {}
        return httpx.Response(200, json={}, headers=headers)

    return httpx.MockTransport(answer)


def _client(transport: httpx.MockTransport) -> AuthenticatedClient:
    return AuthenticatedClient(base_url="http://api.test", token="not-a-key", httpx_args={"transport": transport})


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_response_without_set_cookie_skips_the_jar(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    reads: list[object] = []
    original = http.cookiejar.CookieJar.extract_cookies

    def counted(jar: http.cookiejar.CookieJar, *args: Any) -> None:
        reads.append(args)
        original(jar, *args)

    monkeypatch.setattr(http.cookiejar.CookieJar, "extract_cookies", counted)
    client = _client(_answers([], set_cookie=False))
    if mode == "sync":
        assert isinstance(client.get_httpx_client().cookies, LazyCookies)
        client.request("GET", "/")
    else:
        assert isinstance(client.get_async_httpx_client().cookies, LazyCookies)
        asyncio.run(client.arequest("GET", "/"))
    assert reads == []


def test_a_set_cookie_is_kept_and_sent_back() -> None:
    sent: list[str | None] = []
    client = _client(_answers(sent, set_cookie=True))
    client.request("GET", "/")
    client.request("GET", "/")
    assert sent == [None, "session=s1"]
