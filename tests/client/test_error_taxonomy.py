"""The error tree: one root, a class per status, transport failures that are still httpx's own
exceptions, HeyGen's two error shapes, and errors that survive pickling (a process pool) and deepcopy."""

from __future__ import annotations

import copy
import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest
from heygen_api_client import (
    ApiConnectionError,
    ApiError,
    ApiKeyError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeyGenError,
    InternalServerError,
    InvalidResponse,
    MissingExtraError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    ResponseTooLargeError,
    UnexpectedStatus,
    UnprocessableEntityError,
)
from heygen_api_client.api.default import delete_a_video
from heygen_api_client.errors import transport_error
from heygen_api_client.models import ErrorResponse
from pytest_httpserver import HTTPServer

from tests.client.conftest import PATH, Mode, SecretGuard, delete_video
from tests.client.support import unused_loopback_url


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (402, PaymentRequiredError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (418, UnexpectedStatus),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (520, InternalServerError),
    ],
    ids=str,
)
def test_an_unexpected_status_raises_its_own_class(status: int, expected: type[UnexpectedStatus]) -> None:
    request = httpx.Request("GET", "https://api.example.test/v1/x")
    error = UnexpectedStatus.from_response(httpx.Response(status, content=b"{}", request=request))
    assert type(error) is expected
    assert isinstance(error, UnexpectedStatus)
    assert isinstance(error, ApiError)


def test_one_root_catches_every_failure() -> None:
    for cls in (
        ApiKeyError,
        MissingExtraError,
        ResponseShapeError,
        ApiError,
        ApiConnectionError,
        ApiTimeoutError,
        ResponseTooLargeError,
    ):
        assert issubclass(cls, HeyGenError)
    assert issubclass(ApiKeyError, ValueError)
    assert issubclass(ResponseShapeError, ValueError)
    assert issubclass(MissingExtraError, ImportError)


def test_the_documented_402_raises_payment_required(server: HTTPServer, make_client: Any, mode: Mode) -> None:
    body = {"error": {"code": "insufficient_credit", "message": "Not enough credits", "doc_url": "https://d/e"}}
    server.expect_request(PATH, method="DELETE").respond_with_json(body, status=402)
    with pytest.raises(PaymentRequiredError) as caught:
        delete_video(make_client(server.url_for("")), mode)
    error = caught.value
    assert (error.code, error.message, error.doc_url, error.param) == (
        "insufficient_credit",
        "Not enough credits",
        "https://d/e",
        None,
    )


ERROR_SHAPES: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    (
        "documented",
        {"error": {"code": "invalid_parameter", "message": "bad", "doc_url": "https://d/x", "param": "video_id"}},
        ("invalid_parameter", "bad", "https://d/x", "video_id"),
    ),
    ("legacy", {"code": 400569, "message": "not found"}, (400569, "not found", None, None)),
    ("no-fields", {"data": None}, (None, None, None, None)),
]


@pytest.mark.parametrize(("body", "fields"), [row[1:] for row in ERROR_SHAPES], ids=[row[0] for row in ERROR_SHAPES])
def test_both_error_shapes_fill_the_same_fields(body: dict[str, Any], fields: tuple[Any, ...]) -> None:
    error = UnexpectedStatus(400, json.dumps(body).encode())
    assert (error.code, error.message, error.doc_url, error.param) == fields


def test_a_documented_404_in_the_newer_shape_parses_into_code_and_message(
    server: HTTPServer, make_client: Any, mode: Mode
) -> None:
    """Defect 9: {"error": {...}} used to leave ErrorResponse.code and .message unset."""
    body = {"error": {"code": "video_not_found", "message": "Video not found", "doc_url": "https://d/404"}}
    server.expect_request(PATH, method="DELETE").respond_with_json(body, status=404)
    result = delete_video(make_client(server.url_for("")), mode).parsed
    assert isinstance(result, ErrorResponse)
    assert (result.code, result.message) == ("video_not_found", "Video not found")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_refused_connection_is_an_api_connection_error_and_still_httpx_connect_error(
    mode: Mode, make_client: Any, secret_guard: SecretGuard
) -> None:
    with pytest.raises(ApiConnectionError) as caught:
        delete_video(make_client(unused_loopback_url(), retry=None), mode)
    error = caught.value
    assert isinstance(error, httpx.ConnectError)
    assert isinstance(error, HeyGenError)
    assert not isinstance(error, ApiTimeoutError)
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert error.request.url.path == PATH
    secret_guard.check_error(error)


