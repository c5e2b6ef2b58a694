"""The clients every API function takes: credentials, defaults, retries, bounds and the connection pool.

Defaults come from the API document: the base URL is its first server and the credential goes in
the header its security scheme names, bare; an OAuth bearer token goes in
``Authorization``. Each API function passes the kinds of credential its operation accepts (the
document's ``security``, computed when the client is generated) and a client whose credential is not
among them refuses the call before sending anything. Neither credential is ever part of a repr, a log
line or an error message: each is kept out of attrs' repr and out of the httpx client's default headers,
and is set on each request by ``ApiKeyAuth`` instead.

Credentials go only to the origin (scheme, host and port) of the base URL. A request to another
origin (an absolute URL given to ``request``, or a redirect followed with ``follow_redirects=True``:
301, 302, 303, 307 or 308) leaves without the credential header and without ``Authorization``: the
redirect is followed, stripped rather than refused, as httpx does for ``Authorization`` and requests
for any credential on a change of host, since a download elsewhere needs no key. httpx sets auth on the
first request only and copies its headers into each redirect, so the stripping is a request event hook
(``CredentialGuard``), which httpx calls for every request it sends, redirects included.

The client writes nothing to stdout or stderr unless asked (LOG_ENV, or the application's logging
setup): its logger has a ``logging.NullHandler``, and text a server chose (a header value) is logged
bounded and escaped (``_escaped``).

``Client`` and ``AuthenticatedClient`` share one base, ``BaseClient``: the attempt loop (retries,
bounded reads, a deadline per attempt, one log line per attempt) and the copies ``with_options`` makes.

This module holds only what the API document decides (names, defaults, docstrings); the rest is the
client's runtime, the modules beside it whose names start with an underscore (specpipe copies them from
its ``templates/runtime`` folder verbatim). Their public names are re-exported here.
"""

from typing import Any

import httpx
from attrs import define, field

from . import _logging
from ._base_client import BaseClient as _RuntimeBaseClient
from ._constants import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    LOGGED_CHARS,
    RETRY_EXCEPTIONS,
    RETRY_STATUSES,
)
from ._credentials import (
    _CREDENTIAL_NAMES,
    ApiKeyAuth,
    CredentialGuard,
    _check_credential,
    _check_header_name,
    _check_prefix,
    _credential_from_env,
    _key_or_empty,
)
from ._logging import logger
from ._pool import DEFAULT_LIMITS
from ._retries import RetryPolicy, retry_policy
from .errors import ApiKeyError, MissingExtraError

# The client's public names, those of the runtime included: ``from heygen_api_client.client import X`` as
# before the runtime moved out, and what the API reference (mkdocstrings) documents here.
__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "BEARER_HEADER_NAME",
    "BEARER_PREFIX",
    "BEARER_TOKEN_ENV",
    "DEFAULT_BASE_URL",
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "LOGGED_CHARS",
    "LOG_ENV",
    "MAX_RETRIES_ENV",
    "RETRY_EXCEPTIONS",
    "RETRY_STATUSES",
    "USER_AGENT",
    "ApiKeyAuth",
    "AuthenticatedClient",
    "BaseClient",
    "Client",
    "CredentialGuard",
    "RetryPolicy",
    "aiohttp_transport",
    "logger",
    "retry_policy",
]

DEFAULT_BASE_URL = "https://api.heygen.com"
"""The API document's first server."""
API_KEY_ENV = "HEYGEN_API_KEY"
"""Where ``AuthenticatedClient`` reads the key when no credential is passed."""
BEARER_TOKEN_ENV = "HEYGEN_BEARER_TOKEN"
"""Where ``AuthenticatedClient`` reads an OAuth bearer token when no credential is passed."""
BEARER_HEADER_NAME = "Authorization"
BEARER_PREFIX = "Bearer"
"""A bearer token is sent as ``BEARER_HEADER_NAME: BEARER_PREFIX <token>`` (RFC 6750)."""
BASE_URL_ENV = "HEYGEN_BASE_URL"
"""Where clients read their base URL when none is passed (a proxy, a test server); else DEFAULT_BASE_URL."""
MAX_RETRIES_ENV = "HEYGEN_MAX_RETRIES"
"""Where clients read ``max_retries`` when neither ``max_retries=`` nor ``retry=`` is passed (as HeyGen's CLI does)."""
LOG_ENV = "HEYGEN_LOG"
"""``debug`` or ``info`` there prints one line per attempt to stderr, with no logging setup needed."""
USER_AGENT = f"heygen-api-client/4.0.8 httpx/{httpx.__version__}"


