"""The ``doctor`` step: is the document valid OpenAPI, and does every documented example match its schema?

The examples are the only evidence a published document carries of what the API really sends, and the
client is generated from the schemas: an example that contradicts its schema means a generated type
that will fail on real traffic. Two passes, both returning findings as values:

1. The document itself: its structure against the OpenAPI schema of its version (the one
   openapi-spec-validator ships), then the rules that schema cannot state (unique operationIds, path
   parameters matching the path template, no parameter declared twice).
2. Every schema against its dialect's meta-schema, then every documented example (media type,
   parameter, header and schema-level, and every schema's ``default``) against its schema, with one
   strictness rule of ours on top (see ``_undeclared``).

Both schema checks go through ``SchemaGate`` (jsonschema-rs decides, jsonschema explains), and the
examples through ``specpipe.example_gate`` (the same split, all examples in one jsonschema-rs call), so
doctor stays linear and near the cost of loading its input on large documents (bench/RESULTS.md). openapi-spec-validator's own validator is
not used: its semantic pass is quadratic in the number of schemas (upstream issue #260).

Examples are checked only once the document passes pass 1: a malformed document has no schemas worth
trusting.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urldefrag

import jsonschema  # type: ignore[import-untyped]
import referencing.jsonschema
from openapi_schema_validator import OAS31_BASE_DIALECT_ID, OAS32_BASE_DIALECT_ID, OAS30Validator

# Every meta-schema the OpenAPI dialects refer to (JSON Schema's drafts, OpenAPI's vocabularies): the
# registry openapi-schema-validator checks schemas with, which it does not re-export.
from openapi_schema_validator._specifications import REGISTRY as OPENAPI_SPECIFICATIONS
from referencing import Registry, Specification
from referencing.exceptions import Unresolvable

from specpipe import patterns
from specpipe.documents import unescape_pointer_token
from specpipe.example_gate import ExampleGate, Undecidable
from specpipe.gc_pause import paused_gc
from specpipe.openapi_model import METHODS
from specpipe.schema_gate import SchemaGate, Violation


@dataclass(frozen=True, order=True)
class Finding:
    """One defect: where it is (a JSON pointer into the document), which rule failed, and why."""

    pointer: str
    keyword: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.keyword}: {self.message}"


@paused_gc()
def diagnose(document: Mapping[str, Any]) -> list[Finding]:
    """Every finding in ``document``, sorted by pointer, keyword and message so output is stable."""
    findings = _spec_findings(document) or [*_example_findings(document), *_default_server_findings(document)]
    return sorted(set(findings))


def _pointer(base: str, *parts: object) -> str:
    """Extend a JSON pointer, escaping ``~`` and ``/`` inside keys as RFC 6901 requires."""
    # escape_pointer_token inlined and a loop, not a join: doctor builds a million pointers.
    for part in parts:
        base += "/" + str(part).replace("~", "~0").replace("/", "~1")
    return base


# ``dict`` first: isinstance answers for it without the Mapping ABC's (slower) check.
_MAPPING = (dict, Mapping)


# --- pass 1: the document itself -------------------------------------------------------------------

# The OpenAPI schema of each version, read from openapi-spec-validator's package data (never copied).
_STRUCTURE_SCHEMAS = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1", "3.2": "v3.2"}


def _spec_findings(document: Mapping[str, Any]) -> list[Finding]:
    version = document.get("openapi", document.get("swagger"))
    unsupported = Finding(
        "/openapi" if "openapi" in document else "",
        "openapi",
        "no supported version: expected a string such as 'openapi': '3.1.0' (or 'swagger': '2.0')",
    )
    if not isinstance(version, str):
        return [unsupported]  # YAML reads `openapi: 3.1` as a number
    minor = ".".join(version.split(".")[:2])
    if minor not in _STRUCTURE_SCHEMAS or ("openapi" in document) == (minor == "2.0"):
        return [unsupported]
    structural = _structure_gate(_STRUCTURE_SCHEMAS[minor]).violations(document)
    if structural:
        return [Finding(_pointer("", *violation.path), "openapi", violation.message) for violation in structural]
    # The rules below walk the document assuming it is well-formed, so they run only once it is.
    return list(_rule_findings(document))


@functools.cache
def _structure_gate(folder: str) -> SchemaGate:
    """The OpenAPI schema of one version, compiled once per process."""
    # Located without importing the package: its import (pydantic settings and all) is not needed here.
    package = importlib.util.find_spec("openapi_spec_validator")
    if package is None or package.origin is None:
        raise ModuleNotFoundError("openapi-spec-validator is not installed: doctor reads its OpenAPI schemas")
    resource = Path(package.origin).parent / "resources" / "schemas" / folder / "schema.json"
    schema = json.loads(resource.read_text(encoding="utf-8"))
    # The 2.0 schema has no id of its own; it refers to the draft 4 meta-schema, which the registry has.
    uri = schema.get("$id", schema.get("id", f"urn:specpipe:openapi-{folder}-schema"))
    specification = referencing.jsonschema.specification_with(schema["$schema"])
    registry = OPENAPI_SPECIFICATIONS.with_resource(uri, specification.create_resource(schema)).crawl()
    return SchemaGate(schema, jsonschema.validators.validator_for(schema), registry, format_checker=None)


_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")


def _rule_findings(document: Mapping[str, Any]) -> Iterator[Finding]:
    """What the OpenAPI schema cannot say: operationIds are unique, and each operation's path parameters
    are exactly its path template's variables, each declared once."""
    resolver = (
        Registry().with_resource(_URI, referencing.jsonschema.DRAFT202012.create_resource(document)).resolver(_URI)
    )
    owners: dict[str, str] = {}
    for path, item in _items(document.get("paths")):
        item_pointer = _pointer("/paths", path)
        shared = yield from _parameters_declared(item, item_pointer, resolver)
        template = set(_TEMPLATE_VARIABLE.findall(path))
        for pointer, operation in _operations(item, item_pointer):
            if isinstance(operation_id := operation.get("operationId"), str):
                if operation_id in owners:
                    yield Finding(
                        _pointer(pointer, "operationId"),
                        "operationId",
                        f"operationId {operation_id!r} is already used by {owners[operation_id]}",
                    )
                owners.setdefault(operation_id, pointer)
            own = yield from _parameters_declared(operation, pointer, resolver)
            declared = {name for (name, where) in {**shared, **own} if where == "path"}
            for name in sorted(template - declared):
                yield Finding(pointer, "parameters", f"path template variable {{{name}}} has no path parameter")
            for name in sorted(declared - template):
                yield Finding(pointer, "parameters", f"path parameter {name!r} is not in the path template {path!r}")
    yield from _schema_reference_findings(document, resolver)


