"""doctor's own walk over an OpenAPI document: where the schemas and the documented examples are.

Hand-written: it must reach every Schema and Example Object of 3.0, 3.1 and 3.2 (callbacks, webhooks,
``additionalOperations``, nested schemas) in one linear pass; no library walks OpenAPI this way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from specpipe.openapi_model import METHODS


def extend_pointer(base: str, *parts: object) -> str:
    """Extend a JSON pointer, escaping ``~`` and ``/`` inside keys as RFC 6901 requires."""
    # escape_pointer_token inlined and a loop, not a join: doctor builds a million pointers.
    for part in parts:
        base += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return base


# ``dict`` first: isinstance answers for it without the Mapping ABC's (slower) check.
MAPPING = (dict, Mapping)

# The document is registered under this URI so `#/components/...` refs resolve inside it.
DOCUMENT_URI = "urn:specpipe:openapi-document"


@dataclass(frozen=True)
class SchemaSite:
    """A Schema Object placed directly in the OpenAPI structure (not nested in another schema)."""

    pointer: str
    node: Any


@dataclass(frozen=True)
class ExampleSite:
    """A documented example value and the schema it must match."""

    pointer: str
    value: Any
    schema: str
    via: str = ""  # the Example Object whose $ref led here, if any


@dataclass(frozen=True)
class ExampleObjectSite:
    """An entry of an ``examples`` map: an Example Object or a Reference to one, not yet resolved."""

    pointer: str
    node: Any
    schema: str


_Location = SchemaSite | ExampleSite | ExampleObjectSite


def map_items(node: Any) -> Iterable[tuple[str, Any]]:
    # None (an absent field) is the common non-map here: skip the Mapping ABC for it.
    return node.items() if node is not None and isinstance(node, MAPPING) else ()


def _objects(node: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The entries of a name → object map that are objects in place; a Reference Object is skipped,
    because what it points to is walked where it lives (a component), once."""
    for name, child in map_items(node):
        if isinstance(child, MAPPING) and "$ref" not in child:
            yield extend_pointer(pointer, name), child


def locations(document: Mapping[str, Any]) -> Iterator[_Location]:
    """Every schema and example of an OpenAPI 3.x document, in document order."""
    for key in ("paths", "webhooks"):
        for pointer, item in _objects(document.get(key), f"/{key}"):
            yield from _path_item(item, pointer)
    components = document.get("components")
    for name, walk in (
        ("pathItems", _path_item),
        ("parameters", _parameter),
        ("headers", _parameter),  # a Header Object is a Parameter Object without name and in
        ("requestBodies", _content_holder),
        ("responses", _response),
        ("callbacks", _callback),
    ):
        for pointer, node in _objects(_items_of(components, name), f"/components/{name}"):
            yield from walk(node, pointer)
    for name, schema in map_items(_items_of(components, "schemas")):
        yield SchemaSite(extend_pointer("/components/schemas", name), schema)


def _items_of(node: Any, key: str) -> Any:
    return node.get(key) if isinstance(node, MAPPING) else None


