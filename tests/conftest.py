"""What every test shares, made safe for parallel workers (``pytest -n 3``, as ``nox -s tests`` runs).

Each xdist worker is its own process with its own current folder, environment and temporary folder
(``tmp_path``, ``tmp_path_factory``); what workers could still share is the file system outside those, so
tools that tests start are pointed at the worker's own temporary folder here.
"""

from __future__ import annotations

import importlib
import os
import ssl
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session", autouse=True)
def _worker_tool_caches(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """mypy runs started by tests keep their cache in this worker's temporary folder: not in the repository's
    ``.mypy_cache`` (which ``nox -s typecheck`` uses), and never one cache written by two workers at once."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MYPY_CACHE_DIR", str(tmp_path_factory.mktemp("mypy-cache")))
        yield


# Where httpx's transports build their SSL context (0.27 and 0.28, the client's range); None: nothing to share.
_HTTPX_TRANSPORTS: Any = getattr(importlib.import_module("httpx._transports.default"), "create_ssl_context", None)
# The names it is called by: httpx's transports, and httpx's public one (httpx-aiohttp's transport).
_SSL_CONTEXT_BUILDERS = ("httpx._transports.default", "httpx")


@pytest.fixture(scope="session", autouse=True)
def _one_default_ssl_context() -> Iterator[None]:
    """Every client a test builds with httpx's default verification shares one SSL context per worker.

    httpx builds a fresh context (parsing certifi's whole CA bundle) for each client, and so does the
    client's aiohttp pool (httpx-aiohttp calls ``httpx.create_ssl_context``): most of the CPU of the
    contract property tests, which build two clients per example (an async one: about 0.1 s more).
    Sharing a context is what httpx's documentation recommends; only the default ``verify=True`` without a
    client certificate is shared, per value of the variables httpx reads (SSL_CERT_FILE, SSL_CERT_DIR);
    any other argument reaches httpx as it was given. Hand-written: no library memoizes an httpx internal.
    """
    if _HTTPX_TRANSPORTS is None:
        yield
        return
    build = _HTTPX_TRANSPORTS
    shared: dict[tuple[bool, str | None, str | None], ssl.SSLContext] = {}

    def create_ssl_context(
        verify: Any = True, cert: Any = None, trust_env: bool = True, **other: Any
    ) -> ssl.SSLContext:
        if verify is not True or cert is not None or other:
            return build(verify=verify, cert=cert, trust_env=trust_env, **other)  # type: ignore[no-any-return]
        key = (trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
        if key not in shared:
            shared[key] = build(verify=verify, cert=cert, trust_env=trust_env)
        return shared[key]

    with pytest.MonkeyPatch.context() as patch:
        for where in _SSL_CONTEXT_BUILDERS:
            patch.setattr(f"{where}.create_ssl_context", create_ssl_context)
        yield
