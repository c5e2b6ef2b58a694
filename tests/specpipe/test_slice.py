"""specpipe.slice: a whole document cut down to some operations and exactly what they reach."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from specpipe.errors import InputError
from specpipe.slice import slice_document


def _ref(name: str, section: str = "schemas") -> dict[str, str]:
    return {"$ref": f"#/components/{section}/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _document() -> dict[str, Any]:
    """Three paths; Video is shared by two operations, Node/Edge form a cycle, Folder and Unused are reached
    by no kept operation; a parameter, a response and a security scheme live in components."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "security": [{"ApiKeyAuth": []}],
        "tags": [{"name": "Videos"}, {"name": "Folders"}, {"name": "Graph"}],
        "paths": {
            "/videos/{id}": {
                "parameters": [_ref("VideoId", "parameters")],
                "get": {
                    "tags": ["Videos"],
                    "responses": {"200": _json(_ref("Video")), "404": _ref("NotFound", "responses")},
                },
                "delete": {"tags": ["Videos"], "responses": {"200": _json(_ref("Deleted"))}},
            },
            "/graph": {
                "get": {
                    "tags": ["Graph"],
                    "security": [{"BearerAuth": []}],
                    "responses": {"200": _json(_ref("Node"))},
                }
            },
            "/folders": {"get": {"tags": ["Folders"], "responses": {"200": _json(_ref("Folder"))}}},
        },
        "components": {
            "schemas": {
                "Video": {"type": "object", "properties": {"status": _ref("Status")}},
                "Status": {"enum": ["done"]},
                "Deleted": {"type": "object"},
                "Node": {"type": "object", "properties": {"edges": {"type": "array", "items": _ref("Edge")}}},
                "Edge": {"type": "object", "properties": {"to": _ref("Node")}},
                "Folder": {"type": "object", "properties": {"videos": {"items": _ref("Video")}}},
                "Error": {"type": "object"},
                "Unused": {"type": "object"},
            },
            "parameters": {"VideoId": {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}},
            "responses": {"NotFound": _json(_ref("Error"))},
            "securitySchemes": {
                "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "x-api-key"},
                "BearerAuth": {"type": "http", "scheme": "bearer"},
                "OAuth": {"type": "oauth2", "flows": {}},
            },
        },
    }


def _operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(method, path) for path, item in document["paths"].items() for method in item if method != "parameters"}


def _components(document: dict[str, Any]) -> dict[str, set[str]]:
    return {section: set(entries) for section, entries in document.get("components", {}).items()}


def test_keeps_the_operations_and_what_they_reach_transitively() -> None:
    sliced = slice_document(_document(), [("get", "/videos/{id}"), ("get", "/graph")], "fixture")
    assert _operations(sliced) == {("get", "/videos/{id}"), ("get", "/graph")}
    assert _components(sliced) == {
        "schemas": {"Video", "Status", "Node", "Edge", "Error"},  # Error only through the NotFound response
        "parameters": {"VideoId"},  # the path item's shared parameter
        "responses": {"NotFound"},
        "securitySchemes": {"ApiKeyAuth", "BearerAuth"},  # the default, and /graph's own
    }
    assert [tag["name"] for tag in sliced["tags"]] == ["Videos", "Graph"]
    assert sliced["paths"]["/videos/{id}"]["parameters"] == [_ref("VideoId", "parameters")]


def test_a_reference_cycle_is_followed_once() -> None:
    sliced = slice_document(_document(), [("get", "/graph")], "fixture")
    assert _components(sliced)["schemas"] == {"Node", "Edge"}


def test_nothing_unreached_is_kept_and_the_input_is_not_changed() -> None:
    """Negative control: ``Folder`` reaches the shared ``Video``; slicing without /folders keeps Video (through
    GET /videos) but neither Folder nor Unused, and the input document is left as it was."""
    document = _document()
    pristine = copy.deepcopy(document)
    sliced = slice_document(document, [("delete", "/videos/{id}")], "fixture")
    assert _components(sliced)["schemas"] == {"Deleted"}
    assert "Folder" not in _components(slice_document(document, [("get", "/videos/{id}")], "fixture"))["schemas"]
    assert document == pristine
    sliced["paths"]["/videos/{id}"]["delete"]["tags"].append("x")
    assert document == pristine, "the slice shares no mutable part with its input"


def test_an_operation_missing_from_the_document_is_refused() -> None:
    with pytest.raises(InputError, match=r"fixture: slice: the document has no operation POST /videos/\{id\}"):
        slice_document(_document(), [("post", "/videos/{id}")], "fixture")
