"""SchemaGate: jsonschema-rs decides, jsonschema explains in its own words, and either can answer."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from specpipe.schema_gate import SchemaGate, Violation

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"name": {"type": "string"}, "pattern": {"type": "string", "format": "regex"}},
    "required": ["name"],
    "anyOf": [{"required": ["name"]}, {"required": ["id"]}],
}


def _gate(format_checker: Any | None = None, validator_class: Any = Draft202012Validator) -> SchemaGate:
    registry = Registry().with_resource("urn:test", DRAFT202012.create_resource(SCHEMA))
    return SchemaGate(SCHEMA, validator_class, registry, format_checker=format_checker)


def test_a_valid_instance_has_no_violations() -> None:
    assert _gate().violations({"name": "x"}) == []


@pytest.mark.parametrize(
    ("instance", "expected"),
    [
        pytest.param({}, Violation((), "'name' is a required property"), id="required"),
        pytest.param({"name": 5}, Violation(("name",), "5 is not of type 'string'"), id="nested-path"),
    ],
)
def test_violations_are_jsonschemas_words_and_paths(instance: Any, expected: Violation) -> None:
    assert expected in _gate().violations(instance)


def test_best_match_explains_a_failed_anyof_by_its_cause() -> None:
    (violation,) = [v for v in _gate().violations({"name": 1}) if v.path]
    assert violation == Violation(("name",), "1 is not of type 'string'")


def test_formats_are_asserted_only_with_a_format_checker() -> None:
    instance = {"name": "x", "pattern": "[a-"}
    assert _gate().violations(instance) == []
    assert [v.path for v in _gate(FormatChecker()).violations(instance)] == [("pattern",)]


def test_when_the_explainer_sees_nothing_jsonschema_rs_still_names_the_defect() -> None:
    # The fallback's control: a draft 4 explainer does not know 2020-12's prefixItems; jsonschema-rs does.
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [{"type": "integer"}]}
    registry = Registry().with_resource("urn:test", DRAFT202012.create_resource(schema))
    gate = SchemaGate(schema, Draft4Validator, registry, format_checker=None)
    (violation,) = gate.violations(["x"])
    assert violation.path == (0,)
    assert "integer" in violation.message
