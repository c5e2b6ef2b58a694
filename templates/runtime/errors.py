"""Every error the client raises; none of their messages ever holds the API key.

Exception
 └── HeyGenError                       one ``except HeyGenError`` catches every failure of a call
      ├── ApiKeyError (ValueError)     no key, or a key, prefix or header name that cannot be sent
      ├── MissingExtraError (ImportError)  the configuration needs an extra: httpx[socks] for a SOCKS
      │                                proxy (also one from ALL_PROXY), httpx[http2] for http2=True
      ├── ResponseShapeError (ValueError)  JSON that breaks the API document (from_dict, API functions)
      ├── ApiConnectionError           the connection failed on every attempt; raised as the class
      │    │                           ApiConnectionError[ConnectError] (...), which is also the
      │    │                           httpx.TransportError it wraps (httpx.ConnectError, ...)
      │    └── ApiTimeoutError         every attempt timed out; raised as ApiTimeoutError[ReadTimeout]
      │                                (...), also the httpx.TimeoutException it wraps
      └── ApiError                     a response to handle: status_code, headers, request_id, content,
           │                           and code, message, doc_url, param when the body has them
           ├── UnexpectedStatus        a status the API document does not list
           │    ├── BadRequestError              400
           │    ├── AuthenticationError          401
           │    ├── PaymentRequiredError         402 (not enough credits, or the plan does not allow it)
           │    ├── PermissionDeniedError        403
           │    ├── NotFoundError                404
           │    ├── ConflictError                409
           │    ├── UnprocessableEntityError     422
           │    ├── RateLimitError               429
           │    └── InternalServerError          500 and above
           ├── InvalidResponse         a documented status whose body breaks the document; ``field`` names
           │                           the offending field, ``__cause__`` is the parsing error
           └── ResponseTooLargeError   a body larger than the client's max_response_bytes (decompressed)
"""

import json
import re
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")
"""Response headers that identify a request to the API's support, first match wins."""
EXCERPT_CHARS = 500
"""How much of a response body an error message quotes."""
_ERROR_FIELDS_MAX_BYTES = 64 * 1024
REDACTED = "<redacted>"


def _restore(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> BaseException:
    """Rebuilds a pickled error without calling its ``__init__`` (whose arguments are not its ``args``)."""
    error = BaseException.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class HeyGenError(Exception):
    """The root of every error the client raises; pickles and deep-copies with all its attributes."""

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), self.args, self.__dict__)


class ApiKeyError(HeyGenError, ValueError):
    """No API key was given, or the key, prefix or header name cannot be sent as an HTTP header."""


class MissingExtraError(HeyGenError, ImportError):
    """The configuration needs an optional package that is not installed; ``extra`` is what to install."""

    def __init__(self, message: str, *, extra: str) -> None:
        self.extra = extra
        super().__init__(message)


class ResponseShapeError(HeyGenError, ValueError):
    """A response body breaks the API document: ``where`` is the field (Model.json_key) or "response body"."""

    def __init__(self, where: str, expected: str, found: str) -> None:
        self.where = where
        self.expected = expected
        self.found = found
        super().__init__(f"{where}: expected {expected}, got {found}")


