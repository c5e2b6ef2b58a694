"""tests/conftest.py's shared SSL context: shared only where httpx would build the same one."""

from __future__ import annotations

import ssl

import httpx
import pytest

from tests.conftest import _HTTPX_TRANSPORTS

pytestmark = pytest.mark.skipif(_HTTPX_TRANSPORTS is None, reason="this httpx builds no SSL context in its transports")


def _context(client: httpx.Client) -> ssl.SSLContext:
    pool = client._transport._pool  # type: ignore[attr-defined]
    context: ssl.SSLContext = pool._ssl_context
    return context


def test_default_clients_share_one_context() -> None:
    """Negative control: without the fixture each client parses the CA bundle again (two contexts)."""
    with httpx.Client() as first, httpx.Client() as second:
        assert _context(first) is _context(second)
        assert _context(first).verify_mode == ssl.CERT_REQUIRED


def test_other_verification_settings_are_built_as_given() -> None:
    with httpx.Client() as default, httpx.Client(verify=False) as unverified:
        assert _context(unverified) is not _context(default)
        assert _context(unverified).verify_mode == ssl.CERT_NONE
    with httpx.Client(trust_env=False) as untrusting, httpx.Client() as default:
        assert _context(untrusting) is not _context(default)


def test_the_aiohttp_pool_shares_the_default_context_too() -> None:
    """The client's async default (httpx-aiohttp) builds its context through ``httpx.create_ssl_context``.
    Negative control: dropping "httpx" from conftest's _SSL_CONTEXT_BUILDERS makes the two differ."""
    from httpx_aiohttp import AiohttpTransport  # noqa: PLC0415 (test-only import of the client's extra)

    first, second = AiohttpTransport(), AiohttpTransport()
    assert first.ssl_context is second.ssl_context
    assert first.ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert AiohttpTransport(verify=False).ssl_context is not first.ssl_context
