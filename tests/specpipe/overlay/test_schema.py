"""Our Overlay schema: the OAI's schema test documents get the OAI's verdicts, with readable errors."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from specpipe.overlay.schema import schema_errors

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
    "1.3.0-unknown-minor": (_with(overlay="1.3.0"), False),
    "1.1-suffix": (_with(overlay="1.1.0-rc1"), False),
    "version-missing": (_with(overlay=None), False),
    "update-null": (_with(actions=[{"target": "$.a", "update": None}]), True),
    "action-extension": (_with(actions=[{"target": "$", "x-note": [1]}]), True),
    "action-unknown-field": (_with(actions=[{"target": "$", "replace": 1}]), False),
    "info-unknown-field": (_with(info={"title": "t", "version": "1", "owner": "me"}), False),
    "extends-string": (_with(extends="openapi.yaml"), True),
}


@pytest.mark.parametrize(("document", "valid"), OWN_CASES.values(), ids=OWN_CASES.keys())
def test_own_cases_match_expectation(document: dict[str, Any], valid: bool) -> None:
    """(tests/conformance/ checks the same verdicts against the OAI's official 1.0 and 1.1 schemas.)"""
    assert (schema_errors(document) == []) is valid


def _v12(**changes: Any) -> dict[str, Any]:
    """A valid 1.2 document with one reusable action ``a`` and one reference to it; ``changes`` as in _with."""
    base = _with(
        overlay="1.2.0",
        components={"actions": {"a": {"description": "adds x", "fields": {"update": {"x": 1}}}}},
        actions=[{"$ref": "#/components/actions/a", "target": "$"}],
    )
    return {**base, **{key: value for key, value in changes.items() if value is not None}}


def _reference(**fields: Any) -> dict[str, Any]:
    return _v12(actions=[{"$ref": "#/components/actions/a", "target": "$", **fields}])


def _reusable(**fields: Any) -> dict[str, Any]:
    return _v12(components={"actions": {"a": fields}})


# Overlay 1.2.0, from its text: the Components Object, the Reusable Action (Reference) Objects, $self.
V12_CASES = {
    "reference": (_v12(), True),
    "reference-with-description-and-extension": (_reference(description="d", **{"x-why": "w"}), True),
    "reference-and-inline-actions-mixed": (
        _v12(actions=[{"target": "$", "remove": True}, {"$ref": "#/components/actions/a", "target": "$.b"}]),
        True,
    ),
    "encoded-key": (
        _v12(
            components={"actions": {"a/b~c": {"fields": {"remove": True}}}},
            actions=[{"$ref": "#/components/actions/a~1b~0c", "target": "$"}],
        ),
        True,
    ),
    "reusable-with-empty-fields": (_reusable(fields={}), True),
    "reusable-with-copy-and-extension": (_reusable(fields={"copy": "$.a"}, **{"x-k": 1}), True),
    "components-without-actions": (_v12(components={}, actions=[{"target": "$"}]), True),
    "self-and-extends-relative": (_v12(**{"$self": "overlays/o.yaml", "extends": "../openapi.json"}), True),
    "self-absolute": (_v12(**{"$self": "https://example.com/overlays/o.yaml"}), True),
    "reference-with-update": (_reference(update={"y": 2}), False),
    "reference-with-remove": (_reference(remove=True), False),
    "reference-with-copy": (_reference(copy="$.a"), False),
    "reference-without-target": (_v12(actions=[{"$ref": "#/components/actions/a"}]), False),
    "reference-to-schemas": (_v12(actions=[{"$ref": "#/components/schemas/a", "target": "$"}]), False),
    "reference-to-another-document": (_v12(actions=[{"$ref": "o.yaml#/components/actions/a", "target": "$"}]), False),
    "reference-below-an-action": (_v12(actions=[{"$ref": "#/components/actions/a/fields", "target": "$"}]), False),
    "target-in-fields": (_reusable(fields={"target": "$", "update": {}}), False),
    "reusable-unknown-field": (_reusable(fields={"update": {}}, target="$"), False),
    "fields-unknown-field": (_reusable(fields={"replace": 1}), False),
    "components-unknown-field": (_v12(components={"schemas": {}}, actions=[{"target": "$"}]), False),
    "self-with-fragment": (_v12(**{"$self": "https://example.com/o.yaml#top"}), False),
    "extends-with-fragment": (_v12(extends="openapi.json#/paths"), False),
    "self-not-a-uri-reference": (_v12(**{"$self": "a b.yaml"}), False),
    "components-in-1.1": (_v12(overlay="1.1.0", actions=[{"target": "$"}]), False),
    "components-in-1.0": (_v12(overlay="1.0.0", actions=[{"target": "$"}]), False),
    "reference-in-1.1": (_with(actions=[{"$ref": "#/components/actions/a", "target": "$"}]), False),
    "self-in-1.1": (_with(**{"$self": "o.yaml"}), False),
}


@pytest.mark.parametrize(("document", "valid"), V12_CASES.values(), ids=V12_CASES.keys())
def test_overlay_1_2_cases_match_the_1_2_text(document: dict[str, Any], valid: bool) -> None:
    assert (schema_errors(document) == []) is valid


def test_a_field_a_reference_may_not_carry_is_named_with_its_action() -> None:
    assert schema_errors(_reference(update={"y": 2})) == [
        "/actions/0: Unevaluated properties are not allowed ('update' was unexpected)"
    ]


def test_a_target_inside_fields_is_named_with_its_reusable_action() -> None:
    assert schema_errors(_reusable(fields={"target": "$"})) == [
        "/components/actions/a/fields: Unevaluated properties are not allowed ('target' was unexpected)"
    ]


def test_lists_every_error_with_its_location() -> None:
    document = _with(
        info={"title": 1, "version": "1"}, actions=[{"target": "no-dollar"}, {"target": "$", "remove": "yes"}]
    )
    assert schema_errors(document) == [
        "/actions/0/target: 'no-dollar' does not match '^\\\\$'",
        "/actions/1/remove: 'yes' is not of type 'boolean'",
        "/info/title: 1 is not of type 'string'",
    ]


def test_a_version_outside_1_0_to_1_2_is_named() -> None:
    errors = schema_errors(_with(overlay="2.0.0"))
    assert any(error.startswith("/overlay: '2.0.0' does not match") for error in errors)


def test_unknown_fields_are_named() -> None:
    assert schema_errors(_with(replace=True)) == [
        "/: Unevaluated properties are not allowed ('replace' was unexpected)"
    ]