def secret_forms(secrets: Iterable[str]) -> tuple[str, ...]:
    """Every form in which a response or an exception may echo a secret: raw, JSON-escaped (with and
    without ``\\/``) and URL-encoded (either hex case); the longest first, so no form is left half-replaced by a shorter one."""
    forms: set[str] = set()
    for secret in secrets:
        if secret:
            escaped = json.dumps(secret)[1:-1]
            quoted = quote(secret, safe="")
            lower_hex = re.sub("%[0-9A-F]{2}", lambda match: match.group().lower(), quoted)
            forms.update({secret, escaped, escaped.replace("/", "\\/"), quoted, lower_hex, quote_plus(secret)})
    return tuple(sorted(forms, key=len, reverse=True))


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every form of every secret replaced; call it before cutting the text, never after."""
    for form in secret_forms(secrets):
        text = text.replace(form, REDACTED)
    return text


def _error_fields(content: bytes) -> dict[str, Any]:
    """HeyGen's error fields (``code``, ``message``, ``doc_url``, ``param``) of a JSON error body.

    Two shapes exist: the documented ``{"error": {"code": ..., "message": ..., "doc_url": ..., "param": ...}}``
    and the legacy top-level ``{"code": 400569, "message": ...}``.
    """
    if len(content) > _ERROR_FIELDS_MAX_BYTES:
        return {}
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        return {}
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    if not isinstance(body, dict):
        return {}
    code = body.get("code")
    fields: dict[str, Any] = {
        name: body[name] for name in ("message", "doc_url", "param") if isinstance(body.get(name), str)
    }
    if isinstance(code, int | str) and not isinstance(code, bool):
        fields["code"] = code
    return fields


def describe_request(request: httpx.Request) -> str:
    """``METHOD scheme://host[:port]/path`` for error messages: no query string and no user info, where
    a secret could travel."""
    url = request.url
    return f"{request.method} {url.scheme}://{url.netloc.decode('ascii')}{url.path}"


def _describe_request(response: httpx.Response | httpx.RequestError) -> str:
    try:
        request = response.request
    except RuntimeError:  # a Response or an httpx error built by hand has no request
        return "the request"
    return describe_request(request)


class ApiError(HeyGenError):
    """A response the caller has to handle; ``str()`` quotes at most EXCERPT_CHARS of the body."""

    def __init__(
        self,
        summary: str,
        *,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        secrets = tuple(secrets)
        self.status_code = status_code
        self.content = content
        self.headers = httpx.Headers(headers or {})
        self.request_id: str | None = next(
            (self.headers[name] for name in REQUEST_ID_HEADERS if name in self.headers), None
        )
        fields = _error_fields(content)
        self.code: int | str | None = fields.get("code")
        """The error code of the body: a number in the legacy shape (400569), a name in the documented one."""
        self.message: str | None = redact(fields["message"], secrets) if "message" in fields else None
        """The human-readable error message of the body, if any."""
        self.doc_url: str | None = fields.get("doc_url")
        """Where HeyGen documents this error, if the body says."""
        self.param: str | None = fields.get("param")
        """The request parameter a validation error is about, if the body says."""

        # Redacted before it is cut: a secret that straddles the cut would otherwise show its start.
        text = redact(content.decode("utf-8", errors="replace"), secrets)
        excerpt = text[:EXCERPT_CHARS] + (f"... [{len(content)} bytes in all]" if len(text) > EXCERPT_CHARS else "")
        details = [
            f"code {self.code}" if self.code is not None else "",
            self.message or "",
            f"param {self.param}" if self.param else "",
            f"request id {self.request_id}" if self.request_id else "",
        ]
        detail = "; ".join(part for part in details if part)
        super().__init__(
            redact(f"{summary}{f' ({detail})' if detail else ''}", secrets) + f"\n\nResponse content:\n{excerpt}"
        )


def _reason(status_code: int) -> str:
    try:
        return f"{status_code} {HTTPStatus(status_code).phrase}"
    except ValueError:
        return str(status_code)


class UnexpectedStatus(ApiError):
    """A status the API document does not list, raised when Client.raise_on_unexpected_status is True;
    the resource client (``HeyGen``) raises it for documented error statuses too, with ``body`` set.

    ``from_response`` raises the subclass for the status (``NotFoundError`` for 404, ...); every one of
    them is an ``UnexpectedStatus``.
    """

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | None = None,
        request: str = "the request",
        secrets: Iterable[str] = (),
        body: Any = None,
    ) -> None:
        unexpected = "Unexpected status code: " if body is None else ""
        super().__init__(
            f"{unexpected}{request} returned HTTP {_reason(status_code)}",
            status_code=status_code,
            content=content,
            headers=headers,
            secrets=secrets,
        )
        self.body: Any = body
        """The documented error body as its generated model (``StandardAPIErrorResponse``, ...); None for
        a status the document does not list."""

    @classmethod
    def from_response(
        cls, response: httpx.Response, *, secrets: Iterable[str] = (), body: Any = None
    ) -> "UnexpectedStatus":
        kind = status_error_class(response.status_code) if cls is UnexpectedStatus else cls
        return kind(
            response.status_code,
            response.content,
            headers=response.headers,
            request=_describe_request(response),
            secrets=secrets,
            body=body,
        )


class BadRequestError(UnexpectedStatus):
    """400: the request is malformed or a parameter is invalid (``param`` may name it)."""


class AuthenticationError(UnexpectedStatus):
    """401: the API key is missing, wrong or revoked."""


class PaymentRequiredError(UnexpectedStatus):
    """402: not enough credits, or the plan does not include the feature."""


class PermissionDeniedError(UnexpectedStatus):
    """403: the key may not do this."""


class NotFoundError(UnexpectedStatus):
    """404: where the API document does not describe it, or from the resource client (``HeyGen``); a
    documented 404 is a parsed body from the function modules' ``sync``."""


class ConflictError(UnexpectedStatus):
    """409: the request conflicts with the resource's state."""


class UnprocessableEntityError(UnexpectedStatus):
    """422: the request is well-formed but cannot be processed."""


class RateLimitError(UnexpectedStatus):
    """429 after the retries: too many requests."""


class InternalServerError(UnexpectedStatus):
    """500 or above (also non-standard ones such as Cloudflare's 520) after the retries."""


