"""The client's base: settings, the connection pool, the attempt loop (retries, bounded reads, a deadline
per attempt, one log line per attempt) and the copies ``with_options`` makes.

Nothing here depends on the API document: the generated ``client.py`` subclasses ``BaseClient`` and sets
the class attributes below (environment variable names, default base URL, User-Agent).
"""

import asyncio
import os
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Literal, Self, TypeVar

import httpx
from attrs import Factory, define, evolve, field
from httpx_retries import Retry

from ._bounded import _aread_bounded, _read_bounded
from ._constants import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT
from ._cookies import use_lazy_cookies
from ._credentials import ApiKeyAuth, CredentialGuard, _redacted
from ._deadlines import _WATCHDOG, _deadline_passed, _loop_deadlines, _within_anyio
from ._logging import _log_attempt, _log_retry
from ._pool import DEFAULT_LIMITS, default_async_transport, use_fair_pool
from ._retries import _check_max_retries, _max_retries_from_env, retry_policy
from ._urls import joined
from .errors import ApiKeyError, MissingExtraError, redact, transport_error
from .types import UNSET, Unset

_HttpxClient = TypeVar("_HttpxClient", httpx.Client, httpx.AsyncClient)


def _default_retry(client: "BaseClient") -> Retry | None:
    """The policy of a client given no ``retry=``: ``max_retries=``, else the client's environment
    variable, else DEFAULT_MAX_RETRIES."""
    _check_max_retries(client, None, client.max_retries)  # attrs validates only after this factory ran
    if client.max_retries is not None:
        return retry_policy(client.max_retries)
    return retry_policy(_max_retries_from_env(client._MAX_RETRIES_ENV))


def _base_url_from_env(client: "BaseClient") -> str:
    url = os.environ.get(client._BASE_URL_ENV, "").strip()
    if url:
        return url
    if client._DEFAULT_BASE_URL is None:
        raise ValueError(f"no base URL: pass base_url=... or set the {client._BASE_URL_ENV} environment variable")
    return client._DEFAULT_BASE_URL


def _failure(exc: Exception, secrets: tuple[str, ...], attempts: int) -> Exception:
    """What a call raises once no attempt is left: a transport failure as ApiConnectionError/ApiTimeoutError."""
    if not isinstance(exc, httpx.TransportError):
        return exc
    if secrets:
        exc.args = (redact(str(exc), secrets),)  # it stays the wrapper's __cause__
    return transport_error(exc, secrets, attempts)


_SYNC_ONLY = frozenset({"transport", "mounts", "event_hooks", "auth"})
"""``httpx_args`` that may hold what works on the sync pool only, so sync calls keep it."""

_EXTRAS = {
    "httpx[socks]": "a SOCKS proxy (in httpx_args, or in the ALL_PROXY, HTTPS_PROXY or HTTP_PROXY environment variable)",
    "httpx[http2]": "HTTP/2 (http2=True in httpx_args)",
}
"""The extras whose absence httpx reports with an ImportError while building a client, and what needs them."""


def _check_async_pool(_instance: object, _attribute: object, value: str) -> None:
    if value not in ("auto", "httpx"):
        raise ValueError(f"async_pool must be 'auto' or 'httpx' (got {value!r})")


def _built(factory: Callable[..., _HttpxClient], kwargs: dict[str, Any]) -> _HttpxClient:
    """httpx builds its transports, proxies included, with the client, and raises a bare ImportError when
    one needs a package not installed; that becomes a MissingExtraError naming the extra."""
    try:
        return factory(**kwargs)
    except ImportError as exc:
        extra = next((name for name in _EXTRAS if name in str(exc)), None)
        if extra is None:  # not one httpx names: nothing to add to its own message
            raise
        raise MissingExtraError(
            f'{_EXTRAS[extra]} needs the {extra} extra, which is not installed: pip install "{extra}"', extra=extra
        ) from exc


