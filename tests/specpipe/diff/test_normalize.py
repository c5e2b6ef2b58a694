"""normalize(): $refs resolved once, recursion kept finite, every spelling of nullable made one."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from specpipe.diff import normalize as normalize_module
from specpipe.diff.document_model import Document, Schema
from specpipe.diff.normalize import normalize, path_key
from specpipe.errors import DiffError

from .all_cases import reports
from .builders import doc, endpoint, op


def _response_schema(document: Document, status: str = "200") -> Schema:
    (operation,) = document.operations.values()
    slot = operation.responses[status].content["application/json"].schema
    assert slot is not None
    return slot.schema


def _with_schema(schema: Any, openapi: str = "3.1.0", **components: Any) -> Document:
    content = {"application/json": {"schema": schema}}
    responses = {"200": {"description": "ok", "content": content}}
    return normalize(endpoint(op(responses=responses), openapi=openapi, components={"schemas": components}), "t")


@pytest.mark.parametrize(
    ("openapi", "schema", "nullable"),
    [
        pytest.param("3.0.3", {"type": "string", "nullable": True}, True, id="3.0-nullable"),
        pytest.param("3.0.3", {"type": "string"}, False, id="3.0-plain"),
        pytest.param("3.1.0", {"type": ["string", "null"]}, True, id="3.1-type-array"),
        pytest.param("3.1.0", {"type": ["null", "string"]}, True, id="3.1-type-array-null-first"),
        pytest.param("3.1.0", {"anyOf": [{"type": "string"}, {"type": "null"}]}, True, id="3.1-anyOf-null"),
        pytest.param("3.1.0", {"oneOf": [{"type": "null"}, {"type": "string"}]}, True, id="3.1-oneOf-null"),
        pytest.param("3.1.0", {"type": ["string"]}, False, id="3.1-type-array-without-null"),
        pytest.param("3.1.0", {"type": "string", "enum": ["a", None]}, False, id="null-enum-member-alone"),
    ],
)
def test_every_spelling_of_nullable_is_one_flag(openapi: str, schema: dict[str, Any], nullable: bool) -> None:
    node = _response_schema(_with_schema(schema, openapi))
    assert node.nullable is nullable
    assert node.types == {"string"}


def test_nullable_ref_through_anyof_keeps_the_target() -> None:
    node = _response_schema(
        _with_schema({"anyOf": [{"$ref": "#/components/schemas/V"}, {"type": "null"}]}, V={"type": "integer"})
    )
    assert (node.types, node.nullable) == (frozenset({"integer"}), True)


def test_a_shared_component_becomes_one_node() -> None:
    ref = {"$ref": "#/components/schemas/Video"}
    content = {"application/json": {"schema": ref}}
    document = normalize(
        doc(
            {
                "/a": {"get": op(responses={"200": {"description": "ok", "content": content}})},
                "/b": {"get": op(responses={"200": {"description": "ok", "content": content}})},
            },
            components={"schemas": {"Video": {"type": "object", "properties": {"id": {"type": "string"}}}}},
        ),
        "t",
    )
    first, second = (
        operation.responses["200"].content["application/json"].schema for operation in document.operations.values()
    )
    assert first is not None
    assert second is not None
    assert first.schema is second.schema
    assert first.schema.pointer == "/components/schemas/Video"


def test_a_recursive_schema_becomes_a_cycle() -> None:
    node = _response_schema(
        _with_schema(
            {"$ref": "#/components/schemas/Node"},
            Node={
                "type": "object",
                "properties": {"next": {"$ref": "#/components/schemas/Node"}, "name": {"type": "string"}},
            },
        )
    )
    assert node.properties["next"].schema is node
    assert node.properties["next"].pointer == "/components/schemas/Node/properties/next"


def test_all_of_and_ref_siblings_are_merged() -> None:
    node = _response_schema(
        _with_schema(
            {
                "allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"extra": {"type": "integer"}}}],
                "required": ["extra"],
                "description": "merged",
            },
            Base={"type": "object", "required": ["id"], "properties": {"id": {"$ref": "#/components/schemas/Id"}}},
            Id={"$ref": "#/components/schemas/RealId"},
            RealId={"type": "string", "format": "uuid", "description": "an id"},
        )
    )
    assert list(node.properties) == ["id", "extra"]
    assert node.required == {"id", "extra"}
    assert node.types == {"object"}
    assert node.description == "merged"
    identifier = node.properties["id"].schema
    assert (identifier.types, identifier.format, identifier.pointer) == (
        frozenset({"string"}),
        "uuid",
        "/components/schemas/RealId",
    )


def test_ref_with_sibling_description_keeps_the_target_type() -> None:
    node = _response_schema(
        _with_schema({"$ref": "#/components/schemas/S", "description": "mine"}, S={"type": "string"})
    )
    assert (node.types, node.description) == (frozenset({"string"}), "mine")


def test_path_level_parameters_are_inherited_and_overridden() -> None:
    document = normalize(
        doc(
            {
                "/v/{id}": {
                    "parameters": [
                        {"name": "id", "in": "path", "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                    ],
                    "get": op(parameters=[{"name": "q", "in": "query", "required": True, "schema": {}}]),
                }
            }
        ),
        "t",
    )
    operation = document.operations[("/v/{}", "get")]
    assert operation.parameters[("path", "id")].required  # path parameters are always required
    assert operation.parameters[("query", "q")].required
    assert operation.parameters[("query", "q")].pointer == "/paths/~1v~1{id}/get/parameters/0"


@pytest.mark.parametrize(
    ("path", "key"),
    [("/v1/video.delete", "/v1/video.delete"), ("/v/{id}/x/{other}", "/v/{}/x/{}"), ("/a~b", "/a~b")],
)
def test_path_key_blanks_parameter_names(path: str, key: str) -> None:
    assert path_key(path) == key


def test_pointer_tokens_are_escaped() -> None:
    document = normalize(endpoint(op(), path="/a/b~c"), "t")
    assert document.operations[("/a/b~c", "get")].pointer == "/paths/~1a~1b~0c/get"


# External $refs (only with a folder, as `specpipe diff FILE FILE` gives).


def _files(root: Path, files: dict[str, Any]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content), encoding="utf-8")
    return root


def _pet_document(ref: str) -> dict[str, Any]:
    content = {"application/json": {"schema": {"$ref": ref}}}
    return endpoint(op(responses={"200": {"description": "ok", "content": content}}))


def test_external_refs_resolve_relative_to_the_referring_file(tmp_path: Path) -> None:
    folder = _files(
        tmp_path,
        {
            "schemas/pet.json": {"Pet": {"type": "object", "properties": {"id": {"$ref": "common.json#/Id"}}}},
            "schemas/common.json": {"Id": {"type": "integer"}},
        },
    )
    schema = _response_schema(normalize(_pet_document("schemas/pet.json#/Pet"), "t", folder))
    assert schema.pointer == "schemas/pet.json#/Pet"
    identifier = schema.properties["id"].schema
    assert identifier.types == frozenset({"integer"})
    assert identifier.pointer == "schemas/common.json#/Id"


def test_external_refs_that_reach_themselves_stay_finite(tmp_path: Path) -> None:
    folder = _files(
        tmp_path,
        {
            "a.json": {"A": {"type": "object", "properties": {"b": {"$ref": "b.json#/B"}}}},
            "b.json": {"B": {"type": "object", "properties": {"a": {"$ref": "a.json#/A"}}}},
        },
    )
    schema = _response_schema(normalize(_pet_document("a.json#/A"), "t", folder))
    assert schema.properties["b"].schema.properties["a"].schema is schema


@pytest.mark.parametrize(
    ("ref", "cause"),
    [
        pytest.param("../outside.json#/X", "points above the document's folder", id="above-the-folder"),
        pytest.param("https://example.com/x.json#/X", "is a network reference", id="network"),
        pytest.param("//example.com/x.json#/X", "is a network reference", id="scheme-relative"),
        pytest.param("missing.json#/X", "cannot be loaded", id="missing-file"),
        pytest.param("other.json#/Nope", "does not resolve", id="missing-target"),
    ],
)
def test_external_refs_that_cannot_be_followed_name_the_ref(tmp_path: Path, ref: str, cause: str) -> None:
    folder = _files(tmp_path / "spec", {"other.json": {"X": {"type": "string"}}})
    _files(tmp_path, {"outside.json": {"X": {"type": "string"}}})
    with pytest.raises(DiffError, match=r"^t: ") as raised:
        normalize(_pet_document(ref), "t", folder)
    assert f"$ref {ref!r} {cause}" in str(raised.value)


def test_without_a_folder_external_refs_are_refused(tmp_path: Path) -> None:
    """Negative control: the same document that resolves with a folder is refused without one."""
    _files(tmp_path, {"other.json": {"X": {"type": "string"}}})
    with pytest.raises(DiffError, match="is not a local reference"):
        normalize(_pet_document("other.json#/X"), "t")
    assert _response_schema(normalize(_pet_document("other.json#/X"), "t", tmp_path)).types == frozenset({"string"})


def test_a_hash_in_a_local_key_is_not_a_file(tmp_path: Path) -> None:
    """A property named ``a#b`` whose schema refers locally stays in the document itself."""
    schema = {
        "type": "object",
        "properties": {"a#b": {"type": "object", "properties": {"c": {"$ref": "#/components/schemas/C"}}}},
    }
    content = {"application/json": {"schema": schema}}
    document = endpoint(
        op(responses={"200": {"description": "ok", "content": content}}),
        components={"schemas": {"C": {"type": "integer"}}},
    )
    resolved = _response_schema(normalize(document, "t", tmp_path))
    assert resolved.properties["a#b"].schema.properties["c"].schema.types == frozenset({"integer"})


