"""A configuration the installed packages cannot serve fails with a MissingExtraError naming the extra:
a SOCKS proxy from the environment without socksio, HTTP/2 without h2. httpx raises a bare ImportError
while building the client's transports, at the first call.

The packages are blocked (None in sys.modules) whether or not they are installed. Negative control:
with ``_built`` calling the factory without its ``except ImportError``, these tests fail with httpx's
ImportError, which is no HeyGenError.
"""

from __future__ import annotations

import sys

import pytest
from heygen_api_client import AuthenticatedClient, HeyGenError, MissingExtraError, aiohttp_transport

from tests.client.conftest import Mode, delete_video
from tests.client.support import unused_loopback_url

PROXY_VARIABLES = ("ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


def _check(error: MissingExtraError, extra: str, api_key: str) -> None:
    assert isinstance(error, HeyGenError)
    assert isinstance(error, ImportError)  # an ``except ImportError`` written for httpx still catches it
    assert error.extra == extra
    assert f'pip install "{extra}"' in str(error)
    assert api_key not in str(error)


@pytest.mark.parametrize("variable", ["ALL_PROXY", "HTTPS_PROXY"])
def test_a_socks_proxy_in_the_environment_without_socksio(
    monkeypatch: pytest.MonkeyPatch, api_key: str, mode: Mode, variable: str
) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, "socks5://127.0.0.1:1080")
    monkeypatch.setitem(sys.modules, "socksio", None)
    with pytest.raises(MissingExtraError) as caught:
        delete_video(AuthenticatedClient(unused_loopback_url(), token=api_key), mode)
    _check(caught.value, "httpx[socks]", api_key)
    assert "ALL_PROXY" in str(caught.value)


def test_http2_without_h2(monkeypatch: pytest.MonkeyPatch, api_key: str, mode: Mode) -> None:
    monkeypatch.setitem(sys.modules, "h2", None)
    with pytest.raises(MissingExtraError) as caught:
        delete_video(AuthenticatedClient(unused_loopback_url(), token=api_key, httpx_args={"http2": True}), mode)
    _check(caught.value, "httpx[http2]", api_key)


def test_aiohttp_transport_without_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    monkeypatch.delitem(sys.modules, "heygen_api_client._aiohttp_pool", raising=False)  # imported already
    with pytest.raises(MissingExtraError) as caught:
        aiohttp_transport()
    assert caught.value.extra.endswith("[aiohttp]")
