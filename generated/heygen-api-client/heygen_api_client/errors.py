"""Every error the client raises itself; none of their messages ever holds the API key.

Exception
 ├── ApiKeyError (ValueError)          no key was given, or it cannot be sent as a header value
 ├── ResponseShapeError (ValueError)   JSON that breaks the API document: a field of the wrong type,
 │                                     a body that is not JSON (raised by from_dict and the API functions)
 └── ApiError                          a response the caller has to handle; carries status_code, headers,
      │                                request_id, the raw content, and code/message when the body has them
      ├── UnexpectedStatus             a status the API document does not list (raise_on_unexpected_status)
      └── InvalidResponse              a documented status whose body breaks the document; ``field`` names
                                       the offending field, ``__cause__`` is the parsing error

Network failures that outlast the retries are httpx's own: httpx.TimeoutException, httpx.ConnectError, ...
"""

import json
from collections.abc import Iterable, Mapping
from http import HTTPStatus

import httpx

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-amzn-requestid", "x-trace-id")
"""Response headers that identify a request to the API's support, first match wins."""
EXCERPT_CHARS = 500
"""How much of a response body an error message quotes."""
_ERROR_FIELDS_MAX_BYTES = 64 * 1024


class ApiKeyError(ValueError):
    """No API key was given, or the one given cannot be sent as an HTTP header value."""


class ResponseShapeError(ValueError):
    """A response body breaks the API document: ``where`` is the field (Model.json_key) or "response body"."""

    def __init__(self, where: str, expected: str, found: str) -> None:
        self.where = where
        self.expected = expected
        self.found = found
        super().__init__(f"{where}: expected {expected}, got {found}")


def _redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>")
    return text


def _error_fields(content: bytes) -> tuple[int | str | None, str | None]:
    """The error ``code`` and ``message`` of a JSON error body, at the top level or under ``error``."""
    if len(content) > _ERROR_FIELDS_MAX_BYTES:
        return None, None
    try:
        body = json.loads(content)
    except ValueError:
        return None, None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        body = body["error"]
    if not isinstance(body, dict):
        return None, None
    code = body.get("code")
    message = body.get("message")
    return (
        code if isinstance(code, int | str) and not isinstance(code, bool) else None,
        message if isinstance(message, str) else None,
    )


def _describe_request(response: httpx.Response) -> str:
    try:
        request = response.request
    except RuntimeError:  # a Response built by hand has no request
        return "the request"
    return f"{request.method} {request.url.path}"


class ApiError(Exception):
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
        code, message = _error_fields(content)
        self.code: int | str | None = code
        """The error code of the body (HeyGen sends a number, e.g. 400569), if any."""
        self.message: str | None = _redact(message, secrets) if message is not None else None
        """The human-readable error message of the body, if any."""

        text = content.decode("utf-8", errors="replace")
        excerpt = text[:EXCERPT_CHARS] + (f"... [{len(content)} bytes in all]" if len(text) > EXCERPT_CHARS else "")
        details = [
            f"code {self.code}" if self.code is not None else "",
            self.message or "",
            f"request id {self.request_id}" if self.request_id else "",
        ]
        detail = "; ".join(part for part in details if part)
        super().__init__(
            _redact(
                f"{summary}{f' ({detail})' if detail else ''}\n\nResponse content:\n{excerpt}",
                secrets,
            )
        )


def _reason(status_code: int) -> str:
    try:
        return f"{status_code} {HTTPStatus(status_code).phrase}"
    except ValueError:
        return str(status_code)


class UnexpectedStatus(ApiError):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | None = None,
        request: str = "the request",
        secrets: Iterable[str] = (),
    ) -> None:
        super().__init__(
            f"Unexpected status code: {request} returned HTTP {_reason(status_code)}",
            status_code=status_code,
            content=content,
            headers=headers,
            secrets=secrets,
        )

    @classmethod
    def from_response(cls, response: httpx.Response, *, secrets: Iterable[str] = ()) -> "UnexpectedStatus":
        return cls(
            response.status_code,
            response.content,
            headers=response.headers,
            request=_describe_request(response),
            secrets=secrets,
        )


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


__all__ = ["ApiError", "ApiKeyError", "InvalidResponse", "ResponseShapeError", "UnexpectedStatus"]
