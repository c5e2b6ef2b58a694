"""v3's error format (``{"error": {code, message, param, doc_url}}``, string codes) for every v3
operation and every error status the effective spec documents for it: the documented status comes back
as a ``StandardAPIErrorResponse`` value (sync and async), and an ``ApiError`` built from the same
response (what a raising caller gets, ``UnexpectedStatus.from_response``) carries the four fields and
the status's class. The cases come from the document, so an operation or status added upstream is
tested without editing this file.

Negative control: ``_error_fields`` (errors.py) reading the top level only, not ``body["error"]``,
leaves ``code``/``message`` None and fails every ``ApiError`` case."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import heygen_api_client.api
import httpx
import pytest
from heygen_api_client import (
    ApiError,
    AuthenticatedClient,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    RateLimitError,
    UnexpectedStatus,
    retry_policy,
)
from heygen_api_client.api.videos import list_videos_v3
from heygen_api_client.models import StandardAPIError, StandardAPIErrorResponse
from heygen_api_client.types import Response
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))
ID = "0123456789abcdef0123456789abcdef"
CLASSES: dict[int, type[UnexpectedStatus]] = {
    400: BadRequestError,
    401: AuthenticationError,
    404: NotFoundError,
    429: RateLimitError,
}
FULL = {
    "code": "invalid_parameter",
    "message": "limit must be at most 100",
    "param": "limit",
    "doc_url": "https://docs.heygen.com/reference/errors#invalid_parameter",
}
"""An error with every field set (the documented examples leave param and doc_url null)."""


def _modules() -> dict[str, ModuleType]:
    package = heygen_api_client.api
    found = {}
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        if hasattr(module, "sync_detailed"):
            found[info.name.rsplit(".", 1)[1]] = module
    return found


MODULES = _modules()


def _cases() -> list[Any]:
    cases = []
    for path, item in DOCUMENT["paths"].items():
        if not path.startswith("/v3/"):
            continue
        for method, operation in item.items():
            for status, response in operation["responses"].items():
                if int(status) < 400:
                    continue
                content = response.get("content", {}).get("application/json", {})
                module = MODULES[re.sub(r"(?<!^)(?=[A-Z])", "_", operation["operationId"]).lower()]  # getVideoV3
                bodies = [{"error": FULL}]
                if "example" in content:
                    bodies.insert(0, content["example"])
                for index, body in enumerate(bodies):
                    kind = "documented" if index == 0 and "example" in content else "full"
                    cases.append(
                        pytest.param(module, method, path, int(status), body, id=f"{method} {path} {status} {kind}")
                    )
    return cases


CASES = _cases()


def test_every_v3_error_status_is_covered() -> None:
    """The four operations and their statuses (400, 401, 404 where an id is looked up, 429), each with
    the documented body where there is one: 401 and 429 everywhere, 404 and 400 on some."""
    statuses = {(case.values[1], case.values[2], case.values[3]) for case in CASES}
    assert len({(method, path) for method, path, _ in statuses}) == 4
    assert {status for _, _, status in statuses} == set(CLASSES)
    documented = {case.values[4]["error"]["code"] for case in CASES if case.id.endswith("documented")}
    assert documented == {"authentication_failed", "not_found", "rate_limit_exceeded", "invalid_parameter"}


def _call(module: ModuleType, client: AuthenticatedClient, use_async: bool) -> Response[Any]:
    arguments = {
        name: ID
        for name, parameter in inspect.signature(module.sync_detailed).parameters.items()
        if name != "client" and parameter.default is inspect.Parameter.empty
    }
    if not use_async:
        with client:
            return module.sync_detailed(client=client, **arguments)  # type: ignore[no-any-return]

    async def run() -> Response[Any]:
        async with client:
            return await module.asyncio_detailed(client=client, **arguments)  # type: ignore[no-any-return]

    return asyncio.run(run())


def _url(path: str) -> str:
    return path.replace("{video_id}", ID).replace("{video_translation_id}", ID)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize(("module", "method", "path", "status", "body"), CASES)
def test_a_v3_error_body_has_its_four_fields(
    httpserver: HTTPServer,
    api_key: str,
    module: ModuleType,
    method: str,
    path: str,
    status: int,
    body: dict[str, Any],
    use_async: bool,
) -> None:
    headers = {"Retry-After": "7", "X-Request-Id": "req-v3"} if status == 429 else {"X-Request-Id": "req-v3"}
    httpserver.expect_oneshot_request(
        _url(path), method=method.upper(), headers={"x-api-key": api_key}
    ).respond_with_json(body, status=status, headers=headers)
    client = AuthenticatedClient(base_url=httpserver.url_for(""), token=api_key, retry=None)

    response = _call(module, client, use_async)

    expected = body["error"]
    # The documented status is a value: the typed body, every field as sent (null param/doc_url as None).
    assert response.status_code == status
    # StandardAPIErrorResponse, or for GET /v3/videos/{video_id}, whose page declares each error schema
    # inline, GetVideoV3Response400 and its kin: each holds a StandardAPIError.
    parsed: Any = response.parsed
    assert isinstance(parsed, StandardAPIErrorResponse) or type(parsed).__name__ == f"GetVideoV3Response{status}"
    error = parsed.error
    assert isinstance(error, StandardAPIError)
    assert (error.code, error.message, error.param, error.doc_url) == (
        expected["code"],
        expected["message"],
        expected["param"],
        expected["doc_url"],
    )
    if status == 429:
        assert response.headers["Retry-After"] == "7"

    # What a raising caller gets from the same response: the status's class, the same four fields.
    raised = UnexpectedStatus.from_response(_httpx_response(response, method, path))
    assert type(raised) is CLASSES[status]
    assert isinstance(raised, ApiError)
    assert (raised.status_code, raised.code, raised.message, raised.param, raised.doc_url) == (
        status,
        expected["code"],
        expected["message"],
        expected["param"],
        expected["doc_url"],
    )
    assert isinstance(raised.code, str)
    assert raised.request_id == "req-v3"
    assert f"code {expected['code']}" in str(raised)
    if expected["param"]:
        assert f"param {expected['param']}" in str(raised)


def _httpx_response(response: Response[Any], method: str, path: str) -> httpx.Response:
    request = httpx.Request(method.upper(), f"https://api.heygen.com{_url(path)}")
    return httpx.Response(response.status_code, content=response.content, headers=response.headers, request=request)


def test_a_retried_429_waits_as_retry_after_says_and_returns_the_documented_body(
    httpserver: HTTPServer, api_key: str
) -> None:
    """With retries on, v3's documented 429 is retried after ``Retry-After`` (0 here: at once) and, once
    they are spent, returned as the typed body with its code."""
    body = DOCUMENT["paths"]["/v3/videos"]["get"]["responses"]["429"]["content"]["application/json"]["example"]
    httpserver.expect_request("/v3/videos").respond_with_json(body, status=429, headers={"Retry-After": "0"})
    with AuthenticatedClient(base_url=httpserver.url_for(""), token=api_key, retry=retry_policy(1)) as client:
        result = list_videos_v3.sync(client=client)
    assert len(httpserver.log) == 2
    assert isinstance(result, StandardAPIErrorResponse)
    assert isinstance(result.error, StandardAPIError)
    assert result.error.code == "rate_limit_exceeded"
