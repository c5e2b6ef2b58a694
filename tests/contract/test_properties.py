"""Property-based contract tests: random bodies the document allows, and bodies with one wrong field.

The documented examples (test_examples.py) are a handful of points; these replay many bodies per
documented JSON response, sync and async, so a faster or otherwise rewritten parser cannot change
what the client accepts without a failure here:
- every body valid under its schema parses into typed models and round-trips (``to_dict() == body``);
- every body with one field of the wrong JSON type raises ``InvalidResponse`` naming that field.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from pytest_httpserver import HTTPServer

from tests.contract.cases import Case, _resolve, discover
from tests.contract.harness import call, check_response
from tests.contract.schema_strategies import Mutation, mutated_bodies, valid_bodies

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "heygen_api_client"
DOCUMENT: dict[str, Any] = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))


def _one_case_per_response(document: dict[str, Any]) -> list[Case]:
    """One case per (operation, status, JSON media type): the example itself is replaced by the tests."""
    unique = {(c.method, c.path, c.status, c.content_type): c for c in discover(document, PACKAGE)}
    return [case for key, case in sorted(unique.items()) if key[3].endswith("json")]


CASES = _one_case_per_response(DOCUMENT)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _schema(case: Case) -> Any:
    operation = _resolve(DOCUMENT, DOCUMENT["paths"][case.path])[case.method]
    response = _resolve(DOCUMENT, operation["responses"][str(case.status)])
    return response["content"][case.content_type]["schema"]


def _validator(case: Case) -> Any:
    """The schema as jsonschema reads it, refs resolved against the document: the strategies' judge."""
    return Draft202012Validator({**_schema(case), "components": DOCUMENT.get("components", {})})


@pytest.fixture
def runner() -> Iterator[asyncio.Runner]:
    """One event loop for all the examples of a test: a new loop per example (``asyncio.run``), with the
    thread pool aiohttp resolves the host in, made each async test about 40% slower than its sync twin."""
    with asyncio.Runner() as loop:
        yield loop


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.id.rsplit(" ", 1)[0] for case in CASES])
def test_every_valid_body_round_trips(
    case: Case, use_async: bool, httpserver: HTTPServer, runner: asyncio.Runner
) -> None:
    package = importlib.import_module(PACKAGE)
    validator = _validator(case)

    @SETTINGS
    @given(body=valid_bodies(DOCUMENT, _schema(case)))
    def round_trips(body: Any) -> None:
        validator.validate(body)  # the strategy produced what the document allows
        httpserver.clear()
        body_case = dataclasses.replace(case, example=body)
        check_response(package, body_case, call(package, body_case, httpserver, use_async=use_async, runner=runner))

    round_trips()


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("case", CASES, ids=[case.id.rsplit(" ", 1)[0] for case in CASES])
def test_one_wrong_field_raises_invalid_response_naming_it(
    case: Case, use_async: bool, httpserver: HTTPServer, runner: asyncio.Runner
) -> None:
    package = importlib.import_module(PACKAGE)
    validator = _validator(case)

    @SETTINGS
    @given(mutation=mutated_bodies(DOCUMENT, _schema(case)))
    def is_refused(mutation: Mutation) -> None:
        assert not validator.is_valid(mutation.body), f"the mutation at {mutation.location} is still valid"
        httpserver.clear()
        with pytest.raises(package.InvalidResponse) as raised:
            call(
                package,
                dataclasses.replace(case, example=mutation.body),
                httpserver,
                use_async=use_async,
                runner=runner,
            )
        assert raised.value.field is not None
        assert raised.value.field.endswith(f".{mutation.key}"), (raised.value.field, mutation)

    is_refused()


def test_every_documented_json_response_is_covered() -> None:
    """Guards against discovering nothing: the seed's two JSON responses are both here."""
    assert {(case.path, case.status) for case in CASES} >= {("/v1/video.delete", 200), ("/v1/video.delete", 404)}
