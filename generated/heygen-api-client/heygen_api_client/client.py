"""The clients every API function takes: credentials, defaults, retries and the connection pool.

Defaults come from the API document: the base URL is its first server and the credential goes in
the header its security scheme names, bare. The key is never part of a repr, a log
line or an error message: it is kept out of attrs' repr and out of the httpx client's default headers,
and is set on each request by ``ApiKeyAuth`` instead.
"""

import os
import ssl
from collections.abc import Generator, Mapping
from typing import Any, Self

import httpx
from attrs import define, evolve, field
from httpx_retries import Retry, aretry_request, retry_request

from .errors import ApiKeyError

DEFAULT_BASE_URL = "https://api.heygen.com"
"""The API document's first server."""
API_KEY_ENV = "HEYGEN_API_KEY"
"""Where ``AuthenticatedClient`` reads the key when none is passed."""
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Per attempt: 5 s to connect, 30 s for each read, write or pool wait (httpx's own default is 5 s)."""
USER_AGENT = f"heygen-api-client/4.0.8.post2 httpx/{httpx.__version__}"

DEFAULT_MAX_RETRIES = 2
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""Statuses worth another attempt: timeouts, rate limits and server-side or gateway failures."""
RETRY_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)
"""Failures worth another attempt: timeouts, refused or reset connections, a connection cut mid-body."""


def retry_policy(
    max_retries: int = DEFAULT_MAX_RETRIES,
    *,
    backoff: float = 0.5,
    max_wait: float = 20.0,
    budget: float = 30.0,
) -> Retry | None:
    """The retry configuration clients use by default; ``None`` (retries off) when ``max_retries`` is 0.

    Args:
        max_retries: Attempts after the first one.
        backoff: Seconds before the first retry; each later wait doubles, and each is shortened by a
            random 0-25 % (jitter) so that many clients do not retry in step.
        max_wait: Cap on any one wait, including the one a server asks for with ``Retry-After``
            (seconds or an HTTP date).
        budget: Cap on the time spent waiting across all retries of one request.

    Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS, TRACE) are retried, never POST or PATCH.
    """
    if max_retries == 0:
        return None
    return Retry(
        total=max_retries,
        status_forcelist=RETRY_STATUSES,
        retry_on_exceptions=RETRY_EXCEPTIONS,
        # httpx-retries waits backoff_factor * 2**n before retry n, counting from 1.
        backoff_factor=backoff / 2,
        backoff_jitter=0.25,
        max_backoff_wait=max_wait,
        total_timeout=budget,
        respect_retry_after_header=True,
    )


# Arguments with which the first attempt must go through httpx-retries too: what it sends or reads apart.
_LIBRARY_ONLY_KWARGS = frozenset({"auth", "follow_redirects", "extensions"})


def _first_attempt_alone(retry: Retry, method: str, kwargs: Mapping[str, Any]) -> bool:
    """Whether ``request`` may send the first attempt itself and enter httpx-retries only if it fails.

    Most calls succeed at once, and the library's entry (checks of the client's transports, a closure
    per call) was a quarter of the client's own cost per call. The attempt made here takes the
    library's decisions (``is_exhausted``, ``is_retryable_*``, ``increment``, ``sleep``), so the
    attempts, waits and budget are the library's; a validating policy or a per-request retry override
    stays with the library from the start.
    """
    return (
        retry.validate_response is None
        and retry.is_retryable_method(method)
        and _LIBRARY_ONLY_KWARGS.isdisjoint(kwargs)
    )


def aiohttp_transport(**kwargs: Any) -> httpx.AsyncBaseTransport:
    """An aiohttp connection pool for the async client: ``async_transport=aiohttp_transport()``.

    httpcore's async pool costs more CPU per call the more calls wait on it (encode/httpx#3215); above
    about 20 concurrent calls aiohttp's pool keeps up where it does not (bench/RESULTS.md in the
    specpipe repository). Needs the ``aiohttp`` extra: ``pip install "heygen-api-client[aiohttp]"``.
    Keyword arguments (``verify``, ``limits``, ...) go to ``httpx_aiohttp.AiohttpTransport``, since the
    client's own ``verify_ssl`` does not reach a transport passed in.
    """
    try:
        from httpx_aiohttp import AiohttpTransport  # noqa: PLC0415 (an optional extra, imported when asked)
    except ImportError as exc:
        raise ImportError(
            'aiohttp_transport() needs the aiohttp extra: pip install "heygen-api-client[aiohttp]"'
        ) from exc
    return AiohttpTransport(**kwargs)


class ApiKeyAuth(httpx.Auth):
    """Sets the credential header on each outgoing request.

    Set per request rather than as a default header, the key stays out of ``httpx.Client.headers`` and of
    every repr built from it.
    """

    def __init__(self, header: str, value: str) -> None:
        self._header = header
        self._value = value

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self._header] = self._value
        yield request

    def __repr__(self) -> str:
        return f"ApiKeyAuth(header={self._header!r}, value=<redacted>)"


def _redacted(mapping: Mapping[str, Any]) -> str:
    """attrs repr for headers, cookies and httpx arguments: names only, as any value may be a credential."""
    return repr({name: "<redacted>" for name in mapping})


def _api_key_from_env() -> str:
    # Surrounding whitespace is dropped: secret files and .env lines often end with a newline.
    key = os.environ.get(API_KEY_ENV, "").strip()
    if not key:
        raise ApiKeyError(f"no API key: pass token=... or set the {API_KEY_ENV} environment variable")
    return key


def _check_api_key(_instance: object, _attribute: object, value: str) -> None:
    # httpx would reject such a value with an error quoting it, so refuse it here without quoting it.
    if not value or value != value.strip() or not (value.isascii() and value.isprintable()):
        raise ApiKeyError(
            "the API key is empty, has surrounding whitespace or characters an HTTP header cannot carry"
            " (a trailing newline from a secret file?)"
        )


@define
class Client:
    """A client for the endpoints that need no credentials

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` for many concurrent async calls.


    Attributes:
        raise_on_unexpected_status: Whether to raise an errors.UnexpectedStatus if the API returns a status
            code that was not documented in the source OpenAPI document (retries are spent first). Can also be
            provided as a keyword argument to the constructor.
        retry: How transient failures are retried (see retry_policy); None turns retries off.
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    retry: Retry | None = field(factory=retry_policy, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_redacted)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_redacted)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=_redacted)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_transport: httpx.AsyncBaseTransport | None = field(default=None, kw_only=True, alias="async_transport")
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def with_retry(self, retry: Retry | None) -> "Client":
        """Get a new client matching this one with another retry configuration (None: no retries)"""
        return evolve(self, retry=retry)

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json", **self._headers},
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def _secret_values(self) -> tuple[str, ...]:
        """What error messages must redact should a response echo it."""
        return ()

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_kwargs())
        return self._client

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send a request through the shared httpx.Client, retried as ``retry`` says.

        The API functions call this; it also serves endpoints the API document does not describe.
        Keyword arguments go to ``httpx.Client.build_request``.
        """
        client = self.get_httpx_client()
        retry = self.retry
        if retry is None:
            return client.request(method, url, **kwargs)
        if not _first_attempt_alone(retry, method, kwargs):
            return retry_request(client, method, url, retry=retry, **kwargs)
        try:
            response = client.send(client.build_request(method, url, **kwargs))
        except Exception as exc:
            if retry.is_exhausted() or not retry.is_retryable_exception(exc):
                raise
            retry = retry.increment()
            retry.sleep(exc)
        else:
            if retry.is_exhausted() or not retry.is_retryable_status_code(response.status_code):
                response.extensions["retry"] = retry
                return response
            response.close()
            retry = retry.increment()
            retry.sleep(response)
        return retry_request(client, method, url, retry=retry, **kwargs)

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            kwargs = self._httpx_kwargs()
            if self._async_transport is not None:
                kwargs["transport"] = self._async_transport
            self._async_client = httpx.AsyncClient(**kwargs)
        return self._async_client

    async def arequest(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Like ``request``, through the shared httpx.AsyncClient."""
        client = self.get_async_httpx_client()
        retry = self.retry
        if retry is None:
            return await client.request(method, url, **kwargs)
        if not _first_attempt_alone(retry, method, kwargs):
            return await aretry_request(client, method, url, retry=retry, **kwargs)
        try:
            response = await client.send(client.build_request(method, url, **kwargs))
        except Exception as exc:
            if retry.is_exhausted() or not retry.is_retryable_exception(exc):
                raise
            retry = retry.increment()
            await retry.asleep(exc)
        else:
            if retry.is_exhausted() or not retry.is_retryable_status_code(response.status_code):
                response.extensions["retry"] = retry
                return response
            await response.aclose()
            retry = retry.increment()
            await retry.asleep(response)
        return await aretry_request(client, method, url, retry=retry, **kwargs)

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class AuthenticatedClient:
    """A client for the endpoints that need credentials

    The key comes from ``token`` or, when that is not given, from the HEYGEN_API_KEY environment
    variable; ``errors.ApiKeyError`` says which is missing.

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` for many concurrent async calls.


    Attributes:
        raise_on_unexpected_status: Whether to raise an errors.UnexpectedStatus if the API returns a status
            code that was not documented in the source OpenAPI document (retries are spent first). Can also be
            provided as a keyword argument to the constructor.
        retry: How transient failures are retried (see retry_policy); None turns retries off.
        token: The API key; read from the HEYGEN_API_KEY environment variable when not given. Never shown in
            repr.
        prefix: The prefix put before the key in the header (none for an API key header)
        auth_header_name: The name of the header that carries the key
    """

    raise_on_unexpected_status: bool = field(default=True, kw_only=True)
    retry: Retry | None = field(factory=retry_policy, kw_only=True)
    _base_url: str = field(default=DEFAULT_BASE_URL, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_redacted)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_redacted)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args", repr=_redacted)
    _client: httpx.Client | None = field(default=None, init=False)
    _async_transport: httpx.AsyncBaseTransport | None = field(default=None, kw_only=True, alias="async_transport")
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    token: str = field(factory=_api_key_from_env, repr=False, validator=_check_api_key)
    prefix: str = ""
    auth_header_name: str = "x-api-key"

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def with_retry(self, retry: Retry | None) -> "AuthenticatedClient":
        """Get a new client matching this one with another retry configuration (None: no retries)"""
        return evolve(self, retry=retry)

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json", **self._headers},
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "auth": ApiKeyAuth(self.auth_header_name, f"{self.prefix} {self.token}" if self.prefix else self.token),
            **self._httpx_args,
        }

    def _secret_values(self) -> tuple[str, ...]:
        """What error messages must redact should a response echo it."""
        return (self.token,)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_kwargs())
        return self._client

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send a request through the shared httpx.Client, retried as ``retry`` says.

        The API functions call this; it also serves endpoints the API document does not describe.
        Keyword arguments go to ``httpx.Client.build_request``.
        """
        client = self.get_httpx_client()
        retry = self.retry
        if retry is None:
            return client.request(method, url, **kwargs)
        if not _first_attempt_alone(retry, method, kwargs):
            return retry_request(client, method, url, retry=retry, **kwargs)
        try:
            response = client.send(client.build_request(method, url, **kwargs))
        except Exception as exc:
            if retry.is_exhausted() or not retry.is_retryable_exception(exc):
                raise
            retry = retry.increment()
            retry.sleep(exc)
        else:
            if retry.is_exhausted() or not retry.is_retryable_status_code(response.status_code):
                response.extensions["retry"] = retry
                return response
            response.close()
            retry = retry.increment()
            retry.sleep(response)
        return retry_request(client, method, url, retry=retry, **kwargs)

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            kwargs = self._httpx_kwargs()
            if self._async_transport is not None:
                kwargs["transport"] = self._async_transport
            self._async_client = httpx.AsyncClient(**kwargs)
        return self._async_client

    async def arequest(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Like ``request``, through the shared httpx.AsyncClient."""
        client = self.get_async_httpx_client()
        retry = self.retry
        if retry is None:
            return await client.request(method, url, **kwargs)
        if not _first_attempt_alone(retry, method, kwargs):
            return await aretry_request(client, method, url, retry=retry, **kwargs)
        try:
            response = await client.send(client.build_request(method, url, **kwargs))
        except Exception as exc:
            if retry.is_exhausted() or not retry.is_retryable_exception(exc):
                raise
            retry = retry.increment()
            await retry.asleep(exc)
        else:
            if retry.is_exhausted() or not retry.is_retryable_status_code(response.status_code):
                response.extensions["retry"] = retry
                return response
            await response.aclose()
            retry = retry.increment()
            await retry.asleep(response)
        return await aretry_request(client, method, url, retry=retry, **kwargs)

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)
