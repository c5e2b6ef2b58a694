"""Pass 1: the document itself, against the OpenAPI schema of its version, then the rules that schema
cannot state (unique operationIds, path parameters matching the template, no parameter declared
twice, no schema that refers to itself in place)."""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

import jsonschema  # type: ignore[import-untyped]
import referencing.jsonschema

# Every meta-schema the OpenAPI dialects refer to (JSON Schema's drafts, OpenAPI's vocabularies): the
# registry openapi-schema-validator checks schemas with, which it does not re-export.
from openapi_schema_validator._specifications import REGISTRY as OPENAPI_SPECIFICATIONS
from referencing import Registry
from referencing.exceptions import Unresolvable

from specpipe.doctor.finding import Finding
from specpipe.doctor.walker import (
    DOCUMENT_URI,
    SchemaSite,
    extend_pointer,
    locations,
    map_items,
    path_operations,
    schema_nodes,
)
from specpipe.schema_gate import SchemaGate

# The OpenAPI schema of each version, read from openapi-spec-validator's package data (never copied).
_STRUCTURE_SCHEMAS = {"2.0": "v2.0", "3.0": "v3.0", "3.1": "v3.1", "3.2": "v3.2"}


def spec_findings(document: Mapping[str, Any]) -> list[Finding]:
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
        return [Finding(extend_pointer("", *violation.path), "openapi", violation.message) for violation in structural]
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
        Registry()
        .with_resource(DOCUMENT_URI, referencing.jsonschema.DRAFT202012.create_resource(document))
        .resolver(DOCUMENT_URI)
    )
    owners: dict[str, str] = {}
    for path, item in map_items(document.get("paths")):
        item_pointer = extend_pointer("/paths", path)
        shared = yield from _parameters_declared(item, item_pointer, resolver)
        template = set(_TEMPLATE_VARIABLE.findall(path))
        for pointer, operation in path_operations(item, item_pointer):
            if isinstance(operation_id := operation.get("operationId"), str):
                if operation_id in owners:
                    yield Finding(
                        extend_pointer(pointer, "operationId"),
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
        parameter_pointer = extend_pointer(pointer, "parameters", index)
        parameter = entry
        if isinstance(ref := entry.get("$ref"), str):
            try:
                parameter = resolver.lookup(ref).contents
            except Unresolvable:
                yield Finding(extend_pointer(parameter_pointer, "$ref"), "$ref", f"cannot resolve {ref!r}")
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
    for location in locations(document):
        if not isinstance(location, SchemaSite):
            continue
        for pointer, node, _ in schema_nodes(location.pointer, location.node):
            if isinstance(ref := node.get("$ref"), str):
                if ref not in targets:
                    targets[ref] = _lookup(resolver, ref)
                if targets[ref] is None:
                    yield Finding(
                        extend_pointer(pointer, "$ref"), "$ref", f"cannot resolve {ref!r} (references are not fetched)"
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