@define
class BaseClient:
    """What ``Client`` and ``AuthenticatedClient`` share: settings, connection pool, attempt loop, copies.

    A subclass names what the API document decides, in the class attributes below.
    """

    _BASE_URL_ENV: ClassVar[str]
    """Where the base URL is read when none is passed."""
    _DEFAULT_BASE_URL: ClassVar[str | None] = None
    """The base URL when neither ``base_url=`` nor the environment gives one; None: one must be given."""
    _MAX_RETRIES_ENV: ClassVar[str]
    """Where ``max_retries`` is read when neither ``max_retries=`` nor ``retry=`` is passed."""
    _USER_AGENT: ClassVar[str]
    """The default ``User-Agent`` header."""

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    max_retries: int | None = field(default=None, kw_only=True, validator=_check_max_retries)
    retry: Retry | None = field(default=Factory(_default_retry, takes_self=True), kw_only=True)
    _base_url: str = field(default=Factory(_base_url_from_env, takes_self=True), alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_redacted)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_redacted)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=_redacted)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_transport: httpx.AsyncBaseTransport | None = field(default=None, kw_only=True, alias="async_transport")
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _async_pool: Literal["auto", "httpx"] = field(
        default="auto", kw_only=True, alias="async_pool", validator=_check_async_pool
    )
    _max_response_bytes: int | None = field(
        default=DEFAULT_MAX_RESPONSE_BYTES, kw_only=True, alias="max_response_bytes"
    )
    _deadline: float | None = field(default=None, kw_only=True, alias="deadline")
    _root: "BaseClient | None" = field(default=None, init=False, repr=False, eq=False)
    """The client whose connection pool a ``with_options`` copy shares; None for the one that owns it."""
    _injected: bool = field(default=False, init=False, repr=False, eq=False)
    """Whether ``set_httpx_client`` gave the sync calls an httpx client of the caller's."""

    def _auth(self) -> httpx.Auth | None:
        return None

    def _require(self, schemes: tuple[str, ...], method: str, url: str) -> None:
        """Refuses, before sending, an operation whose accepted credentials (``schemes``) exclude this
        client's; a client without credentials sends none and lets the server answer."""

    def _secret_values(self) -> tuple[str, ...]:
        """What error messages must redact should a response echo it."""
        return ()

    def _default_headers(self) -> dict[str, str]:
        return {"User-Agent": self._USER_AGENT, "Accept": "application/json", **self._headers}

    def _httpx_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._default_headers(),
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "limits": DEFAULT_LIMITS,
            **self._httpx_args,
        }
        auth = self._auth()
        if auth is not None:
            kwargs.setdefault("auth", auth)
        return kwargs

    # Copies -------------------------------------------------------------------------------------------

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | Unset | None = UNSET,
        retry: Retry | Unset | None = UNSET,
        headers: Mapping[str, str] | Unset = UNSET,
        max_response_bytes: int | Unset | None = UNSET,
        deadline: float | Unset | None = UNSET,
    ) -> Self:
        """A copy with other settings that shares this client's connection pool and leaves it unchanged.

        The copy sends its headers and timeout with each request; leaving a copy's context manager does
        not close the shared pool, only leaving the original's does. Options not given stay as they are.
        """
        changes: dict[str, Any] = {}
        if not isinstance(timeout, Unset):
            changes["timeout"] = (
                timeout if timeout is None or isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
            )
        if not isinstance(retry, Unset):
            changes["retry"] = retry
        if not isinstance(headers, Unset):
            changes["headers"] = {**self._headers, **headers}
        if not isinstance(max_response_bytes, Unset):
            changes["max_response_bytes"] = max_response_bytes
        if not isinstance(deadline, Unset):
            changes["deadline"] = deadline
        copy = evolve(self, **changes)
        copy._root = self._root or self
        return copy

    def with_headers(self, headers: dict[str, str]) -> Self:
        """A copy sending additional headers (``with_options(headers=...)``); this client is unchanged."""
        return self.with_options(headers=headers)

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """A copy with another timeout (``with_options(timeout=...)``); this client is unchanged."""
        return self.with_options(timeout=timeout)

    def with_retry(self, retry: Retry | None) -> Self:
        """A copy with another retry configuration (None: no retries); this client is unchanged."""
        return self.with_options(retry=retry)

    def _loop_copy(self) -> Self | None:
        """A copy with connection pools of its own, for sync calls run on an event loop (``delete_many``);
        None where the sync calls depend on what only the sync pool has: an injected httpx client, or a
        transport, mounts, event hooks or an auth in ``httpx_args`` (which may work only synchronously)."""
        root = self._root or self
        if root._injected or _SYNC_ONLY.intersection(self._httpx_args):
            return None
        return evolve(self, async_transport=None)  # the caller's async transport stays the async calls'

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """A copy with additional cookies and a connection pool of its own (httpx keeps cookies per pool)."""
        return evolve(self, cookies={**self._cookies, **cookies})

    def _override(self, kwargs: dict[str, Any]) -> None:
        """A copy's own headers and timeout, sent with each request over the shared pool."""
        kwargs.setdefault("timeout", self._timeout)
        kwargs["headers"] = {**self._headers, **kwargs.get("headers", {})}

    def _deadline_seconds(self) -> float | None:
        if self._deadline is not None:
            return self._deadline
        return self._timeout.read if self._timeout is not None else None

    def _retry_for(self, request: httpx.Request) -> Retry | None:
        retry: Retry | None = request.extensions.get("retry", self.retry)
        return retry if retry is not None and retry.is_retryable_method(request.method) else None

    def _adopt(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Gives an injected httpx client what the client's own would have: auth, headers and timeout."""
        auth = self._auth()
        if auth is not None:
            if client.auth is not None and not isinstance(client.auth, ApiKeyAuth):
                raise ApiKeyError("the injected httpx client has an auth of its own, so the API key could not be sent")
            client.auth = auth
        self._guard(client)
        for name, value in self._default_headers().items():
            current = client.headers.get(name)
            # httpx's own defaults ("*/*", "python-httpx/<version>") are not the caller's choice: replace them.
            if current is None or current == "*/*" or current.startswith("python-httpx/"):
                client.headers[name] = value
        client.timeout = httpx.Timeout(self._timeout)

    def _credential_headers(self) -> tuple[str, ...]:
        """The headers that go to the base URL's origin only."""
        return ("Authorization",)

    def _guard(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Credentials to ``client``'s base URL's origin only (this client's base URL if it has none)."""
        origin = client.base_url if client.base_url.host else httpx.URL(self._base_url)
        CredentialGuard(origin, self._credential_headers()).install(client)

    # Sync ----------------------------------------------------------------------------------------------

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use ``client`` (a proxy, mTLS, ...) for every call; it gets this client's auth, default headers
        (where it has none of that name) and timeout, and calls through it are retried and bounded as usual."""
        self._adopt(client)
        root = self._root or self
        root._client, root._injected = client, True
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._root is not None:
            return self._root.get_httpx_client()
        if self._client is None:
            self._client = _built(httpx.Client, self._httpx_kwargs())
            use_lazy_cookies(self._client)
            if "transport" not in self._httpx_args:  # a caller's transport keeps its pool
                use_fair_pool(self._client)
            self._guard(self._client)
        return self._client

    def _attempt(
        self,
        client: httpx.Client,
        request: httpx.Request,
        send_kwargs: dict[str, Any],
        deadline_at: float | None,
        secrets: tuple[str, ...],
    ) -> httpx.Response:
        """One attempt, headers and body within the deadline: at the deadline the watchdog shuts the
        socket the attempt reads from, which ends a blocked read at once."""
        watch = None if deadline_at is None else _WATCHDOG.watch(request, deadline_at)
        try:
            response = client.send(request, stream=True, **send_kwargs)
            _read_bounded(response, self._max_response_bytes, watch, secrets)
        except Exception:
            if watch is not None and watch.stop():
                raise _deadline_passed(request) from None
            raise
        finally:
            if watch is not None:
                watch.stop()
        return response

    def request(self, method: str, url: str, *, schemes: tuple[str, ...] = (), **kwargs: Any) -> httpx.Response:
        """Send a request through the shared httpx.Client, retried as ``retry`` says.

        The API functions call this; it also serves endpoints the API document does not describe.
        ``schemes``: the credentials the operation accepts ("api_key", "bearer", "none"; empty: any);
        another is refused with ``ApiKeyError`` before anything is sent. Other keyword arguments go to
        ``httpx.Client.build_request`` (``auth`` and ``follow_redirects`` to ``send``). Each attempt
        reads at most ``max_response_bytes`` within the ``deadline``.
        """
        self._require(schemes, method, url)
        client = self.get_httpx_client()
        if self._root is not None:
            self._override(kwargs)
        send_kwargs: dict[str, Any] = {
            name: kwargs.pop(name) for name in ("auth", "follow_redirects") if name in kwargs
        }
        request = client.build_request(method, joined(client, url), **kwargs)
        retry = self._retry_for(request)
        deadline, secrets = self._deadline_seconds(), self._secret_values()
        # The loop of httpx_retries.retry_request, written out so that each attempt is bounded
        # (_attempt); the decisions (is_exhausted, is_retryable_*, increment, sleep) are the library's.
        attempt = 1
        while True:
            started = time.monotonic()
            try:
                deadline_at = None if deadline is None else started + deadline
                response = self._attempt(client, request, send_kwargs, deadline_at, secrets)
                retryable = retry is not None and retry.is_retryable_status_code(response.status_code)
                if retry is not None and not retryable and retry.validate_response is not None:
                    retry.validate_response(response)
            except Exception as exc:
                _log_attempt(request, started, attempt, exc)
                if retry is None or retry.is_exhausted() or not retry.is_retryable_exception(exc):
                    raise _failure(exc, secrets, attempt) from exc
                retry = retry.increment()
                _log_retry(request, retry)
                retry.sleep(exc)
            else:
                _log_attempt(request, started, attempt, response)
                if retry is None or not retryable or retry.is_exhausted():
                    response.extensions["retry"] = retry
                    return response
                retry = retry.increment()
                _log_retry(request, retry)
                retry.sleep(response)
            attempt += 1

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs); a copy's is a no-op"""
        if self._root is None:
            self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs); a copy leaves the pool open"""
        if self._root is None:
            self.get_httpx_client().__exit__(*args, **kwargs)

    # Async ---------------------------------------------------------------------------------------------

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """``set_httpx_client`` for the async calls."""
        self._adopt(async_client)
        (self._root or self)._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        return self._async_httpx_client(closed_on_exit=False)

    def _async_httpx_client(self, closed_on_exit: bool) -> httpx.AsyncClient:
        """The async client, built on aiohttp's pool by default only for ``async with`` (``closed_on_exit``):
        an aiohttp session left open complains on stderr when collected, httpx's pool does not."""
        if self._root is not None:
            return self._root.get_async_httpx_client()
        if self._async_client is None:
            kwargs = self._httpx_kwargs()
            transport = self._async_transport
            if transport is None and closed_on_exit and self._async_pool == "auto":
                transport = default_async_transport(kwargs)
            if transport is not None:
                kwargs["transport"] = transport
            self._async_client = _built(httpx.AsyncClient, kwargs)
            use_lazy_cookies(self._async_client)
            if "transport" not in kwargs:  # a caller's transport keeps its pool
                use_fair_pool(self._async_client)
            self._guard(self._async_client)
        return self._async_client

    async def _send_and_read(
        self, client: httpx.AsyncClient, request: httpx.Request, send_kwargs: dict[str, Any], secrets: tuple[str, ...]
    ) -> httpx.Response:
        response = await client.send(request, stream=True, **send_kwargs)
        await _aread_bounded(response, self._max_response_bytes, secrets)
        return response

    async def _aattempt(
        self,
        client: httpx.AsyncClient,
        request: httpx.Request,
        send_kwargs: dict[str, Any],
        deadline: float | None,
        secrets: tuple[str, ...],
    ) -> httpx.Response:
        """One attempt, headers and body within the deadline: an asyncio timeout under asyncio, due at the
        deadline through ``_LoopDeadlines`` (anyio's cancel scope made async calls 1.3x slower in
        bench/call_overhead.py), anyio's under trio."""
        if deadline is None:
            return await self._send_and_read(client, request, send_kwargs, secrets)
        running = _loop_deadlines()
        try:
            if running is not None:
                loop, deadlines = running
                async with asyncio.timeout(None) as timeout:
                    entry = deadlines.add(loop, deadline, timeout)
                    try:
                        return await self._send_and_read(client, request, send_kwargs, secrets)
                    finally:
                        entry[2] = None
            return await _within_anyio(self._send_and_read(client, request, send_kwargs, secrets), deadline)
        except TimeoutError:
            raise _deadline_passed(request) from None

    async def arequest(self, method: str, url: str, *, schemes: tuple[str, ...] = (), **kwargs: Any) -> httpx.Response:
        """Like ``request``, through the shared httpx.AsyncClient."""
        self._require(schemes, method, url)
        client = self.get_async_httpx_client()
        if self._root is not None:
            self._override(kwargs)
        send_kwargs: dict[str, Any] = {
            name: kwargs.pop(name) for name in ("auth", "follow_redirects") if name in kwargs
        }
        request = client.build_request(method, joined(client, url), **kwargs)
        retry = self._retry_for(request)
        deadline, secrets = self._deadline_seconds(), self._secret_values()
        attempt = 1
        while True:
            started = time.monotonic()
            try:
                response = await self._aattempt(client, request, send_kwargs, deadline, secrets)
                retryable = retry is not None and retry.is_retryable_status_code(response.status_code)
                if retry is not None and not retryable and retry.validate_response is not None:
                    validated = retry.validate_response(response)
                    if validated is not None:  # an async validator
                        await validated
            except Exception as exc:
                _log_attempt(request, started, attempt, exc)
                if retry is None or retry.is_exhausted() or not retry.is_retryable_exception(exc):
                    raise _failure(exc, secrets, attempt) from exc
                retry = retry.increment()
                _log_retry(request, retry)
                await retry.asleep(exc)
            else:
                _log_attempt(request, started, attempt, response)
                if retry is None or not retryable or retry.is_exhausted():
                    response.extensions["retry"] = retry
                    return response
                retry = retry.increment()
                _log_retry(request, retry)
                await retry.asleep(response)
            attempt += 1

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        if self._root is None:
            await self._async_httpx_client(closed_on_exit=True).__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs); a copy leaves the pool open"""
        if self._root is None:
            await self.get_async_httpx_client().__aexit__(*args, **kwargs)
