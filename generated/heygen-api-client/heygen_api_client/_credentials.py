"""Credentials: set per request, checked before use, sent to one origin only, read from the environment."""

import os
import string
from collections.abc import Generator, Iterable, Mapping
from typing import Any

import httpx

from .errors import ApiKeyError


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


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    """RFC 6454's origin; httpx leaves a scheme's default port out of ``port``, so both forms compare equal."""
    return url.scheme, url.host, url.port


class CredentialGuard:
    """An httpx request event hook that strips credential headers from a request to any origin but one.

    httpx calls request hooks for every request it sends, redirects included, after auth has set its
    header; the names are compared case-insensitively (httpx.Headers).
    """

    def __init__(self, origin: httpx.URL, names: Iterable[str]) -> None:
        self._origin = _origin(origin)
        self._names = tuple(names)

    def __call__(self, request: httpx.Request) -> None:
        if _origin(request.url) != self._origin:
            for name in self._names:
                request.headers.pop(name, None)

    async def asynchronous(self, request: httpx.Request) -> None:
        """The hook for an httpx.AsyncClient, which awaits its hooks."""
        self(request)

    def install(self, client: httpx.Client | httpx.AsyncClient) -> None:
        """Adds the hook after the client's own ones, so that none of them can put a credential back."""
        hooks = client.event_hooks
        hook = self if isinstance(client, httpx.Client) else self.asynchronous
        client.event_hooks = {**hooks, "request": [*hooks.get("request", []), hook]}


def _redacted(mapping: Mapping[str, Any]) -> str:
    """attrs repr for headers, cookies and httpx arguments: names only, as any value may be a credential."""
    return repr({name: "<redacted>" for name in mapping})


def _credential_from_env(key_env: str, bearer_env: str) -> tuple[str | None, str | None]:
    """(API key, bearer token) from the environment variables ``key_env`` and ``bearer_env``, exactly one of
    them; both set is ambiguous, so refused."""
    # Surrounding whitespace is dropped: secret files and .env lines often end with a newline.
    key = os.environ.get(key_env, "").strip() or None
    bearer = os.environ.get(bearer_env, "").strip() or None
    if key is not None and bearer is not None:
        raise ApiKeyError(f"both {key_env} and {bearer_env} are set: unset one, or pass token=... or bearer_token=...")
    if key is None and bearer is None:
        raise ApiKeyError(
            f"no API key: pass token=... or set the {key_env} environment variable"
            f" (or, for an OAuth bearer token, bearer_token=... or {bearer_env})"
        )
    return key, bearer


def _key_or_empty(value: str | None) -> str:
    """``token`` stays a ``str`` (its type since the first release): the empty string is "no key", as with a
    bearer token; the constructor then reads the environment."""
    return "" if value is None else value


def _check_credential(_instance: object, attribute: Any, value: str | None) -> None:
    if value is None or (value == "" and attribute.name == "token"):  # no key: a bearer token, or not read yet
        return
    # httpx would reject such a value with an error quoting it, so refuse it here without quoting it.
    if not value or value != value.strip() or not (value.isascii() and value.isprintable()):
        what = "the bearer token" if attribute.name == "bearer_token" else "the API key"
        raise ApiKeyError(
            f"{what} is empty, has surrounding whitespace or characters an HTTP header cannot carry"
            " (a trailing newline from a secret file?)"
        )


_CREDENTIAL_NAMES = {"api_key": "an API key", "bearer": "a bearer token"}


def _check_prefix(_instance: object, _attribute: object, value: str) -> None:
    # The prefix shares the header value with the key: a CR or LF here makes httpx's error quote both.
    if value != value.strip() or not (value.isascii() and value.isprintable()):
        raise ApiKeyError("the prefix has surrounding whitespace or characters an HTTP header cannot carry")


_HEADER_NAME_CHARS = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
"""RFC 9110 token characters, the only ones a header name may have."""


def _check_header_name(_instance: object, _attribute: object, value: str) -> None:
    if not value or not _HEADER_NAME_CHARS.issuperset(value):
        raise ApiKeyError("auth_header_name is not a valid HTTP header name (RFC 9110 token characters only)")