def _parameters_declared(
    holder: Mapping[str, Any], pointer: str, resolver: Any
) -> Generator[Finding, None, dict[tuple[str, str], str]]:
    """The (name, in) of each parameter ``holder`` declares, with its pointer; yields duplicates and
    unresolvable references as findings."""
    declared: dict[tuple[str, str], str] = {}
    parameters = holder.get("parameters")
    for index, entry in enumerate(parameters if isinstance(parameters, list) else ()):
        parameter_pointer = _pointer(pointer, "parameters", index)
        parameter = entry
        if isinstance(ref := entry.get("$ref"), str):
            try:
                parameter = resolver.lookup(ref).contents
            except Unresolvable:
                yield Finding(_pointer(parameter_pointer, "$ref"), "$ref", f"cannot resolve {ref!r}")
                continue
        key = (parameter.get("name"), parameter.get("in"))
        if key in declared:
            yield Finding(
                parameter_pointer, "parameters", f"parameter {key[0]!r} in {key[1]} is also declared at {declared[key]}"
            )
        declared.setdefault(key, parameter_pointer)
    return declared


# Keywords whose schemas apply to the very instance of their parent: a cycle through these (and $ref)
# never reaches a smaller value, so validating anything against it never ends.
_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas")


def _schema_reference_findings(document: Mapping[str, Any], resolver: Any) -> Iterator[Finding]:
    """Every schema ``$ref`` must resolve inside the document (doctor fetches nothing, nor does the
    generator), and no chain of ``$ref``/``allOf``/... may lead back where it started without descending
    into a property or an item: such a schema describes no value, and validators and the generator
    recurse on it forever. A recursive schema that descends (a tree) is fine."""
    targets: dict[str, Any] = {}  # each distinct $ref → what it resolves to (None: nothing)
    for location in _locations(document):
        if not isinstance(location, _Schema):
            continue
        for pointer, node, _ in _schema_nodes(location.pointer, location.node):
            if isinstance(ref := node.get("$ref"), str):
                if ref not in targets:
                    targets[ref] = _lookup(resolver, ref)
                if targets[ref] is None:
                    yield Finding(
                        _pointer(pointer, "$ref"), "$ref", f"cannot resolve {ref!r} (references are not fetched)"
                    )
    yield from _in_place_cycles(targets, resolver)


