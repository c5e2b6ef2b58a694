"""specpipe.doctor.example_gate: jsonschema-rs's verdicts on examples are exactly jsonschema's, dialect by dialect.

Each case is checked twice: through doctor as it runs (the gate decides, jsonschema explains the
examples the gate rejects) and with the gate switched off (jsonschema checks every example, as doctor
always did). The findings must be equal, and where the gate can decide, the examples it sent to
jsonschema must be exactly those with findings: a gate more lenient than jsonschema would lose
findings, a stricter one would only cost time, and neither is allowed here.
"""

from __future__ import annotations

from typing import Any

import pytest

from specpipe.doctor import Finding, diagnose, examples
from specpipe.doctor.example_gate import ExampleGate

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
STRING = {"type": "string"}


def _document(version: str, schema: Any, examples: list[Any], dialect: str | None = None) -> dict[str, Any]:
    media_type = {"schema": schema, "examples": {f"E{index}": {"value": value} for index, value in enumerate(examples)}}
    document: dict[str, Any] = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": media_type}}}}}
        },
        "components": {"schemas": {"S": STRING, "Item": {"type": "object", "properties": {"n": {"type": "integer"}}}}},
    }
    if dialect is not None:
        document["jsonSchemaDialect"] = dialect
    return document


def _run(document: dict[str, Any], monkeypatch: pytest.MonkeyPatch, *, gate: bool) -> tuple[list[Finding], set[str]]:
    """doctor's findings, and the pointers of the examples jsonschema checked."""
    checked: set[str] = set()
    check = examples._Checker.check

    def spy(self: Any, example: Any) -> Any:
        checked.add(example.pointer)
        return check(self, example)

    with monkeypatch.context() as patch:
        patch.setattr(examples._Checker, "check", spy)
        if not gate:
            patch.setattr(ExampleGate, "available", property(lambda self: False))
        return diagnose(document), checked


