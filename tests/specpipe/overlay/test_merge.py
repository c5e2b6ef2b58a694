"""The Overlay merge rules as tables: what merges, what replaces, what is refused, and where."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specpipe.errors import OverlayError
from specpipe.overlay.merge import kind, merge, update

MERGES = {
    "object-adds-key": ({"a": 1}, {"b": 2}, {"a": 1, "b": 2}),
    "object-keeps-key-order": ({"a": 1, "b": 2}, {"a": 3, "c": 4}, {"a": 3, "b": 2, "c": 4}),
    "object-recursive": ({"a": {"x": 1, "y": 2}}, {"a": {"y": 3, "z": 4}}, {"a": {"x": 1, "y": 3, "z": 4}}),
    "object-empty-update": ({"a": 1}, {}, {"a": 1}),
    "array-concatenates": ([1, 2], [2, 3], [1, 2, 2, 3]),
    "nested-array-concatenates": ({"tags": ["a"]}, {"tags": ["b", "c"]}, {"tags": ["a", "b", "c"]}),
    "string-replaces-string": ("old", "new", "new"),
    "number-replaces-string": ("old", 3, 3),
    "null-replaces-number": (1.5, None, None),
    "boolean-replaces-null": (None, False, False),
    "string-replaces-boolean": (True, "yes", "yes"),
    "nested-primitive-replaced": ({"a": {"type": "string"}}, {"a": {"type": "array"}}, {"a": {"type": "array"}}),
}

CONFLICTS = {
    "array-into-object": ({"a": 1}, [1], "cannot merge an array into an object at $"),
    "object-into-array": ([1], {"a": 1}, "cannot merge an object into an array at $"),
    "object-into-string": ("s", {"a": 1}, "cannot merge an object into a string at $"),
    "string-into-object": ({"a": 1}, "s", "cannot merge a string into an object at $"),
    "null-into-object": ({"a": 1}, None, "cannot merge null into an object at $"),
    "array-into-number": (1, [1], "cannot merge an array into a number at $"),
    "object-into-boolean": (True, {}, "cannot merge an object into a boolean at $"),
    "nested-array-into-string": (
        {"paths": {"/a": {"type": "string"}}},
        {"paths": {"/a": {"type": ["string", "null"]}}},
        "cannot merge an array into a string at $['paths']['/a']['type']",
    ),
}


@pytest.mark.parametrize(("target", "value", "expected"), MERGES.values(), ids=MERGES.keys())
def test_merges(target: Any, value: Any, expected: Any) -> None:
    assert json.dumps(merge(target, value)) == json.dumps(expected)  # key order included


@pytest.mark.parametrize(("target", "value", "expected"), MERGES.values(), ids=MERGES.keys())
def test_containers_merge_in_place(target: Any, value: Any, expected: Any) -> None:
    merged = merge(target, value)
    assert (merged is target) == isinstance(target, dict | list)


@pytest.mark.parametrize(("target", "value", "message"), CONFLICTS.values(), ids=CONFLICTS.keys())
def test_other_pairings_are_refused_with_their_location(target: Any, value: Any, message: str) -> None:
    with pytest.raises(OverlayError) as error:
        merge(target, value)
    assert str(error.value) == message


def test_inserted_values_are_copies() -> None:
    value: dict[str, Any] = {"new": {"deep": [1]}, "list": [{"x": 1}]}
    target: dict[str, Any] = {"list": []}
    merge(target, value)
    value["new"]["deep"].append(2)
    value["list"][0]["x"] = 99
    assert target == {"new": {"deep": [1]}, "list": [{"x": 1}]}


UPDATES = {
    "array-gains-object-item": ([1], {"a": 1}, [1, {"a": 1}]),
    "array-concatenated-with-array": ([1], [2, 3], [1, 2, 3]),
    "array-gains-nested-array-as-one-item": ([1], [[2, 3]], [1, [2, 3]]),
    "array-gains-null": ([], None, [None]),
    "object-merges": ({"a": [1]}, {"a": [2]}, {"a": [1, 2]}),
    "primitive-replaced": ("string", "array", "array"),
}


@pytest.mark.parametrize(("target", "value", "expected"), UPDATES.values(), ids=UPDATES.keys())
def test_update_concatenates_or_appends_to_an_array_target_and_merges_anything_else(
    target: Any, value: Any, expected: Any
) -> None:
    assert update(target, value) == expected


def test_update_appends_a_copy() -> None:
    value = {"a": [1]}
    target: list[Any] = []
    update(target, value)
    value["a"].append(2)
    assert target == [{"a": [1]}]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ({}, "an object"),
        ([], "an array"),
        ("", "a string"),
        (True, "a boolean"),
        (0, "a number"),
        (0.5, "a number"),
        (None, "null"),
        (b"", "bytes"),
    ],
    ids=["object", "array", "string", "boolean", "int", "float", "null", "non-json"],
)
def test_kind(value: Any, name: str) -> None:
    assert kind(value) == name


JSON_PRIMITIVES = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
JSON = st.recursive(
    JSON_PRIMITIVES,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3),
    max_leaves=12,
)


@given(
    st.dictionaries(st.text(max_size=3), JSON, max_size=4),
    st.dictionaries(st.text(max_size=3), JSON_PRIMITIVES, max_size=4),
)
def test_property_flat_update_sets_every_key_and_keeps_the_rest(target: dict[str, Any], value: dict[str, Any]) -> None:
    """Primitive values replace whatever primitive is there, add missing keys, leave other keys alone."""
    before = copy.deepcopy(target)
    try:
        merged = merge(target, value)
    except OverlayError:
        assert any(isinstance(before.get(key), dict | list) for key in value)
        return
    assert all(merged[key] == item for key, item in value.items())
    assert all(merged[key] == item for key, item in before.items() if key not in value)
    assert list(merged)[: len(before)] == list(before)


@given(JSON, JSON)
def test_property_every_part_of_the_value_is_found_after_a_merge(target: Any, value: Any) -> None:
    """After a successful merge every leaf of ``value`` can be read back at its place (arrays: at their end)."""
    try:
        merged = merge(copy.deepcopy(target), value)
    except OverlayError:
        return
    _assert_contains(merged, value)


def _assert_contains(merged: Any, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _assert_contains(merged[key], item)
    elif isinstance(value, list):
        assert merged[len(merged) - len(value) :] == value
    else:
        assert merged == value