@pytest.mark.parametrize(
    ("schema", "only_null", "nullable"),
    [
        pytest.param({"type": "null"}, True, True, id="type-null"),
        pytest.param({"type": ["null"]}, True, True, id="type-list-of-null"),
        pytest.param({"nullable": True}, False, True, id="3.0-nullable-without-type-is-any-or-null"),
        pytest.param({"type": ["string", "null"]}, False, True, id="string-or-null"),
    ],
)
def test_null_only_is_told_from_any_value_or_null(schema: dict[str, Any], only_null: bool, nullable: bool) -> None:
    normalized = _response_schema(_with_schema(schema))
    assert (normalized.only_null, normalized.nullable) == (only_null, nullable)


@pytest.mark.parametrize(
    ("schema", "types"),
    [
        pytest.param(
            {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/N"}]}, {"string", "number"}, id="ref"
        ),
        pytest.param({"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}, {"string", "integer"}),
        pytest.param({"anyOf": [{"type": "string"}, {"type": "null"}]}, None, id="nullable-string-is-no-list"),
        pytest.param({"oneOf": [{"type": "string"}, {"type": "object", "properties": {}}]}, None, id="object-branch"),
        pytest.param({"type": "string", "oneOf": [{"type": "string"}, {"type": "integer"}]}, None, id="own-type"),
    ],
)
def test_a_list_of_plain_types_is_recognized(schema: dict[str, Any], types: set[str] | None) -> None:
    normalized = _response_schema(_with_schema(schema, N={"type": "number"}))
    assert normalized.type_list == (frozenset(types) if types is not None else None)


def test_constraints_merge_like_other_keywords_the_schemas_own_win() -> None:
    schema = {"$ref": "#/components/schemas/Name", "maxLength": 5}
    normalized = _response_schema(_with_schema(schema, Name={"type": "string", "maxLength": 9, "pattern": "^a"}))
    assert normalized.constraints == {"maxLength": 5, "pattern": "^a"}


class _MetByEverySchema(frozenset[str]):
    """A keyword set no schema is disjoint from: every schema takes the full reading."""

    def isdisjoint(self, other: Iterable[object]) -> bool:
        return False


def test_the_plain_schema_shortcut_reports_every_pair_as_the_full_reading_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A schema without any ``UNCOMMON_KEYWORDS`` skips their reading: a keyword read there but
    missing from the set would make some pair's report differ from the full reading's."""
    shortcut = reports()
    monkeypatch.setattr(normalize_module, "UNCOMMON_KEYWORDS", _MetByEverySchema())
    assert reports() == shortcut


def test_the_shortcut_check_sees_a_keyword_missing_from_the_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control for the test above: with ``enum`` left out of the set, some report changes."""
    full = reports()
    monkeypatch.setattr(normalize_module, "UNCOMMON_KEYWORDS", normalize_module.UNCOMMON_KEYWORDS - {"enum"})
    assert reports() != full