# (id, OpenAPI version, jsonSchemaDialect, schema, example values, how many break it)
CASES: list[tuple[str, str, str | None, Any, list[Any], int]] = [
    ("3.0-nullable", "3.0.3", None, {"type": "string", "nullable": True}, [None, "a", 1], 1),
    ("3.0-not-nullable", "3.0.3", None, STRING, [None, "a"], 1),
    ("3.1-nullable-is-unknown", "3.1.0", None, {"type": "string", "nullable": True}, [None, "a"], 1),
    (
        "3.0-readOnly-not-required",
        "3.0.3",
        None,
        {"type": "object", "required": ["id", "n"], "properties": {"id": {**STRING, "readOnly": True}, "n": {}}},
        [{"n": 1}, {"id": "x"}],
        1,
    ),
    (
        "3.1-readOnly-required",
        "3.1.0",
        None,
        {"type": "object", "required": ["id"], "properties": {"id": {**STRING, "readOnly": True}}},
        [{}, {"id": "x"}],
        1,
    ),
    ("3.0-ref-siblings-apply", "3.0.3", None, {"$ref": "#/components/schemas/S", "maxLength": 2}, ["abc", "ab"], 1),
    ("3.1-ref-siblings-apply", "3.1.0", None, {"$ref": "#/components/schemas/S", "maxLength": 2}, ["abc", "ab"], 1),
    (
        "draft-07-ref-siblings-ignored",
        "3.1.0",
        DRAFT_07,
        {"$ref": "#/components/schemas/S", "maxLength": 2},
        ["abc", 1],
        1,
    ),
    ("3.0-integral-float-is-no-integer", "3.0.3", None, {"type": "integer"}, [1.0, 1], 1),
    ("3.1-integral-float-is-an-integer", "3.1.0", None, {"type": "integer"}, [1.0, 1.5, 1], 1),
    ("big-integers", "3.1.0", None, {"type": "integer", "maximum": 2**64}, [2**70, 2**63], 1),
    ("format-is-an-annotation", "3.1.0", None, {"type": "string", "format": "email"}, ["not an email", 1], 1),
    ("draft-07-format-is-an-annotation", "3.1.0", DRAFT_07, {"type": "string", "format": "email"}, ["x", 1], 1),
    ("3.1-dependencies-not-applied", "3.1.0", None, {"dependencies": {"a": ["b"]}, "type": "object"}, [{"a": 1}, 1], 1),
    (
        "undeclared-key-nested-and-behind-ref",
        "3.1.0",
        None,
        {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        [[{"n": 1}], [{"n": 1, "m": 2}], [{"n": "1"}]],
        2,
    ),
    (
        "3.0-undeclared-key-behind-ref-with-siblings",
        "3.0.3",
        None,
        {"type": "object", "properties": {"i": {"$ref": "#/components/schemas/Item", "nullable": True}}},
        [{"i": {"n": 1, "m": 2}}, {"i": {"n": 1}}],
        1,
    ),
    (
        "unevaluatedProperties-sees-only-real-annotations",
        "3.1.0",
        None,
        {"allOf": [{"$ref": "#/components/schemas/Item"}], "unevaluatedProperties": False},
        [{"n": 1, "m": 2}, {"n": 1}],
        1,
    ),
    (
        "oneOf-and-not-need-exact-branches",
        "3.1.0",
        None,
        {"oneOf": [{"$ref": "#/components/schemas/Item"}, {"not": {"type": "object", "properties": {"n": {}}}}]},
        [{"n": 1}, {"n": 1, "z": 0}, "s"],
        1,
    ),
    (
        "3.0-oneOf-nullable-branches",
        "3.0.3",
        None,
        {"oneOf": [{"type": "string", "nullable": True}, {"type": "integer", "nullable": True}]},
        [None, "a", 1, 1.5],
        2,
    ),
    (
        "draft-07-root-rule-beside-ref-ignored",
        "3.1.0",
        DRAFT_07,
        {"$ref": "#/components/schemas/Item"},
        [{"n": 1, "m": 2}, {"n": "x"}],
        1,
    ),
]


@pytest.mark.parametrize(
    ("version", "dialect", "schema", "values", "broken"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_the_gate_sends_jsonschema_exactly_the_broken_examples(
    monkeypatch: pytest.MonkeyPatch, version: str, dialect: str | None, schema: Any, values: list[Any], broken: int
) -> None:
    document = _document(version, schema, values, dialect)
    findings, checked = _run(document, monkeypatch, gate=True)
    unaided, everything = _run(document, monkeypatch, gate=False)
    assert findings == unaided
    assert len(everything) == len(values)  # negative control: without the gate jsonschema sees them all
    example_pointers = {finding.pointer.split("/value")[0] + "/value" for finding in findings}
    assert checked == example_pointers
    assert len(checked) == broken


def test_an_undecidable_schema_sends_every_example_to_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    # openapi-schema-validator follows a 3.0 discriminator instead of oneOf's branches: {"kind": "Item", "n": 1}
    # matches both branches (oneOf fails) yet is valid, so the gate must not decide.
    schema = {
        "oneOf": [{"$ref": "#/components/schemas/Item"}, {"type": "object"}],
        "discriminator": {"propertyName": "kind"},
    }
    document = _document("3.0.3", schema, [{"kind": "Item", "n": 1}, {"kind": "Item", "n": "x"}])
    document["components"]["schemas"]["Item"]["properties"]["kind"] = STRING
    findings, checked = _run(document, monkeypatch, gate=True)
    assert findings == _run(document, monkeypatch, gate=False)[0]
    assert [finding.keyword for finding in findings] == ["type"]
    assert len(checked) == 2


def test_equal_schemas_in_two_places_report_each_place(monkeypatch: pytest.MonkeyPatch) -> None:
    # Equal schemas are rebuilt and compiled once: each example must still be judged and named where it is.
    schema = {"type": "object", "properties": {"code": {"type": "integer", "example": 1}}}
    document = _document("3.1.0", schema, [{"code": 1}])
    document["paths"]["/b"] = {
        "get": {
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": {**schema}, "example": {"code": "1"}}},
                }
            }
        }
    }
    document["components"]["schemas"]["Code"] = {**schema, "properties": {"code": {"type": "integer", "example": "x"}}}
    findings, _ = _run(document, monkeypatch, gate=True)
    assert [(finding.pointer, finding.keyword) for finding in findings] == [
        ("/components/schemas/Code/properties/code/example", "type"),
        ("/paths/~1b/get/responses/200/content/application~1json/example/code", "type"),
    ]