def _lookup(resolver: Any, ref: str) -> Any:
    try:
        return resolver.lookup(ref).contents
    except Unresolvable:
        return None


def _in_place(node: Mapping[str, Any], targets: dict[str, Any], resolver: Any) -> list[Mapping[str, Any]]:
    """The schemas that apply to the same instance as ``node``: its $ref target and in-place branches."""
    children: list[Any] = []
    if isinstance(ref := node.get("$ref"), str):
        if ref not in targets:
            targets[ref] = _lookup(resolver, ref)
        children.append(targets[ref])
    for keyword in _IN_PLACE:
        child = node.get(keyword)
        if isinstance(child, Mapping) and keyword == "dependentSchemas":
            child = list(child.values())
        children += child if isinstance(child, list) else [child]
    return [child for child in children if isinstance(child, Mapping)]


def _in_place_cycles(targets: dict[str, Any], resolver: Any) -> Iterator[Finding]:
    """One finding per cycle of in-place references, by iterative depth-first search over object identity.

    A cycle needs a $ref (containment alone is a tree), so searching from each $ref target finds them all.
    """
    names = {id(target): unquote(urldefrag(ref).fragment) for ref, target in targets.items() if target is not None}
    done: set[int] = set()
    reported: set[frozenset[int]] = set()
    for root in [target for target in targets.values() if isinstance(target, Mapping)]:
        if id(root) in done:
            continue
        stack = [(root, iter(_in_place(root, targets, resolver)))]
        while stack:
            child = next(stack[-1][1], None)
            if child is None:
                done.add(id(stack.pop()[0]))
                continue
            on_path = [id(entry) for entry, _ in stack]
            if id(child) in on_path:
                cycle = [member for member in on_path[on_path.index(id(child)) :] if member in names]
                first = min(range(len(cycle)), key=lambda index: names[cycle[index]])
                cycle = cycle[first:] + cycle[:first]  # told from its first name, whichever end it was found at
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    chain = " -> ".join(names[member] for member in [*cycle, cycle[0]])
                    yield Finding(
                        names[cycle[0]],
                        "$ref",
                        f"circular reference that never reaches a property or an item: {chain}; "
                        "no value can be validated against it",
                    )
            elif id(child) not in done:
                stack.append((child, iter(_in_place(child, targets, resolver))))


# --- where the examples and schemas are ----------------------------------------------------------


@dataclass(frozen=True)
class _Schema:
    """A Schema Object placed directly in the OpenAPI structure (not nested in another schema)."""

    pointer: str
    node: Any


@dataclass(frozen=True)
class _Example:
    """A documented example value and the schema it must match."""

    pointer: str
    value: Any
    schema: str
    via: str = ""  # the Example Object whose $ref led here, if any


@dataclass(frozen=True)
class _ExampleObject:
    """An entry of an ``examples`` map: an Example Object or a Reference to one, not yet resolved."""

    pointer: str
    node: Any
    schema: str


_Location = _Schema | _Example | _ExampleObject


def _items(node: Any) -> Iterable[tuple[str, Any]]:
    # None (an absent field) is the common non-map here: skip the Mapping ABC for it.
    return node.items() if node is not None and isinstance(node, _MAPPING) else ()


