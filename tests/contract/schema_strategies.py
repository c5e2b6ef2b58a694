"""Hypothesis strategies for JSON bodies from the JSON Schemas of the effective spec.

Hand-written: hypothesis-jsonschema, the library for this, does not work with current hypothesis
(0.23 against hypothesis 6.1xx). It covers the keywords openapi-python-client turns into types
(``type`` and type arrays, ``anyOf``/``oneOf`` such as v3's ``anyOf: [{type: string}, {type: "null"}]``,
``properties``/``required``, ``items``, ``enum``, local ``$ref``), which is
what the client's parsing can get wrong; the generated values are checked against the schema with
jsonschema in the tests, so a keyword this ignores cannot make a test pass on an invalid body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.contract.cases import _resolve

# Values of each JSON type, small on purpose: parsing cost and correctness do not depend on size.
_SCALARS: Mapping[str, st.SearchStrategy[Any]] = {
    "string": st.text(max_size=12),
    "integer": st.integers(min_value=-(2**63), max_value=2**63),
    "number": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000),
    "boolean": st.booleans(),
    "null": st.none(),
}
_MAX_DEPTH = 6


def _branches(schema: Mapping[str, Any]) -> list[Any]:
    return list(schema.get("anyOf") or schema.get("oneOf") or [])


def _types(schema: Mapping[str, Any], document: Mapping[str, Any] | None = None) -> list[str]:
    """The JSON types ``schema`` allows; a union's are its options' (when each names its types)."""
    declared = schema.get("type")
    if declared is None:
        options = [_types(_resolve(document or {}, branch), document) for branch in _branches(schema)]
        return [kind for kinds in options for kind in kinds] if options and all(options) else []
    types = [declared] if isinstance(declared, str) else list(declared)
    return [*types, "null"] if schema.get("nullable") is True and "null" not in types else types


def valid_bodies(document: Mapping[str, Any], schema: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Bodies that ``schema`` accepts; optional properties present or absent independently."""
    schema = _resolve(document, schema)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "type" not in schema and _branches(schema):
        return st.one_of(*(valid_bodies(document, branch, depth + 1) for branch in _branches(schema)))
    types = _types(schema)
    if not types or depth > _MAX_DEPTH:
        return st.none() if "null" in types else st.just({}) if "object" in types else _SCALARS["string"]
    return st.one_of(*(_of_type(document, schema, kind, depth) for kind in types))


def _of_type(document: Mapping[str, Any], schema: Mapping[str, Any], kind: str, depth: int) -> st.SearchStrategy[Any]:
    if kind == "array":
        return st.lists(valid_bodies(document, schema.get("items", {}), depth + 1), max_size=4)
    if kind == "object":
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or ())
        return st.fixed_dictionaries(
            {name: valid_bodies(document, sub, depth + 1) for name, sub in properties.items() if name in required},
            optional={
                name: valid_bodies(document, sub, depth + 1) for name, sub in properties.items() if name not in required
            },
        )
    return _SCALARS[kind]


# One value of each JSON type, to put where the schema wants another.
_WRONG: Mapping[str, Any] = {
    "string": "not-the-declared-type",
    "integer": 7,
    "number": 1.5,
    "boolean": True,
    "null": None,
    "object": {"unexpected": 1},
    "array": [1],
}
# Which of those values a declared type accepts: a number field accepts the integer too.
_ACCEPTS = {"number": {"integer", "number"}}


@dataclass(frozen=True)
class Mutation:
    """A body with one field replaced by a value of the wrong JSON type, and that field's JSON key."""

    body: Any
    key: str
    location: str


def _typed_slots(
    document: Mapping[str, Any], schema: Any, body: Any, where: tuple[str | int, ...], key: str | None
) -> list[tuple[tuple[str | int, ...], str, list[str]]]:
    """Every place in ``body`` whose schema names JSON types: (path, owning property, allowed types)."""
    schema = _resolve(document, schema)
    slots = []
    if key is not None and _types(schema, document) and "enum" not in schema:
        slots.append((where, key, _types(schema, document)))
    if isinstance(body, dict):
        for name, sub in (schema.get("properties") or {}).items():
            if name in body:
                slots += _typed_slots(document, sub, body[name], (*where, name), name)
    elif isinstance(body, list) and "items" in schema:
        for index, item in enumerate(body):
            slots += _typed_slots(document, schema["items"], item, (*where, index), key)
    return slots


def _replaced(body: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(body, list):
        return [_replaced(item, rest, value) if index == head else item for index, item in enumerate(body)]
    return {name: _replaced(item, rest, value) if name == head else item for name, item in body.items()}


@st.composite
def mutated_bodies(draw: st.DrawFn, document: Mapping[str, Any], schema: Any) -> Mutation:
    """A valid body with exactly one typed field given a value of a JSON type its schema refuses."""
    body = draw(valid_bodies(document, schema).filter(lambda b: bool(_typed_slots(document, schema, b, (), None))))
    path, key, allowed = draw(st.sampled_from(_typed_slots(document, schema, body, (), None)))
    accepted = set().union(*(_ACCEPTS.get(kind, {kind}) for kind in allowed))
    wrong = draw(st.sampled_from(sorted(kind for kind in _WRONG if kind not in accepted)))
    return Mutation(_replaced(body, path, _WRONG[wrong]), key, "/".join(map(str, path)))
