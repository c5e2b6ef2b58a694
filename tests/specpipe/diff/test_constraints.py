"""normalize_constraints: one form for both spellings of a bound, and a clear error for a bad one."""

from __future__ import annotations

from typing import Any

import pytest

from specpipe.diff import compare
from specpipe.diff.constraints import normalize_constraints
from specpipe.diff.normalize import canonical_json
from specpipe.errors import DiffError


def _error(pointer: str, cause: str) -> DiffError:
    return DiffError(f"doc: {cause} (at {pointer})")


def _constraints(raw: dict[str, Any]) -> dict[str, Any]:
    return normalize_constraints(raw, "/s", _error, canonical_json)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"maximum": 5, "exclusiveMaximum": True}, {"exclusiveMaximum": 5}),
        ({"exclusiveMaximum": 5}, {"exclusiveMaximum": 5}),
        ({"minimum": 1, "exclusiveMinimum": False}, {"minimum": 1}),
        ({"minimum": 1, "exclusiveMinimum": True}, {"exclusiveMinimum": 1}),
        ({"exclusiveMinimum": True}, {}),  # a 3.0 flag with no bound to make exclusive says nothing
        ({"const": {"b": 1, "a": None}}, {"const": '{"a": null, "b": 1}'}),
        ({"pattern": "^a", "maxLength": 3, "description": "x"}, {"pattern": "^a", "maxLength": 3}),
        ({"uniqueItems": False, "minProperties": 1}, {"minProperties": 1}),  # false allows duplicates, as absent
        ({"uniqueItems": True, "multipleOf": 0.5}, {"uniqueItems": True, "multipleOf": 0.5}),
    ],
)
def test_both_spellings_of_a_bound_become_one(raw: dict[str, Any], expected: dict[str, Any]) -> None:
    assert _constraints(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"maximum": "5"}, "maximum must be a number (at /s/maximum)"),
        ({"minItems": True}, "minItems must be a number (at /s/minItems)"),
        ({"exclusiveMaximum": "5"}, "exclusiveMaximum must be a number or a boolean (at /s/exclusiveMaximum)"),
        ({"maxProperties": "3"}, "maxProperties must be a number (at /s/maxProperties)"),
        ({"multipleOf": 0}, "multipleOf must be a number greater than 0 (at /s/multipleOf)"),
        ({"multipleOf": "2"}, "multipleOf must be a number greater than 0 (at /s/multipleOf)"),
        ({"uniqueItems": "yes"}, "uniqueItems must be a boolean (at /s/uniqueItems)"),
    ],
)
def test_a_bound_that_is_not_a_number_is_an_error(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(DiffError) as raised:
        _constraints(raw)
    assert message in str(raised.value)


def test_compare_names_the_file_and_pointer_of_a_bad_bound() -> None:
    valid = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    bad = {
        "openapi": "3.1.0",
        "paths": {"/a": {"get": {"parameters": [{"name": "x", "in": "query", "schema": {"maxLength": "3"}}]}}},
    }
    with pytest.raises(
        DiffError, match=r"^new\.yaml: maxLength must be a number \(at /paths/~1a/get/parameters/0/schema/maxLength\)$"
    ):
        compare(valid, bad, new_name="new.yaml")
