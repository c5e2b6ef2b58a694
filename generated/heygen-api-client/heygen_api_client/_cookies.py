"""The client's cookie jar: httpx's, without its work on a response that sets no cookie.

httpx hands every response to ``http.cookiejar`` (``httpx.Cookies.extract_cookies``), which wraps the
request and the response in urllib objects and scans their headers: about an eighth of an async call's
CPU at concurrency 50 in bench/throughput.py, for API responses that set no cookie. Written by hand:
httpx has no switch for it.
"""

from __future__ import annotations

import httpx


class LazyCookies(httpx.Cookies):
    """``httpx.Cookies`` that reads a response's cookies only when it has a ``Set-Cookie`` header (or
    ``Set-Cookie2``, which ``http.cookiejar`` reads where its policy asks for it)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if headers.get_list("set-cookie") or headers.get_list("set-cookie2"):
            super().extract_cookies(response)


def use_lazy_cookies(client: httpx.Client | httpx.AsyncClient) -> None:
    """Gives a client httpx built the jar above, with the cookies it holds (httpx's ``cookies`` setter
    would copy them into a plain ``httpx.Cookies``)."""
    client._cookies = LazyCookies(client.cookies)
