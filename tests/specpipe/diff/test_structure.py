"""structure: the subschemas as written, beside normalize's merged view, and what a restating schema is."""

from __future__ import annotations

from typing import Any

import pytest

from specpipe.diff.document_model import EMPTY, Schema
from specpipe.diff.normalize import normalize
from specpipe.errors import DiffError

from .builders import endpoint, op

S = {"type": "string"}
REF = {"$ref": "#/components/schemas/Pet"}
PET = {"type": "object", "properties": {"kind": S}, "discriminator": {"propertyName": "kind"}}


def _schema(schema: Any, **components: Any) -> Schema:
    content = {"application/json": {"schema": schema}}
    document = endpoint(
        op(responses={"200": {"description": "ok", "content": content}}), components={"schemas": components}
    )
    (operation,) = normalize(document, "t").operations.values()
    slot = operation.responses["200"].content["application/json"].schema
    assert slot is not None
    return slot.schema


def test_a_schema_without_structural_keywords_shares_the_empty_structure() -> None:
    assert _schema({"type": "object", "properties": {"a": S}}).structure is EMPTY


def test_subschemas_are_kept_as_written_beside_the_merged_view() -> None:
    schema = _schema({"allOf": [{"type": "object", "properties": {"a": S}}, REF]}, Pet=PET)
    assert set(schema.properties) == {"a", "kind"}  # normalize's merge, unchanged
    first, second = schema.structure.all_of
    assert (first.ref, second.ref) == (None, "#/components/schemas/Pet")
    assert second.slot.schema.pointer == "/components/schemas/Pet"


@pytest.mark.parametrize(
    "restating",
    [
        pytest.param({**REF, "description": "d"}, id="ref-with-sibling"),
        pytest.param({"allOf": [REF], "description": "d"}, id="lone-allOf-part"),
        pytest.param({"anyOf": [REF, {"type": "null"}]}, id="X-or-null"),
    ],
)
def test_a_schema_that_restates_another_is_that_schema(restating: Any) -> None:
    schema = _schema(restating, Pet=PET)
    assert schema.structure.identity(schema.pointer) == "/components/schemas/Pet"
    assert schema.structure.discriminator is not None  # lent by Pet
    assert schema.structure.any_of == ()  # X-or-null is nullability, not composition


def test_a_schema_of_its_own_is_itself() -> None:
    """Negative control: two allOf parts restate neither."""
    schema = _schema({"allOf": [REF, {"type": "object"}]}, Pet=PET)
    assert schema.structure.identity(schema.pointer) == schema.pointer


@pytest.mark.parametrize(
    ("schema", "pointer"),
    [
        pytest.param({"discriminator": "kind"}, "schema/discriminator", id="discriminator-not-an-object"),
        pytest.param(
            {"dependentRequired": {"a": "b"}}, "schema/dependentRequired/a", id="dependentRequired-not-a-list"
        ),
        pytest.param({"oneOf": {"type": "string"}}, "schema/oneOf", id="oneOf-not-a-list"),
        pytest.param({"patternProperties": []}, "schema/patternProperties", id="patternProperties-not-an-object"),
    ],
)
def test_malformed_structural_keywords_are_diff_errors_naming_the_place(schema: Any, pointer: str) -> None:
    with pytest.raises(DiffError, match=f"at /paths/~1things/get/responses/200/content/application~1json/{pointer}\\)"):
        _schema(schema)