def _objects(node: Any, pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The entries of a name → object map that are objects in place; a Reference Object is skipped,
    because what it points to is walked where it lives (a component), once."""
    for name, child in _items(node):
        if isinstance(child, _MAPPING) and "$ref" not in child:
            yield _pointer(pointer, name), child


def _locations(document: Mapping[str, Any]) -> Iterator[_Location]:
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
    for name, schema in _items(_items_of(components, "schemas")):
        yield _Schema(_pointer("/components/schemas", name), schema)


def _items_of(node: Any, key: str) -> Any:
    return node.get(key) if isinstance(node, _MAPPING) else None


def _operations(item: Mapping[str, Any], pointer: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """A path item's operations (OpenAPI 3.2 adds ``query`` and ``additionalOperations``)."""
    for verb in METHODS:
        if isinstance(operation := item.get(verb), Mapping):
            yield _pointer(pointer, verb), operation
    yield from _objects(item.get("additionalOperations"), _pointer(pointer, "additionalOperations"))


def _path_item(item: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    yield from _parameters(item, pointer)
    for op_pointer, operation in _operations(item, pointer):
        yield from _operation(operation, op_pointer)


def _operation(operation: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    yield from _parameters(operation, pointer)
    body = operation.get("requestBody")
    if isinstance(body, _MAPPING) and "$ref" not in body:
        yield from _content_holder(body, _pointer(pointer, "requestBody"))
    for response_pointer, response in _objects(operation.get("responses"), _pointer(pointer, "responses")):
        yield from _response(response, response_pointer)
    for callback_pointer, callback in _objects(operation.get("callbacks"), _pointer(pointer, "callbacks")):
        yield from _callback(callback, callback_pointer)


def _callback(callback: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    for item_pointer, item in _objects(callback, pointer):
        yield from _path_item(item, item_pointer)


def _parameters(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    parameters = holder.get("parameters")
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else ()):
        if isinstance(parameter, _MAPPING) and "$ref" not in parameter:
            yield from _parameter(parameter, _pointer(pointer, "parameters", index))


def _parameter(parameter: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """A Parameter or Header Object: a schema with its own examples, or a content map."""
    yield from _schema_and_examples(parameter, pointer)
    yield from _content_holder(parameter, pointer)


def _response(response: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    for header_pointer, header in _objects(response.get("headers"), _pointer(pointer, "headers")):
        yield from _parameter(header, header_pointer)
    yield from _content_holder(response, pointer)


def _content_holder(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """The media types of a request body, response, parameter or header."""
    for media_pointer, media_type in _objects(holder.get("content"), _pointer(pointer, "content")):
        yield from _schema_and_examples(media_type, media_pointer)
        for encoding_pointer, encoding in _objects(media_type.get("encoding"), _pointer(media_pointer, "encoding")):
            for header_pointer, header in _objects(encoding.get("headers"), _pointer(encoding_pointer, "headers")):
                yield from _parameter(header, header_pointer)


def _schema_and_examples(holder: Mapping[str, Any], pointer: str) -> Iterator[_Location]:
    """A media type, parameter or header: its schema, and its ``example`` / ``examples`` against it."""
    if "schema" not in holder:
        return  # nothing to check its examples against
    schema = _pointer(pointer, "schema")
    yield _Schema(schema, holder["schema"])
    if "example" in holder:
        yield _Example(_pointer(pointer, "example"), holder["example"], schema)
    for name, example in _items(holder.get("examples")):
        yield _ExampleObject(_pointer(pointer, "examples", name), example, schema)


# --- the schemas inside a schema ---------------------------------------------------------------------

# keyword: (its schemas describe another instance than the parent's, it holds a name → schema map).
# The first flag says where the strictness rule applies: to a property value or an item, yes; to an
# allOf branch, no, because a branch sees only part of the properties its object may carry.
_SUBSCHEMAS: Mapping[str, tuple[bool, bool]] = {
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


def _schema_nodes(pointer: str, node: Any, valued: bool = False) -> Iterator[tuple[str, Mapping[str, Any], bool]]:
    """``node`` and every schema nested in it, each with whether it describes a value of its own."""
    if not isinstance(node, _MAPPING):
        return  # a boolean schema has no examples and no properties
    yield pointer, node, valued
    for keyword, child in node.items():
        if keyword not in _SUBSCHEMAS:
            continue
        values, is_map = _SUBSCHEMAS[keyword]
        if isinstance(child, list):
            children = [(_pointer(pointer, keyword, index), item) for index, item in enumerate(child)]
        elif isinstance(child, _MAPPING):
            children = (
                [(_pointer(pointer, keyword, name), item) for name, item in child.items()]
                if is_map
                else [(_pointer(pointer, keyword), child)]
            )
        else:
            continue
        for child_pointer, item in children:
            yield from _schema_nodes(child_pointer, item, values)


def _schema_examples(pointer: str, node: Mapping[str, Any]) -> Iterator[_Example]:
    """A schema's own ``example`` (OpenAPI), ``examples`` (JSON Schema) and ``default`` must match it."""
    for keyword in ("example", "default"):
        if keyword in node:
            yield _Example(_pointer(pointer, keyword), node[keyword], pointer)
    examples = node.get("examples")
    for index, value in enumerate(examples if isinstance(examples, list) else ()):
        yield _Example(_pointer(pointer, "examples", index), value, pointer)


# --- pass 2: the examples against their schemas ------------------------------------------------------

# The document is registered under this URI so `#/components/...` refs resolve inside it.
_URI = "urn:specpipe:openapi-document"
# Our strictness keyword, added to the derived view of the document; see _undeclared.
_DECLARED = "x-specpipe-declared-properties"
# Keywords that let an object carry properties beyond its declared ones: no strictness then.
_OPEN = ("additionalProperties", "patternProperties", "unevaluatedProperties")


def _undeclared(validator: Any, declared: list[str], instance: Any, schema: Any) -> Iterator[Any]:
    """Our rule on top of JSON Schema: an example object may carry only the properties its schema declares.

    JSON Schema lets an object with ``properties`` (and no ``additionalProperties``) carry any other key,
    but a generated client keeps undeclared keys only in an untyped bag: an example carrying one proves
    the schema is incomplete. Declared means listed in ``properties`` anywhere the object's schema
    reaches through $ref, allOf/anyOf/oneOf, if/then/else and dependentSchemas.
    """
    if validator.is_type(instance, "object"):
        extra = sorted(set(instance) - set(declared))
        if extra:
            yield jsonschema.ValidationError(
                "properties not declared by the schema: " + ", ".join(repr(name) for name in extra)
            )


@dataclass(frozen=True)
class _Dialect:
    validator: Any  # a jsonschema validator class
    specification: Specification[Any]


def _dialect(document: Mapping[str, Any]) -> _Dialect | Finding:
    version = ".".join(str(document.get("openapi", "")).split(".")[:2])
    if version == "3.0":
        # OpenAPI 3.0's schema dialect: draft 4, extended and cut down, with `nullable`.
        return _Dialect(OAS30Validator, referencing.jsonschema.DRAFT4)
    default = {"3.1": OAS31_BASE_DIALECT_ID, "3.2": OAS32_BASE_DIALECT_ID}.get(version)
    if default is None:
        return Finding("", "openapi", "examples are checked in OpenAPI 3.x documents only")
    dialect_id = document.get("jsonSchemaDialect", default)
    validator = jsonschema.validators.validator_for({"$schema": dialect_id}, default=None)
    if validator is None:
        return Finding("/jsonSchemaDialect", "openapi", f"unknown JSON Schema dialect {dialect_id!r}")
    specification = referencing.jsonschema.specification_with(dialect_id, default=referencing.jsonschema.DRAFT202012)
    return _Dialect(validator, specification)


def _example_findings(document: Mapping[str, Any]) -> Iterator[Finding]:
    dialect = _dialect(document)
    if isinstance(dialect, Finding):
        yield dialect
        return
    checker = _Checker(document, dialect)
    examples: list[_Example] = []
    for location in _locations(document):
        if isinstance(location, _Schema):
            examples += checker.add_schema(location)
        elif isinstance(location, _ExampleObject):
            resolved = checker.resolve_example(location)
            if isinstance(resolved, Finding):
                yield resolved
            elif resolved is not None:
                examples.append(resolved)
        else:
            examples.append(location)
    yield from checker.malformed
    for index in checker.failing(examples):
        yield from checker.check(examples[index])


def _resolve_example(entry: _ExampleObject, resolver: Any) -> _Example | Finding | None:
    """The value of an Example Object, following $refs; None when it has no inline ``value``."""
    node, pointer, via = entry.node, entry.pointer, ""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(ref := node.get("$ref"), str):
        if ref in seen:
            return Finding(_pointer(pointer, "$ref"), "$ref", f"circular reference {ref!r}")
        seen.add(ref)
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable:
            return Finding(_pointer(pointer, "$ref"), "$ref", f"cannot resolve {ref!r}")
        via = via or entry.pointer
        node, pointer, resolver = resolved.contents, unquote(urldefrag(ref).fragment), resolved.resolver
    if not isinstance(node, Mapping) or "value" not in node:
        return None  # externalValue only: nothing here to check
    return _Example(_pointer(pointer, "value"), node["value"], entry.schema, via)


def documented_examples(document: Mapping[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """Every documented example as (its pointer, its value, the pointer of the schema it must match),
    in document order: the evidence ``specpipe doctor --suggest`` reads. Pass 2's walk, unvalidated;
    an Example Object whose $ref does not resolve is left out (pass 2 reports it)."""
    resolver = (
        Registry().with_resource(_URI, referencing.jsonschema.DRAFT202012.create_resource(document)).resolver(_URI)
    )
    for location in _locations(document):
        if isinstance(location, _Schema):
            for pointer, node, _ in _schema_nodes(location.pointer, location.node):
                for example in _schema_examples(pointer, node):
                    yield example.pointer, example.value, example.schema
        elif isinstance(location, _ExampleObject):
            resolved = _resolve_example(location, resolver)
            if isinstance(resolved, _Example):
                yield resolved.pointer, resolved.value, resolved.schema
        else:
            yield location.pointer, location.value, location.schema


@functools.cache
def _meta_gate(validator_class: Any) -> SchemaGate:
    """The meta-schema of a dialect's validator class, compiled once per process."""
    meta = validator_class.META_SCHEMA
    return SchemaGate(
        meta,
        jsonschema.validators.validator_for(meta, default=validator_class),
        OPENAPI_SPECIFICATIONS,
        format_checker=validator_class.FORMAT_CHECKER,  # the meta-schemas assert formats (regex, uri...)
    )


def _rebuilt(node: Any, valued: bool, finish: Callable[[Mapping[str, Any], dict[str, Any], bool], Any]) -> Any:
    """A copy of the schema ``node``: every schema nested in it (those ``_schema_nodes`` walks) is
    copied first, then each copy passes through ``finish`` with its original and whether it describes
    a value of its own. Only schema objects are copied; everything else is shared with ``node``."""
    if not isinstance(node, _MAPPING):
        return node
    copy = dict(node)
    for keyword, child in node.items():
        if keyword not in _SUBSCHEMAS:
            continue
        values, is_map = _SUBSCHEMAS[keyword]
        if isinstance(child, list):
            copy[keyword] = [_rebuilt(item, values, finish) for item in child]
        elif isinstance(child, _MAPPING):
            copy[keyword] = (
                {name: _rebuilt(item, values, finish) for name, item in child.items()}
                if is_map
                else _rebuilt(child, values, finish)
            )
    return finish(node, copy, valued)


def _replaced(document: Mapping[str, Any], replacements: Mapping[str, Any]) -> dict[str, Any]:
    """``document`` with the value at each pointer of ``replacements`` replaced: only the objects and
    arrays on the way to a replaced value are copied, the rest is shared (a deep copy of a large
    document took longer than checking all its examples)."""
    root = dict(document)
    copied = {id(root)}
    for pointer, value in replacements.items():
        *parents, last = (unescape_pointer_token(token) for token in pointer.split("/")[1:])
        node: Any = root
        for token in parents:
            key: str | int = int(token) if isinstance(node, list) else token
            child = node[key]
            if id(child) not in copied:
                child = list(child) if isinstance(child, list) else dict(child)
                copied.add(id(child))
                node[key] = child
            node = child
        node[int(last) if isinstance(node, list) else last] = value
    return root


@dataclass
class _Shape:
    """What one schema content yields wherever it is placed (pointers relative to where it is placed):
    documents repeat schemas, and each is meta-checked, walked and compiled once per content."""

    node: Mapping[str, Any]
    violations: list[Violation]
    examples: list[_Example]
    schemas: dict[str, tuple[Mapping[str, Any], bool]]
    """The schemas its examples are checked against: the node, whether it describes a value."""
    rebuilt: Any = None


def _content_key(node: Any) -> str:
    """A schema's content as a key. ``repr`` is the cheapest full serialization (a document's values
    are JSON's: strings, numbers, booleans, None, lists and dicts, whose reprs are distinct)."""
    return repr(node)


class _Checker:
    """Validates examples against schemas of one document: jsonschema-rs decides which break their
    schema (specpipe.example_gate), jsonschema says how, compiling each schema's validator once."""

    def __init__(self, document: Mapping[str, Any], dialect: _Dialect) -> None:
        self._document = document
        self._dialect = dialect
        self._resolver = Registry().with_resource(_URI, dialect.specification.create_resource(document)).resolver(_URI)
        # page-supplied patterns matched in linear time, never with Python's backtracking re
        self._class = jsonschema.validators.extend(
            dialect.validator, {_DECLARED: _undeclared, **patterns.keywords(dialect.validator)}
        )
        self._meta = _meta_gate(dialect.validator)
        self.malformed: list[Finding] = []
        """Each schema (placed in the structure) that its dialect's meta-schema rejects, as findings."""
        self._shapes: dict[str, _Shape] = {}
        self._placed: dict[str, _Shape] = {}
        self._roots: dict[str, str] = {}
        """The placed schema each nested schema that has examples is in, by pointer."""
        self._declarations: dict[int, frozenset[str] | None] = {}
        self._registry: Registry[Any] | None = None
        self._validators: dict[str, Any] = {}

    def add_schema(self, root: _Schema) -> list[_Example]:
        """Meta-check the schema at ``root`` and return the schema-level examples found under it."""
        key = _content_key(root.node)
        shape = self._shapes.get(key)
        if shape is None:
            shape = _Shape(root.node, self._meta.violations(root.node), [], {})
            for pointer, node, valued in _schema_nodes("", root.node):
                if not pointer or "example" in node or "examples" in node or "default" in node:
                    shape.schemas[pointer] = (node, valued)
                    shape.examples += _schema_examples(pointer, node)
            self._shapes[key] = shape
        self._placed[root.pointer] = shape
        self.malformed += [
            Finding(_pointer(root.pointer, *violation.path), "openapi", violation.message)
            for violation in shape.violations
        ]
        examples = [
            _Example(root.pointer + example.pointer, example.value, root.pointer + example.schema)
            for example in shape.examples
        ]
        self._roots.update((example.schema, root.pointer) for example in examples)
        return examples

    def resolve_example(self, entry: _ExampleObject) -> _Example | Finding | None:
        return _resolve_example(entry, self._resolver)

    def failing(self, examples: list[_Example]) -> Iterable[int]:
        """The indexes of the examples that may break their schemas: those jsonschema-rs finds invalid,
        or all of them where it cannot decide (then jsonschema checks every one, as it always did)."""
        gate = ExampleGate(self._dialect.validator, oas30=self._dialect.validator is OAS30Validator)
        if self.malformed or not gate.available or not examples:
            return range(len(examples))  # jsonschema raises on malformed schemas: it says which to skip
        references: set[str] = set()

        def finish(original: Mapping[str, Any], copy: dict[str, Any], valued: bool) -> Any:
            if isinstance(reference := original.get("$ref"), str):
                references.add(reference)
            return gate.finish(original, copy, self._declared(original) if valued else None)

        try:
            for shape in self._shapes.values():
                shape.rebuilt = _rebuilt(shape.node, False, finish)
            placed = {pointer: shape.rebuilt for pointer, shape in self._placed.items()}
            return sorted(gate.failing(placed, references, [self._checked(example) for example in examples]))
        except Undecidable:
            return range(len(examples))

    def _checked(self, example: _Example) -> tuple[Any, Any, str, frozenset[str] | None]:
        """What the gate needs of an example: its value, the rebuilt schema it is placed in, the
        pointer of its schema inside that one, and what the rule allows at its root."""
        root = self._roots.get(example.schema, example.schema)
        suffix = example.schema[len(root) :]
        return example.value, self._placed[root].rebuilt, suffix, self._root_declared(example.schema)

    def check(self, example: _Example) -> Iterator[Finding]:
        via = f" (example referenced from {example.via})" if example.via else ""
        try:
            errors = list(self._validator(example.schema).iter_errors(example.value))
        except Unresolvable as exc:
            yield Finding(example.pointer, "$ref", f"cannot resolve {exc.ref!r} in its schema{via}")
            return
        except Exception:
            # jsonschema raises (TypeError, re.error, UnknownType...) on a malformed schema, which the
            # meta-check has reported; anything else is a bug of ours.
            if not self.malformed:
                raise
            return
        for error in errors:
            keyword = "unevaluatedProperties" if error.validator == _DECLARED else str(error.validator)
            yield Finding(_pointer(example.pointer, *error.absolute_path), keyword, error.message + via)

    def _derived(self) -> Registry[Any]:
        """The registry of the derived view, built on first use: the document in which value schemas
        carry our strictness keyword."""
        if self._registry is None:

            def mark(original: Mapping[str, Any], copy: dict[str, Any], valued: bool) -> Any:
                if valued and (declared := self._declared(original)) is not None:
                    copy[_DECLARED] = sorted(declared)
                return copy

            marked = {id(shape): _rebuilt(shape.node, False, mark) for shape in self._shapes.values()}
            derived = _replaced(self._document, {pointer: marked[id(shape)] for pointer, shape in self._placed.items()})
            self._registry = Registry().with_resource(_URI, self._dialect.specification.create_resource(derived))
        return self._registry

    def _root_declared(self, pointer: str) -> frozenset[str] | None:
        """What the rule allows at the root of an example of the schema at ``pointer``: a schema placed
        directly in the structure (or an allOf branch carrying its own example) is not marked in the
        derived view, but its example is a value, so the rule applies to it."""
        root = self._roots.get(pointer, pointer)
        node, valued = self._placed[root].schemas[pointer[len(root) :]]
        return None if valued else self._declared(node)

    def _validator(self, pointer: str) -> Any:
        """The compiled validator for the schema at ``pointer``, built on first use."""
        if pointer not in self._validators:
            schema: dict[str, Any] = {"$ref": f"{_URI}#{quote(pointer)}"}
            declared = self._root_declared(pointer)
            if declared is not None:
                schema[_DECLARED] = sorted(declared)
            self._validators[pointer] = self._class(schema, registry=self._derived())
        return self._validators[pointer]

    def _declared(self, node: Mapping[str, Any]) -> frozenset[str] | None:
        """The property names an object schema declares; None if it declares none or admits any."""
        if id(node) not in self._declarations:
            self._declarations[id(node)] = self._declared_by(node)
        return self._declarations[id(node)]

    def _declared_by(self, node: Mapping[str, Any]) -> frozenset[str] | None:
        names: set[str] = set()
        declares = False
        seen: set[int] = set()
        stack: list[tuple[Any, Any]] = [(node, self._resolver)]
        while stack:
            schema, resolver = stack.pop()
            if not isinstance(schema, Mapping) or id(schema) in seen:
                continue
            seen.add(id(schema))
            if any(keyword in schema for keyword in _OPEN):
                return None
            if isinstance(properties := schema.get("properties"), Mapping):
                declares = True
                names.update(properties)
            if isinstance(ref := schema.get("$ref"), str):
                try:
                    resolved = resolver.lookup(ref)
                except Unresolvable:
                    return None  # the example check reports the broken $ref
                stack.append((resolved.contents, resolved.resolver))
            for keyword in ("allOf", "anyOf", "oneOf"):
                branches = schema.get(keyword)
                stack += [(branch, resolver) for branch in (branches if isinstance(branches, list) else ())]
            stack += [(schema.get(keyword), resolver) for keyword in ("if", "then", "else")]
            stack += [(branch, resolver) for _, branch in _items(schema.get("dependentSchemas"))]
        return frozenset(names) if declares else None


# --- where the key goes -----------------------------------------------------------------------------

INSECURE_SERVER_EVIDENCE = "x-specpipe-insecure-server-evidence"


def _default_server_findings(document: Mapping[str, Any]) -> Iterator[Finding]:
    """The first server is the client's default base URL: every request, and the API key, goes there.
    One that is plain ``http`` (its variables at their defaults, as the client reads it) is refused
    unless an overlay action set ``x-specpipe-insecure-server-evidence`` on it, saying why."""
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], Mapping):
        return
    server = servers[0]
    url = server.get("url")
    if not isinstance(url, str):
        return
    for name, variable in _items(server.get("variables")):
        if isinstance(variable, Mapping) and isinstance(variable.get("default"), str):
            url = url.replace("{" + name + "}", variable["default"])
    evidence = server.get(INSECURE_SERVER_EVIDENCE)
    if url.lower().startswith("http://") and not (isinstance(evidence, str) and evidence.strip()):
        yield Finding(
            "/servers/0/url",
            "servers",
            f"the default server {url!r} is not https: every request and the API key would travel in clear "
            f"text; if that is really HeyGen's, an overlay action must set {INSECURE_SERVER_EVIDENCE} on "
            "this server, citing the evidence",
        )


def upstream_claims(vendored: Mapping[str, Any]) -> list[Finding]:
    """The evidence extension is ours, set by a reviewed overlay action: a published document carrying
    it on a server is vouching for itself, and is refused."""
    servers = vendored.get("servers")
    return [
        Finding(
            _pointer("/servers", index, INSECURE_SERVER_EVIDENCE),
            "servers",
            f"the published document sets {INSECURE_SERVER_EVIDENCE} itself; only an overlay action may",
        )
        for index, server in enumerate(servers if isinstance(servers, list) else ())
        if isinstance(server, Mapping) and INSECURE_SERVER_EVIDENCE in server
    ]