def _errors() -> list[BaseException]:
    request = httpx.Request("DELETE", "https://api.example.test/v1/video.delete")
    response = httpx.Response(404, json={"error": {"code": "x", "message": "m"}}, headers={"X-Request-Id": "r"})
    response.request = request
    return [
        UnexpectedStatus.from_response(response, secrets=["k"]),
        InvalidResponse.from_response(response, ResponseShapeError("A.b", "string", "integer")),
        ResponseShapeError("A.b", "string", "integer"),
        ResponseTooLargeError(10, status_code=200, content=b"0123456789", request="GET /x"),
        ApiKeyError("no API key"),
        MissingExtraError(
            'a SOCKS proxy needs the httpx[socks] extra: pip install "httpx[socks]"', extra="httpx[socks]"
        ),
        transport_error(httpx.ReadTimeout("timed out", request=request)),
        transport_error(httpx.ConnectError("refused", request=request)),
    ]


def _fields(error: BaseException) -> tuple[Any, ...]:
    state = {name: value for name, value in vars(error).items() if name not in ("headers", "_request")}
    return type(error).__name__, type(error).__mro__[1:], str(error), state


def _raise_in_worker(index: int) -> None:
    raise _errors()[index]


def test_errors_survive_deepcopy_and_pickle() -> None:
    """Defect 3: UnexpectedStatus, InvalidResponse and ResponseShapeError could be neither pickled nor copied."""
    for error in _errors():
        for clone in (copy.deepcopy(error), pickle.loads(pickle.dumps(error))):
            assert _fields(clone) == _fields(error)
            if isinstance(error, ApiError):
                assert isinstance(clone, ApiError)
                assert clone.headers == error.headers


def test_an_error_raised_in_a_process_pool_worker_arrives_whole() -> None:
    """Defect 3, as a caller meets it: the worker's error used to become BrokenProcessPool. Workers are
    spawned: forking this process, which runs the client's watchdog and the test server's threads, may
    deadlock the child (Python 3.12+ warns; 3.14 no longer forks by default)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        for index, expected in enumerate(_errors()):
            with pytest.raises(type(expected)) as caught:
                pool.submit(_raise_in_worker, index).result(timeout=60)
            assert _fields(caught.value) == _fields(expected)


def test_an_unexpected_status_from_the_api_function_pickles(server: HTTPServer, make_client: Any) -> None:
    server.expect_request(PATH, method="DELETE").respond_with_json({"message": "nope"}, status=401)
    client = make_client(server.url_for(""))
    with client, pytest.raises(AuthenticationError) as caught:
        delete_a_video.sync(client=client, video_id="v-1")
    clone = pickle.loads(pickle.dumps(caught.value))
    assert (type(clone), clone.status_code, clone.message, str(clone)) == (
        AuthenticationError,
        401,
        "nope",
        str(caught.value),
    )


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_refused_connection_names_the_request_and_the_attempts(
    mode: Mode, make_client: Any, secret_guard: SecretGuard
) -> None:
    """Issue 18.9: str() used to be httpx's "[Errno 111] Connection refused" alone. Negative control:
    the message built from ``str(exc)`` only, as before, fails the first assertion."""
    url = unused_loopback_url()
    with pytest.raises(ApiConnectionError) as caught:
        delete_video(make_client(url), mode)  # SHORT_RETRY: two retries
    message = str(caught.value)
    assert message.startswith(f"DELETE {url}{PATH}: connection failed after 3 attempts: ")
    assert str(caught.value.__cause__) in message
    assert "video_id" not in message  # the query string, where a secret could travel, is left out
    secret_guard.check_error(caught.value)


def test_a_timeout_names_the_request_without_its_query_or_user_info() -> None:
    request = httpx.Request("GET", "https://user:pass@api.example.test:8443/v1/x?token=s3cret")
    error = transport_error(httpx.ReadTimeout("timed out", request=request), ("pass",), attempts=1)
    assert str(error) == "GET https://api.example.test:8443/v1/x: timed out after 1 attempt: timed out"


def test_each_class_appears_once_in_a_transport_errors_mro() -> None:
    """Negative control: the run-time class named like its base (as before) lists that name twice."""
    request = httpx.Request("GET", "https://api.example.test/v1/x")
    for exc, name in [
        (httpx.ConnectError("refused", request=request), "ApiConnectionError[ConnectError]"),
        (httpx.ReadTimeout("timed out", request=request), "ApiTimeoutError[ReadTimeout]"),
    ]:
        error = transport_error(exc)
        names = [cls.__qualname__ for cls in type(error).__mro__]
        assert len(names) == len(set(names)), names
        assert type(error).__name__ == name
        assert isinstance(error, type(exc))
