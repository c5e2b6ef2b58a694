"""What an error carries and says, as tables: HeyGen's code and message, the request id, the excerpt."""

from __future__ import annotations

import json

import pytest
from heygen_api_client import UnexpectedStatus
from heygen_api_client.errors import EXCERPT_CHARS

BODIES: list[tuple[str, bytes, int | str | None, str | None]] = [
    ("heygen-error", b'{"code": 400569, "message": "Video not found"}', 400569, "Video not found"),
    (
        "nested-error",
        b'{"data": null, "error": {"code": "invalid_parameter", "message": "bad id"}}',
        "invalid_parameter",
        "bad id",
    ),
    ("message-only", b'{"message": "Unauthorized"}', None, "Unauthorized"),
    ("boolean-code", b'{"code": true, "message": 5}', None, None),
    ("json-array", b"[1, 2]", None, None),
    ("html", b"<html>Bad gateway</html>", None, None),
    ("empty", b"", None, None),
    ("huge-json", json.dumps({"code": 1, "message": "x" * 70_000}).encode(), None, None),
]


@pytest.mark.parametrize(("content", "code", "message"), [row[1:] for row in BODIES], ids=[row[0] for row in BODIES])
def test_heygen_code_and_message_are_exposed(content: bytes, code: int | str | None, message: str | None) -> None:
    error = UnexpectedStatus(500, content)
    assert (error.code, error.message) == (code, message)


@pytest.mark.parametrize(
    ("headers", "request_id"),
    [
        ({}, None),
        ({"X-Request-Id": "a"}, "a"),
        ({"Request-Id": "b"}, "b"),
        ({"x-amzn-RequestId": "c"}, "c"),
        ({"X-Trace-Id": "d", "X-Request-Id": "a"}, "a"),
    ],
    ids=["none", "x-request-id", "request-id", "amzn", "first-listed-wins"],
)
def test_request_id_comes_from_the_first_known_header(headers: dict[str, str], request_id: str | None) -> None:
    assert UnexpectedStatus(502, b"", headers=headers).request_id == request_id


@pytest.mark.parametrize(
    ("status", "content", "expected"),
    [
        (
            503,
            b"busy",
            "Unexpected status code: the request returned HTTP 503 Service Unavailable\n\nResponse content:\nbusy",
        ),
        (599, b"", "Unexpected status code: the request returned HTTP 599\n\nResponse content:\n"),
        (
            400,
            b'{"code": 7, "message": "no"}',
            'Unexpected status code: the request returned HTTP 400 Bad Request (code 7; no)\n\nResponse content:\n{"code": 7, "message": "no"}',
        ),
    ],
    ids=["plain", "unknown-status", "with-code"],
)
def test_message(status: int, content: bytes, expected: str) -> None:
    assert str(UnexpectedStatus(status, content)) == expected


@pytest.mark.parametrize("length", [EXCERPT_CHARS, EXCERPT_CHARS + 1, 100_000], ids=str)
def test_message_quotes_at_most_the_excerpt(length: int) -> None:
    message = str(UnexpectedStatus(500, b"z" * length))
    assert message.count("z") == min(length, EXCERPT_CHARS)
    assert (f"[{length} bytes in all]" in message) is (length > EXCERPT_CHARS)


def test_secrets_are_redacted_from_message_and_error_message() -> None:
    error = UnexpectedStatus(401, b'{"message": "bad key k-123"}', secrets=["k-123"])
    assert "k-123" not in str(error)
    assert error.message == "bad key <redacted>"
