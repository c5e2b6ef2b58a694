"""Pass 2: every schema against its dialect's meta-schema, then every documented example against its
schema, with one strictness rule of ours on top (see ``_undeclared``)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
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
from specpipe.doctor.example_gate import ExampleGate, Undecidable
from specpipe.doctor.finding import Finding
from specpipe.doctor.walker import (
    DOCUMENT_URI,
    MAPPING,
    SUBSCHEMAS,
    ExampleObjectSite,
    ExampleSite,
    SchemaSite,
    extend_pointer,
    locations,
    map_items,
    schema_examples,
    schema_nodes,
)
from specpipe.documents import unescape_pointer_token
from specpipe.schema_gate import SchemaGate, Violation

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


def example_findings(document: Mapping[str, Any]) -> Iterator[Finding]:
    dialect = _dialect(document)
    if isinstance(dialect, Finding):
        yield dialect
        return
    checker = _Checker(document, dialect)
    examples: list[ExampleSite] = []
    for location in locations(document):
        if isinstance(location, SchemaSite):
            examples += checker.add_schema(location)
        elif isinstance(location, ExampleObjectSite):
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


def _resolve_example(entry: ExampleObjectSite, resolver: Any) -> ExampleSite | Finding | None:
    """The value of an Example Object, following $refs; None when it has no inline ``value``."""
    node, pointer, via = entry.node, entry.pointer, ""
    seen: set[str] = set()
    while isinstance(node, Mapping) and isinstance(ref := node.get("$ref"), str):
        if ref in seen:
            return Finding(extend_pointer(pointer, "$ref"), "$ref", f"circular reference {ref!r}")
        seen.add(ref)
        try:
            resolved = resolver.lookup(ref)
        except Unresolvable:
            return Finding(extend_pointer(pointer, "$ref"), "$ref", f"cannot resolve {ref!r}")
        via = via or entry.pointer
        node, pointer, resolver = resolved.contents, unquote(urldefrag(ref).fragment), resolved.resolver
    if not isinstance(node, Mapping) or "value" not in node:
        return None  # externalValue only: nothing here to check
    return ExampleSite(extend_pointer(pointer, "value"), node["value"], entry.schema, via)


def documented_examples(document: Mapping[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """Every documented example as (its pointer, its value, the pointer of the schema it must match),
    in document order: the evidence ``specpipe doctor --suggest`` reads. Pass 2's walk, unvalidated;
    an Example Object whose $ref does not resolve is left out (pass 2 reports it)."""
    resolver = (
        Registry()
        .with_resource(DOCUMENT_URI, referencing.jsonschema.DRAFT202012.create_resource(document))
        .resolver(DOCUMENT_URI)
    )
    for location in locations(document):
        if isinstance(location, SchemaSite):
            for pointer, node, _ in schema_nodes(location.pointer, location.node):
                for example in schema_examples(pointer, node):
                    yield example.pointer, example.value, example.schema
        elif isinstance(location, ExampleObjectSite):
            resolved = _resolve_example(location, resolver)
            if isinstance(resolved, ExampleSite):
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
    """A copy of the schema ``node``: every schema nested in it (those ``schema_nodes`` walks) is
    copied first, then each copy passes through ``finish`` with its original and whether it describes
    a value of its own. Only schema objects are copied; everything else is shared with ``node``."""
    if not isinstance(node, MAPPING):
        return node
    copy = dict(node)
    for keyword, child in node.items():
        if keyword not in SUBSCHEMAS:
            continue
        values, is_map = SUBSCHEMAS[keyword]
        if isinstance(child, list):
            copy[keyword] = [_rebuilt(item, values, finish) for item in child]
        elif isinstance(child, MAPPING):
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
    examples: list[ExampleSite]
    schemas: dict[str, tuple[Mapping[str, Any], bool]]
    """The schemas its examples are checked against: the node, whether it describes a value."""
    rebuilt: Any = None


def _content_key(node: Any) -> str:
    """A schema's content as a key. ``repr`` is the cheapest full serialization (a document's values
    are JSON's: strings, numbers, booleans, None, lists and dicts, whose reprs are distinct)."""
    return repr(node)


class _Checker:
    """Validates examples against schemas of one document: jsonschema-rs decides which break their
    schema (specpipe.doctor.example_gate), jsonschema says how, compiling each schema's validator once."""

    def __init__(self, document: Mapping[str, Any], dialect: _Dialect) -> None:
        self._document = document
        self._dialect = dialect
        self._resolver = (
            Registry()
            .with_resource(DOCUMENT_URI, dialect.specification.create_resource(document))
            .resolver(DOCUMENT_URI)
        )
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

    def add_schema(self, root: SchemaSite) -> list[ExampleSite]:
        """Meta-check the schema at ``root`` and return the schema-level examples found under it."""
        key = _content_key(root.node)
        shape = self._shapes.get(key)
        if shape is None:
            shape = _Shape(root.node, self._meta.violations(root.node), [], {})
            for pointer, node, valued in schema_nodes("", root.node):
                if not pointer or "example" in node or "examples" in node or "default" in node:
                    shape.schemas[pointer] = (node, valued)
                    shape.examples += schema_examples(pointer, node)
            self._shapes[key] = shape
        self._placed[root.pointer] = shape
        self.malformed += [
            Finding(extend_pointer(root.pointer, *violation.path), "openapi", violation.message)
            for violation in shape.violations
        ]
        examples = [
            ExampleSite(root.pointer + example.pointer, example.value, root.pointer + example.schema)
            for example in shape.examples
        ]
        self._roots.update((example.schema, root.pointer) for example in examples)
        return examples

    def resolve_example(self, entry: ExampleObjectSite) -> ExampleSite | Finding | None:
        return _resolve_example(entry, self._resolver)

    def failing(self, examples: list[ExampleSite]) -> Iterable[int]:
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

    def _checked(self, example: ExampleSite) -> tuple[Any, Any, str, frozenset[str] | None]:
        """What the gate needs of an example: its value, the rebuilt schema it is placed in, the
        pointer of its schema inside that one, and what the rule allows at its root."""
        root = self._roots.get(example.schema, example.schema)
        suffix = example.schema[len(root) :]
        return example.value, self._placed[root].rebuilt, suffix, self._root_declared(example.schema)

    def check(self, example: ExampleSite) -> Iterator[Finding]:
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
            yield Finding(extend_pointer(example.pointer, *error.absolute_path), keyword, error.message + via)

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
            self._registry = Registry().with_resource(
                DOCUMENT_URI, self._dialect.specification.create_resource(derived)
            )
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
            schema: dict[str, Any] = {"$ref": f"{DOCUMENT_URI}#{quote(pointer)}"}
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
            stack += [(branch, resolver) for _, branch in map_items(schema.get("dependentSchemas"))]
        return frozenset(names) if declares else None
