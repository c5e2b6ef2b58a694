"""Our Overlay schema: the OAI's schema test documents get the OAI's verdicts, with readable errors."""

from __future__ import annotations

import copy
import functools
from typing import Any

import pytest
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from specpipe import documents
from specpipe.errors import OverlayError
from specpipe.overlay.schema import schema_errors, validate_overlay_document
from tests.shared import shared_cases, shared_path

SUITE = "OAI Overlay schema tests"
SCHEMAS = "conformance/overlay-schemas"
MINIMAL: dict[str, Any] = {"overlay": "1.1.0", "info": {"title": "t", "version": "1"}, "actions": [{"target": "$"}]}


def _with(**changes: Any) -> dict[str, Any]:
    """MINIMAL with top-level fields replaced; a value of None drops the field."""
    document = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            document.pop(key)
        else:
            document[key] = value
    return document


# Documents beyond the OAI's test files, aimed at the version switch (what 1.1 allows and 1.0 does not).
OWN_CASES = {
    "1.1-copy": (_with(actions=[{"target": "$", "copy": "$.a"}]), True),
    "1.0-copy": (_with(overlay="1.0.0", actions=[{"target": "$", "copy": "$.a"}]), False),
    "1.1-info-description": (_with(info={"title": "t", "version": "1", "description": "d"}), True),
    "1.0-info-description": (_with(overlay="1.0.0", info={"title": "t", "version": "1", "description": "d"}), False),
    "1.0.17-patch": (_with(overlay="1.0.17"), True),
    "1.2.0-unknown-minor": (_with(overlay="1.2.0"), False),
    "1.1-suffix": (_with(overlay="1.1.0-rc1"), False),
    "version-missing": (_with(overlay=None), False),
    "update-null": (_with(actions=[{"target": "$.a", "update": None}]), True),
    "action-extension": (_with(actions=[{"target": "$", "x-note": [1]}]), True),
    "action-unknown-field": (_with(actions=[{"target": "$", "replace": 1}]), False),
    "info-unknown-field": (_with(info={"title": "t", "version": "1", "owner": "me"}), False),
    "extends-string": (_with(extends="openapi.yaml"), True),
}


@functools.cache
def _official(version: str) -> Draft202012Validator:
    return Draft202012Validator(documents.load(shared_path(f"{SCHEMAS}/overlay-v{version}.schema.yaml", SUITE)))


def _load(case: str) -> Any:
    return documents.load(shared_path(case, SUITE))


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/pass/*.yaml"))
def test_accepts_every_oai_pass_document(case: str) -> None:
    assert schema_errors(_load(case)) == []


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/fail/*.yaml"))
def test_refuses_every_oai_fail_document_naming_file_and_location(case: str) -> None:
    with pytest.raises(OverlayError) as error:
        validate_overlay_document(_load(case), case)
    message = str(error.value)
    assert message.startswith(f"{case}: not a valid Overlay document")
    assert "\n  /" in message  # each error starts with its location, a JSON pointer


@pytest.mark.parametrize("case", shared_cases(SCHEMAS, SUITE, "v1.*/*/*.yaml"))
def test_verdict_equals_the_official_schemas(case: str) -> None:
    """A document is valid for us exactly when one of the official schemas (1.0 or 1.1) accepts it."""
    document = _load(case)
    official = _official("1.0").is_valid(document) or _official("1.1").is_valid(document)
    assert (schema_errors(document) == []) == official


@pytest.mark.parametrize(("document", "valid"), OWN_CASES.values(), ids=OWN_CASES.keys())
def test_own_cases_match_expectation_and_official_schemas(document: dict[str, Any], valid: bool) -> None:
    assert (schema_errors(document) == []) is valid
    assert (_official("1.0").is_valid(document) or _official("1.1").is_valid(document)) is valid


def test_lists_every_error_with_its_location() -> None:
    document = _with(
        info={"title": 1, "version": "1"}, actions=[{"target": "no-dollar"}, {"target": "$", "remove": "yes"}]
    )
    assert schema_errors(document) == [
        "/actions/0/target: 'no-dollar' does not match '^\\\\$'",
        "/actions/1/remove: 'yes' is not of type 'boolean'",
        "/info/title: 1 is not of type 'string'",
    ]


def test_a_version_outside_1_0_and_1_1_is_named() -> None:
    errors = schema_errors(_with(overlay="2.0.0"))
    assert any(error.startswith("/overlay: '2.0.0' does not match") for error in errors)


def test_unknown_fields_are_named() -> None:
    assert schema_errors(_with(replace=True)) == [
        "/: Unevaluated properties are not allowed ('replace' was unexpected)"
    ]