def path_operations(item: Mapping[str, Any], pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """A path item's operations (OpenAPI 3.2 adds ``query`` and ``additionalOperations``)."""
    for verb in METHODS:
        if isinstance(operation := item.get(verb), Mapping):
            yield extend_pointer(pointer, verb), operation
    yield from _objects(item.get("additionalOperations"), extend_pointer(pointer, "additionalOperations"))


def _path_item(item: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    yield from _parameters(item, pointer)
    for op_pointer, operation in path_operations(item, pointer):
        yield from _operation(operation, op_pointer)


def _operation(operation: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    yield from _parameters(operation, pointer)
    body = operation.get("requestBody")
    if isinstance(body, MAPPING) and "$ref" not in body:
        yield from _content_holder(body, extend_pointer(pointer, "requestBody"))
    for response_pointer, response in _objects(operation.get("responses"), extend_pointer(pointer, "responses")):
        yield from _response(response, response_pointer)
    for callback_pointer, callback in _objects(operation.get("callbacks"), extend_pointer(pointer, "callbacks")):
        yield from _callback(callback, callback_pointer)


def _callback(callback: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    for item_pointer, item in _objects(callback, pointer):
        yield from _path_item(item, item_pointer)


def _parameters(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    parameters = holder.get("parameters")
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else ()):
        if isinstance(parameter, MAPPING) and "$ref" not in parameter:
            yield from _parameter(parameter, extend_pointer(pointer, "parameters", index))


def _parameter(parameter: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """A Parameter or Header Object: a schema with its own examples, or a content map."""
    yield from _schema_and_examples(parameter, pointer)
    yield from _content_holder(parameter, pointer)


def _response(response: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    for header_pointer, header in _objects(response.get("headers"), extend_pointer(pointer, "headers")):
        yield from _parameter(header, header_pointer)
    yield from _content_holder(response, pointer)


def _content_holder(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """The media types of a request body, response, parameter or header."""
    for media_pointer, media_type in _objects(holder.get("content"), extend_pointer(pointer, "content")):
        yield from _schema_and_examples(media_type, media_pointer)
        for encoding_pointer, encoding in _objects(
            media_type.get("encoding"), extend_pointer(media_pointer, "encoding")
        ):
            for header_pointer, header in _objects(
                encoding.get("headers"), extend_pointer(encoding_pointer, "headers")
            ):
                yield from _parameter(header, header_pointer)


def _schema_and_examples(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """A media type, parameter or header: its schema, and its ``example`` / ``examples`` against it."""
    if "schema" not in holder:
        return  # nothing to check its examples against
    schema = extend_pointer(pointer, "schema")
    yield SchemaSite(schema, holder["schema"])
    if "example" in holder:
        yield ExampleSite(extend_pointer(pointer, "example"), holder["example"], schema)
    for name, example in map_items(holder.get("examples")):
        yield ExampleObjectSite(extend_pointer(pointer, "examples", name), example, schema)


# keyword: (its schemas describe another instance than the parent's, it holds a name → schema map).
# The first flag says where the strictness rule applies: to a property value or an item, yes; to an
# allOf branch, no, because a branch sees only part of the properties its object may carry.
SUBSCHEMAS: Mapping[str, tuple[bool, bool]] = {
    "properties": (True, True),
    "patternProperties": (True, True),
    "additionalProperties": (True, False),
    "unevaluatedProperties": (True, False),
    "propertyNames": (True, False),
    "items": (True, False),  # one schema, or a list of them in OpenAPI 3.0's draft-4 dialect
    "prefixItems": (True, False),
    "additionalItems": (True, False),
    "unevaluatedItems": (True, False),
    "contains": (True, False),
    "contentSchema": (True, False),
    "allOf": (False, False),
    "anyOf": (False, False),
    "oneOf": (False, False),
    "not": (False, False),
    "if": (False, False),
    "then": (False, False),
    "else": (False, False),
    "dependentSchemas": (False, True),
    "$defs": (False, True),
    "definitions": (False, True),
}


def schema_nodes(pointer: str, node: Any, valued: bool = False) -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """``node`` and every schema nested in it, each with whether it describes a value of its own."""
    if not isinstance(node, MAPPING):
        return  # a boolean schema has no examples and no properties
    yield pointer, node, valued
    for keyword, child in node.items():
        if keyword not in SUBSCHEMAS:
            continue
        values, is_map = SUBSCHEMAS[keyword]
        if isinstance(child, list):
            children = [(extend_pointer(pointer, keyword, index), item) for index, item in enumerate(child)]
        elif isinstance(child, MAPPING):
            children = (
                [(extend_pointer(pointer, keyword, name), item) for name, item in child.items()]
                if is_map
                else [(extend_pointer(pointer, keyword), child)]
            )
        else:
            continue
        for child_pointer, item in children:
            yield from schema_nodes(child_pointer, item, values)


def schema_examples(pointer: str, node: Mapping[str, Any]) -> Iterator[ExampleSite]:
    """A schema's own ``example`` (OpenAPI), ``examples`` (JSON Schema) and ``default`` must match it."""
    for keyword in ("example", "default"):
        if keyword in node:
            yield ExampleSite(extend_pointer(pointer, keyword), node[keyword], pointer)
    examples = node.get("examples")
    for index, value in enumerate(examples if isinstance(examples, list) else ()):
        yield ExampleSite(extend_pointer(pointer, "examples", index), value, pointer)