def _log_from_env() -> None:
    """The client's logger prints to stderr when LOG_ENV asks for it (see ``_logging``)."""
    _logging._log_from_env(LOG_ENV)


_log_from_env()


def aiohttp_transport(**kwargs: Any) -> httpx.AsyncBaseTransport:
    """An aiohttp connection pool for the async client: ``async_transport=aiohttp_transport(...)``.

    With the ``aiohttp`` extra installed (``pip install "heygen-api-client[aiohttp]"``) the async client
    uses one by default (``async_pool``); this builds one with arguments of your own (``verify``,
    ``limits``, ...: ``httpx_aiohttp.AiohttpTransport``'s), since the client's own ``verify_ssl`` does not
    reach a transport passed in. Its failures are the httpx exceptions httpx's own pool raises.
    """
    try:
        from ._aiohttp_pool import AiohttpPool  # noqa: PLC0415 (an optional extra, imported when asked)
    except ImportError as exc:
        raise MissingExtraError(
            'aiohttp_transport() needs the aiohttp extra: pip install "heygen-api-client[aiohttp]"',
            extra="heygen-api-client[aiohttp]",
        ) from exc
    return AiohttpPool(**kwargs)


@define
class BaseClient(_RuntimeBaseClient):
    """What ``Client`` and ``AuthenticatedClient`` share: settings, connection pool, attempt loop, copies.

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` with arguments of your own.

        ``async_pool``: ``"auto"`` (default): a client entered with ``async with`` uses aiohttp's
        connection pool when the ``aiohttp`` extra is installed and no transport, mounts, proxy or HTTP/2
        is asked for, else httpx's; ``"httpx"``: always httpx's.


    Attributes:
        raise_on_unexpected_status: Whether to raise an errors.UnexpectedStatus if the API returns a status
            code that was not documented in the source OpenAPI document (retries are spent first). Can also be
            provided as a keyword argument to the constructor.
        max_retries: Attempts after the first one for the default retry policy: this, else the
            HEYGEN_MAX_RETRIES environment variable, else DEFAULT_MAX_RETRIES (2). An explicit ``retry=`` policy
            wins over both.
        retry: How transient failures are retried (see retry_policy); None turns retries off. Given, it wins
            over ``max_retries`` and HEYGEN_MAX_RETRIES.
    """

    _BASE_URL_ENV = BASE_URL_ENV
    _DEFAULT_BASE_URL = DEFAULT_BASE_URL
    _MAX_RETRIES_ENV = MAX_RETRIES_ENV
    _USER_AGENT = USER_AGENT


@define
class Client(BaseClient):
    """A client for the endpoints that need no credentials

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` with arguments of your own.

        ``async_pool``: ``"auto"`` (default): a client entered with ``async with`` uses aiohttp's
        connection pool when the ``aiohttp`` extra is installed and no transport, mounts, proxy or HTTP/2
        is asked for, else httpx's; ``"httpx"``: always httpx's.

    """


