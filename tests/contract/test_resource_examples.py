"""Every documented example of the effective spec, replayed to the resource client (``HeyGen``,
``AsyncHeyGen``): a success returns exactly its model (a cursor page for a paginated list), a documented
error raises its status class carrying the parsed body and the body's error fields.

Negative control: the same check run on the function modules' ``sync`` (which return a documented
error as a value instead of raising) fails for every error case
(``test_function_modules_fail_the_resource_check``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import heygen_api_client
import pytest
from heygen_api_client import AsyncHeyGen, HeyGen, errors
from heygen_api_client.resources import AsyncCursorPage, SyncCursorPage
from pytest_httpserver import HTTPServer

from specpipe import template_facts
from tests.contract.cases import Case, discover_file
from tests.contract.harness import _expect_request, check_model, new_api_key

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "generated" / "openapi.json"
CASES = discover_file(SPEC, "heygen_api_client")
PLACES = template_facts.facts(json.loads(SPEC.read_text(encoding="utf-8")), "heygen-api-client").client_operations

Call = Callable[[str, str, dict[str, Any]], Any]
"""(base_url, api_key, arguments) -> what the method returned."""


def _arguments(case: Case) -> dict[str, Any]:
    return {p.python_name: p.value for p in case.parameters}


def _resource_call(case: Case, *, use_async: bool) -> Call:
    place = PLACES[(case.path, case.method)]

    def call(base_url: str, api_key: str, arguments: dict[str, Any]) -> Any:
        if not use_async:
            with HeyGen(base_url=base_url, token=api_key, retry=None) as client:
                return getattr(getattr(client, place.resource), place.method)(**arguments)

        async def run() -> Any:
            async with AsyncHeyGen(base_url=base_url, token=api_key, retry=None) as client:
                return await getattr(getattr(client, place.resource), place.method)(**arguments)

        return asyncio.run(run())

    return call


def _error_fields(example: Any) -> dict[str, Any]:
    body = example.get("error", example) if isinstance(example, dict) else {}
    return {name: body[name] for name in ("code", "message", "param", "doc_url") if body.get(name) is not None}


def check_resource_call(case: Case, call: Call, server: HTTPServer) -> None:
    api_key = new_api_key()
    _expect_request(server, case, api_key)
    arguments = _arguments(case)
    if 200 <= case.status < 300:
        result = call(server.url_for(""), api_key, arguments)
        server.check_assertions()
        if isinstance(result, SyncCursorPage | AsyncCursorPage):
            assert result.data == [item for item in result.data]
            assert [item.to_dict() for item in result.data] == case.example.get("data", [])
            assert result.has_more is bool(case.example.get("has_more"))
            assert result.next_token == case.example.get("next_token")
            return
        assert type(result).__name__ != "NotFound"
        check_model(heygen_api_client, result)
        assert result.to_dict() == case.example
        return
    with pytest.raises(errors.status_error_class(case.status)) as caught:
        call(server.url_for(""), api_key, arguments)
    server.check_assertions()
    error = caught.value
    assert error.status_code == case.status
    assert error.body is not None, f"{case.id}: the error carries no parsed body"
    check_model(heygen_api_client, error.body)
    assert error.body.to_dict() == case.example
    fields = _error_fields(case.example)
    assert {name: getattr(error, name) for name in fields} == fields


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_resource_method_honours_documented_example(case: Case, use_async: bool, httpserver: HTTPServer) -> None:
    check_resource_call(case, _resource_call(case, use_async=use_async), httpserver)


def test_every_operation_has_a_resource_method() -> None:
    """Each operation of the document is on the client, under the names the overlay and the rule give."""
    assert {(place.resource, place.method) for place in PLACES.values()} == {
        ("videos", "get"),
        ("videos", "delete"),
        ("videos", "list"),
        ("video_translations", "delete"),
        ("legacy", "delete_video"),
    }
    client = HeyGen(token=new_api_key(), base_url="http://127.0.0.1:9")
    for place in PLACES.values():
        assert callable(getattr(getattr(client, place.resource), place.method))


def test_function_modules_fail_the_resource_check(httpserver: HTTPServer) -> None:
    """Negative control: ``module.sync`` returns a documented error body instead of raising it."""
    error_cases = [case for case in CASES if case.status >= 400]
    assert error_cases
    for case in error_cases:
        module = __import__(case.module, fromlist=["sync"])

        def call(base_url: str, api_key: str, arguments: dict[str, Any], module: Any = module) -> Any:
            with heygen_api_client.AuthenticatedClient(base_url=base_url, token=api_key, retry=None) as client:
                return module.sync(client=client, **arguments)

        with pytest.raises(pytest.fail.Exception, match="DID NOT RAISE"):
            check_resource_call(case, call, httpserver)
        httpserver.clear()