_STATUS_ERRORS: dict[int, type[UnexpectedStatus]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[UnexpectedStatus]:
    """The ``UnexpectedStatus`` subclass raised for ``status_code``."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status_code, UnexpectedStatus)


class InvalidResponse(ApiError):
    """A documented status whose body is not JSON or breaks the documented types."""

    def __init__(
        self,
        problem: Exception,
        *,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        request: str = "the request",
        secrets: Iterable[str] = (),
    ) -> None:
        self.field = problem.where if isinstance(problem, ResponseShapeError) else None
        """The offending field as Model.json_key ("response body" for the body as a whole), if known."""
        super().__init__(
            f"{request} returned HTTP {_reason(status_code)} with a body that breaks the API document: {problem}",
            status_code=status_code,
            content=content,
            headers=headers,
            secrets=secrets,
        )

    @classmethod
    def from_response(
        cls, response: httpx.Response, problem: Exception, *, secrets: Iterable[str] = ()
    ) -> "InvalidResponse":
        return cls(
            problem,
            status_code=response.status_code,
            content=response.content,
            headers=response.headers,
            request=_describe_request(response),
            secrets=secrets,
        )


class ResponseTooLargeError(ApiError):
    """A body larger than ``max_response_bytes`` once decompressed; ``content`` holds what was read."""

    def __init__(
        self,
        limit: int,
        *,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        request: str = "the request",
        secrets: Iterable[str] = (),
    ) -> None:
        self.limit = limit
        super().__init__(
            f"{request} returned HTTP {_reason(status_code)} with a body of more than {limit} bytes"
            " (max_response_bytes); reading stopped there",
            status_code=status_code,
            content=content,
            headers=headers,
            secrets=secrets,
        )


class ApiConnectionError(HeyGenError):
    """The connection failed on every attempt (refused, reset, cut mid-body, a protocol error).

    Raised as a subclass of the httpx exception it wraps too, so ``except httpx.ConnectError`` still
    catches it; ``__cause__`` is the httpx exception itself, and the message never holds the key.
    """


class ApiTimeoutError(ApiConnectionError):
    """Every attempt timed out (httpx's per-read timeout or the client's ``deadline``); also the
    ``httpx.TimeoutException`` it wraps."""


_TRANSPORT_CLASSES: dict[tuple[type[HeyGenError], type[httpx.TransportError]], type[HeyGenError]] = {}


def _transport_class(kind: type[HeyGenError], base: type[httpx.TransportError]) -> type[HeyGenError]:
    """The class that is both ``kind`` and ``base``, named for both (``ApiConnectionError[ConnectError]``)
    so that no name appears twice in its ``__mro__``."""
    cls = _TRANSPORT_CLASSES.get((kind, base))
    if cls is None:
        name = f"{kind.__name__}[{base.__name__}]"
        namespace = {"__module__": __name__, "__qualname__": name, "__reduce__": _reduce_transport_error}
        cls = _TRANSPORT_CLASSES[kind, base] = type(name, (kind, base), namespace)
    return cls


def _reduce_transport_error(self: BaseException) -> tuple[Any, ...]:
    # The class is made at run time, so it pickles as the (kind, httpx class) pair it was made from.
    kind, base = next(pair for pair, cls in _TRANSPORT_CLASSES.items() if cls is type(self))
    return _restore_transport_error, (kind, base, self.args, self.__dict__)


def _restore_transport_error(
    kind: type[HeyGenError], base: type[httpx.TransportError], args: tuple[Any, ...], state: dict[str, Any]
) -> BaseException:
    return _restore(_transport_class(kind, base), args, state)


def transport_error(exc: httpx.TransportError, secrets: Iterable[str] = (), attempts: int = 1) -> HeyGenError:
    """``exc`` as an ``ApiTimeoutError`` or ``ApiConnectionError`` that is also of ``type(exc)``, its
    message naming the request as ``ApiError``'s does and the attempts made."""
    timed_out = isinstance(exc, httpx.TimeoutException)
    kind = ApiTimeoutError if timed_out else ApiConnectionError
    failed = "timed out" if timed_out else "connection failed"
    tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    message = f"{_describe_request(exc)}: {failed} after {tries}: {exc}"
    error = _transport_class(kind, type(exc))(redact(message, secrets))
    error._request = getattr(exc, "_request", None)  # type: ignore[attr-defined]  # httpx.RequestError.request
    return error


__all__ = [
    "ApiConnectionError",
    "ApiError",
    "ApiKeyError",
    "ApiTimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HeyGenError",
    "InternalServerError",
    "InvalidResponse",
    "MissingExtraError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseShapeError",
    "ResponseTooLargeError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
]