@define
class AuthenticatedClient(BaseClient):
    """A client for the endpoints that need credentials

    The credential is an API key (``token``) or an OAuth bearer token (``bearer_token``), never both: an
    argument wins over the environment (HEYGEN_API_KEY, HEYGEN_BEARER_TOKEN), which is read only when
    neither is passed; both passed, or both variables set and neither passed, raises
    ``errors.ApiKeyError``, as does none at all. An operation whose document does not accept the
    client's credential raises ``errors.ApiKeyError`` before sending anything.

    Use it as a context manager (``with`` or ``async with``) so that every call shares one connection
    pool, which is closed on exit.

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to the HEYGEN_BASE_URL environment variable, else ``DEFAULT_BASE_URL`` (https://api.heygen.com).

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request (``User-Agent`` defaults to
        ``USER_AGENT``)

        ``timeout``: The maximum amount of a time a request can take, per attempt. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to ``DEFAULT_TIMEOUT``; None means no limit.

        ``max_response_bytes``: The largest body read, after decompression (``DEFAULT_MAX_RESPONSE_BYTES``);
        a larger one raises ``errors.ResponseTooLargeError``. None: no limit.

        ``deadline``: Seconds of wall time per attempt, on top of httpx's per-read timeout, so a server
        that sends one byte at a time cannot hold a call. Defaults to the read timeout.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

        ``async_transport``: The transport of the ``httpx.AsyncClient`` only (the sync client keeps httpx's),
        e.g. ``aiohttp_transport()`` with arguments of your own.

        ``async_pool``: ``"auto"`` (default): a client entered with ``async with`` uses aiohttp's
        connection pool when the ``aiohttp`` extra is installed and no transport, mounts, proxy or HTTP/2
        is asked for, else httpx's; ``"httpx"``: always httpx's.


    Attributes:
        token: The API key; read from the HEYGEN_API_KEY environment variable when no credential is given;
            empty with a bearer token. Never shown in repr.
        bearer_token: An OAuth bearer token, sent as Authorization: Bearer instead of the key; read from the
            HEYGEN_BEARER_TOKEN environment variable when no credential is given and HEYGEN_API_KEY is not set.
            Never shown in repr.
        prefix: The prefix put before the key in the header (none for an API key header)
        auth_header_name: The name of the header that carries the key
    """

    token: str = field(default=None, converter=_key_or_empty, repr=False, validator=_check_credential)
    prefix: str = field(default="", validator=_check_prefix)
    auth_header_name: str = field(default="x-api-key", validator=_check_header_name)
    bearer_token: str | None = field(default=None, kw_only=True, repr=False, validator=_check_credential)

    def __attrs_post_init__(self) -> None:
        if self.token and self.bearer_token is not None:
            raise ApiKeyError("both an API key (token=) and a bearer token (bearer_token=) were passed: pass one")
        if not self.token and self.bearer_token is None:
            key, self.bearer_token = _credential_from_env(
                API_KEY_ENV, BEARER_TOKEN_ENV
            )  # validated on assignment (attrs on_setattr)
            self.token = key or ""

    def _auth(self) -> httpx.Auth | None:
        if self.bearer_token is not None:
            return ApiKeyAuth(BEARER_HEADER_NAME, f"{BEARER_PREFIX} {self.bearer_token}")
        return ApiKeyAuth(self.auth_header_name, f"{self.prefix} {self.token}" if self.prefix else self.token)

    def _kind(self) -> str:
        return "bearer" if self.bearer_token is not None else "api_key"

    def _require(self, schemes: tuple[str, ...], method: str, url: str) -> None:
        kind = self._kind()
        if schemes and kind not in schemes and "none" not in schemes:
            needs = " or ".join(_CREDENTIAL_NAMES.get(scheme, scheme) for scheme in schemes)
            raise ApiKeyError(
                f"{method.upper()} {url} needs {needs}, and this client has {_CREDENTIAL_NAMES[kind]}: nothing was sent"
                + (f" (pass token=... or set {API_KEY_ENV})" if "api_key" in schemes else "")
            )

    def _secret_values(self) -> tuple[str, ...]:
        return tuple(value for value in (self.token, self.bearer_token) if value)

    def _credential_headers(self) -> tuple[str, ...]:
        return ("Authorization", self.auth_header_name)
