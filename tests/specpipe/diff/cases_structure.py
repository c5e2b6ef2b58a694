"""Pairs for the structure rules: composition, discriminator, ``not`` and the JSON Schema 2020-12 keywords.

One row per aspect: an old and a new schema fragment, written from oasdiff's documented meaning of the
check, and the level each of its four ids has (request body, request property, response body,
response property; ``-`` where oasdiff has no id). ``structure_cases`` places the fragment at each of
the four and expects exactly that one id; the named cases after it pin matching, wrapping and walking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from specpipe.diff import Level

from .builders import Case, Doc, _request_property, _response_property, obj, request, response, with_param

S = {"type": "string"}
INTEGER = {"type": "integer"}
A, B_OBJ, C = obj(a=S), obj(b=S), obj(c=S)
SAME_AS_A: Doc = {"type": "object", "properties": {"a": S}}  # identical content to A: matched, not added
KIND = {"propertyName": "kind"}
ARRAY: Doc = {"type": "array", "items": S}
LEVELS = {"B": Level.BREAKING.value, "W": Level.WARNING.value, "I": Level.INFO.value}
B, I = LEVELS["B"], LEVELS["I"]  # noqa: E741 - as in builders.py


def _with(base: Doc, **keywords: Any) -> Doc:
    return {**base, **keywords}


def _contains(**bounds: int) -> Doc:
    return _with(ARRAY, contains=S, **bounds)


def _dependent(**required: list[str]) -> Doc:
    return _with(obj(a=S, b=S, c=S), dependentRequired=required)


# aspect: (old fragment, new fragment, levels at request body/property, response body/property)
ASPECTS: dict[str, tuple[Doc, Doc, str]] = {
    "all-of-added": ({"allOf": [A]}, {"allOf": [A, SAME_AS_A]}, "BBII"),
    "all-of-removed": ({"allOf": [A, SAME_AS_A]}, {"allOf": [A]}, "WWII"),
    "all-of-added-annotation-only": ({"allOf": [A]}, {"allOf": [A, {"title": "Note"}]}, "IIII"),
    "all-of-removed-annotation-only": ({"allOf": [A, {"$comment": "x"}]}, {"allOf": [A]}, "IIII"),
    "any-of-added": ({"anyOf": [A, B_OBJ]}, {"anyOf": [A, B_OBJ, C]}, "IIII"),
    "any-of-removed": ({"anyOf": [A, B_OBJ, C]}, {"anyOf": [A, C]}, "BBII"),
    "one-of-added": ({"oneOf": [A, B_OBJ]}, {"oneOf": [A, B_OBJ, C]}, "IIBB"),
    "one-of-removed": ({"oneOf": [A, B_OBJ, C]}, {"oneOf": [B_OBJ, C]}, "BBII"),
    "discriminator-added": ({"oneOf": [A, B_OBJ]}, {"oneOf": [A, B_OBJ], "discriminator": KIND}, "IIII"),
    "discriminator-removed": ({"oneOf": [A, B_OBJ], "discriminator": KIND}, {"oneOf": [A, B_OBJ]}, "IIII"),
    "discriminator-property-name-changed": (
        {"discriminator": KIND},
        {"discriminator": {"propertyName": "type"}},
        "IIII",
    ),
    "discriminator-mapping-added": (
        {"discriminator": KIND},
        {"discriminator": {**KIND, "mapping": {"a": "#/components/schemas/A"}}},
        "IIII",
    ),
    "discriminator-mapping-deleted": (
        {"discriminator": {**KIND, "mapping": {"a": "#/components/schemas/A", "b": "#/components/schemas/B"}}},
        {"discriminator": {**KIND, "mapping": {"a": "#/components/schemas/A"}}},
        "IIII",
    ),
    "discriminator-mapping-changed": (
        {"discriminator": {**KIND, "mapping": {"a": "#/components/schemas/A"}}},
        {"discriminator": {**KIND, "mapping": {"a": "#/components/schemas/A2"}}},
        "IIII",
    ),
    "prefix-items-added": (_with(ARRAY, prefixItems=[S]), _with(ARRAY, prefixItems=[S, {"type": "integer"}]), "IIBB"),
    "prefix-items-removed": (_with(ARRAY, prefixItems=[S, {"type": "integer"}]), _with(ARRAY, prefixItems=[S]), "BBII"),
    "contains-added": (ARRAY, _contains(), "BBII"),
    "contains-removed": (_contains(), ARRAY, "IIBB"),
    "min-contains-increased": (_contains(), _contains(minContains=2), "BBII"),
    "min-contains-decreased": (_contains(minContains=3), _contains(minContains=2), "IIBB"),
    "max-contains-increased": (_contains(maxContains=2), _contains(maxContains=3), "IIBB"),
    "max-contains-decreased": (_contains(), _contains(maxContains=3), "BBII"),
    "dependent-required-added": (_dependent(), _dependent(a=["b"]), "BBII"),
    "dependent-required-removed": (_dependent(a=["b"]), _dependent(), "IIBB"),
    "dependent-required-changed": (_dependent(a=["b"]), _dependent(a=["b", "c"]), "BBBB"),
    "dependent-schema-added": (A, _with(A, dependentSchemas={"a": {"required": ["b"]}}), "BBII"),
    "dependent-schema-removed": (_with(A, dependentSchemas={"a": {"required": ["b"]}}), A, "IIBB"),
    "property-names-added": (A, _with(A, propertyNames={"maxLength": 8}), "BBII"),
    "property-names-removed": (_with(A, propertyNames={"maxLength": 8}), A, "IIBB"),
    "unevaluated-items-added": (ARRAY, _with(ARRAY, unevaluatedItems=False), "BBII"),
    "unevaluated-items-removed": (_with(ARRAY, unevaluatedItems=False), ARRAY, "IIBB"),
    "unevaluated-properties-added": (A, _with(A, unevaluatedProperties=False), "BBII"),
    "unevaluated-properties-removed": (_with(A, unevaluatedProperties=False), A, "IIBB"),
    "pattern-property-added": (A, _with(A, patternProperties={"^x-": S}), "BBII"),
    "pattern-property-removed": (_with(A, patternProperties={"^x-": S}), A, "IIBB"),
    "content-schema-added": (
        {"type": "string", "contentMediaType": "application/json"},
        {"type": "string", "contentMediaType": "application/json", "contentSchema": A},
        "BBII",
    ),
    "content-schema-removed": (
        {"type": "string", "contentMediaType": "application/json", "contentSchema": A},
        {"type": "string", "contentMediaType": "application/json"},
        "IIBB",
    ),
    "if-added": (A, _with(A, **{"if": {"required": ["a"]}}), "BBII"),
    "if-removed": (_with(A, **{"if": {"required": ["a"]}}), A, "IIBB"),
    "then-added": (A, _with(A, then={"required": ["a"]}), "BBII"),
    "then-removed": (_with(A, then={"required": ["a"]}), A, "IIBB"),
    "else-added": (A, _with(A, **{"else": {"required": ["a"]}}), "BBII"),
    "else-removed": (_with(A, **{"else": {"required": ["a"]}}), A, "IIBB"),
    # Ours (origin specpipe): oasdiff has no ids for `not`.
    "not-added": (A, _with(A, **{"not": {"required": ["b"]}}), "BBII"),
    "not-removed": (_with(A, **{"not": {"required": ["b"]}}), A, "IIBB"),
    "not-changed": (_with(A, **{"not": {"required": ["b"]}}), _with(A, **{"not": {"required": ["c"]}}), "BBBB"),
}


PLACES: tuple[tuple[str, Callable[[Doc], Doc]], ...] = (
    ("request-body", request),
    ("request-property", _request_property),
    ("response-body", response),
    ("response-property", _response_property),
)


def structure_cases() -> list[Case]:
    cases = []
    for aspect, (old, new, levels) in ASPECTS.items():
        for (prefix, place), level in zip(PLACES, levels, strict=True):
            if level != "-":
                rule = f"{prefix}-{aspect}"
                cases.append(Case(rule, place(old), place(new), [(rule, LEVELS[level])]))
    return cases


WRAPPED_OLD = obj(("a",), a=S, b=S)
WRAPPED_NEW = {"oneOf": [obj(("a",), a=S), obj(b=S)]}
PET = {"oneOf": [A, B_OBJ], "discriminator": KIND}


def _components(body: Doc, openapi: str = "3.1.0", **schemas: Doc) -> Doc:
    return {**response(body, openapi=openapi), "components": {"schemas": schemas}}


def _ref(name: str) -> Doc:
    return {"$ref": f"#/components/schemas/{name}"}


CASES: list[Case] = [
    *structure_cases(),
    Case(
        "request-body-wrapped-in-one-of",
        request(WRAPPED_OLD),
        request(WRAPPED_NEW),
        [("request-body-wrapped-in-one-of", B)],
    ),
    Case(
        "response-body-wrapped-in-one-of",
        response(WRAPPED_OLD),
        response(WRAPPED_NEW),
        [("response-body-wrapped-in-one-of", B)],
    ),
    Case(
        "a property wrapped in oneOf is a oneOf added, its moved properties not removed",
        response(obj(item=WRAPPED_OLD)),
        response(obj(item=WRAPPED_NEW)),
        [("response-property-one-of-added", B)],
    ),
    Case(
        "a property that moved nowhere is still removed from a wrapped body",
        response(obj(("a", "gone"), a=S, gone=S)),
        response({"oneOf": [obj(("a",), a=S), obj(b=S)]}),
        [("response-body-wrapped-in-one-of", B), ("response-required-property-removed", B)],
    ),
    Case(
        "reordered oneOf branches are no change", response({"oneOf": [A, B_OBJ, C]}), response({"oneOf": [C, A, B_OBJ]})
    ),
    Case(
        "reordered $ref branches are no change",
        _components({"anyOf": [_ref("A"), _ref("B")]}, A=A, B=B_OBJ),
        _components({"anyOf": [_ref("B"), _ref("A")]}, A=A, B=B_OBJ),
    ),
    Case(
        "an inline branch moved to a component is no change",
        _components({"oneOf": [A, B_OBJ]}, A={**A, "title": "A"}),
        _components({"oneOf": [_ref("A"), B_OBJ]}, A={**A, "title": "A"}),
    ),
    Case(
        "a $ref with a sibling description keeps its target's oneOf",
        _components(_ref("Pet"), Pet=PET),
        _components({**_ref("Pet"), "description": "A pet."}, Pet=PET),
        [("response-body-description-changed", I)],
    ),
    Case(
        "a lone allOf part restating a $ref is no allOf added",
        _components(obj(pet=_ref("Pet")), Pet=PET),
        _components(obj(pet={"allOf": [_ref("Pet")], "description": "The pet."}), Pet=PET),
        [("response-property-description-changed", I)],
    ),
    Case(
        "3.0 allOf-and-nullable and 3.1 anyOf-with-null say the same",
        _components(obj(pet={"allOf": [_ref("Pet")], "nullable": True}), "3.0.3", Pet=PET),
        _components(obj(pet={"anyOf": [_ref("Pet"), {"type": "null"}]}), Pet=PET),
    ),
    Case(
        "X-or-null keeps X's oneOf",
        _components(obj(pet=_ref("Pet")), Pet=PET),
        _components(obj(pet={"oneOf": [_ref("Pet"), {"type": "null"}]}), Pet=PET),
        [("response-property-became-nullable", B)],
    ),
    Case(
        "a change inside a matched oneOf branch is reported at its property",
        response({"oneOf": [A, B_OBJ]}),
        response({"oneOf": [obj(a={"type": "integer"}), B_OBJ]}),
        [("response-property-type-changed", B)],
    ),
    Case(
        "branches with the same title are matched and compared",
        request({"anyOf": [{**A, "title": "A"}, B_OBJ]}),
        request({"anyOf": [{**obj(("a",), a=S), "title": "A"}, B_OBJ]}),
        [("request-property-became-required", B)],
    ),
    Case(
        "a prefixItems entry that says what items said is no change",
        request(_with(ARRAY, prefixItems=[INTEGER])),
        request(_with(ARRAY, prefixItems=[INTEGER, S])),
    ),
    Case(
        "prefixItems added that say what items said are no change",
        response(ARRAY),
        response(_with(ARRAY, prefixItems=[S])),
    ),
    Case(
        "a prefixItems entry where items allowed anything restricts that position",
        request({"type": "array", "prefixItems": [INTEGER]}),
        request({"type": "array", "prefixItems": [INTEGER, S]}),
        [("request-body-prefix-items-added", I)],
    ),
    Case(
        "a change inside then is reported at its property",
        request(_with(A, then=obj(a=S))),
        request(_with(A, then=obj(("a",), a=S))),
        [("request-property-became-required", B)],
    ),
    Case(
        "annotation-only and significant allOf parts added together are reported apart",
        request({"allOf": [A]}),
        request({"allOf": [A, {"description": "d"}, SAME_AS_A]}),
        [
            ("request-body-all-of-added", B),
            ("request-body-all-of-added-annotation-only", I),
            ("request-body-description-changed", I),
        ],
    ),
    Case(
        "a oneOf of X or null is nullability, not composition",
        response(obj(a=S)),
        response(obj(a={"oneOf": [S, {"type": "null"}]})),
        [("response-property-became-nullable", B)],
    ),
    Case(
        "a parameter's oneOf has no oasdiff id and is not reported",
        with_param(schema={"oneOf": [A, B_OBJ]}),
        with_param(schema={"oneOf": [A, B_OBJ, C]}),
    ),
    # A oneOf/anyOf of plain types is a list of types (oasdiff's ListOfTypesDiff), not composition.
    Case(
        "a type that became a oneOf of types widened a request body",
        request(S),
        request({"oneOf": [S, INTEGER]}),
        [("request-body-list-of-types-widened", I)],
    ),
    Case(
        "a oneOf of types that lost one narrowed a request property",
        request(obj(name={"anyOf": [S, INTEGER]})),
        request(obj(name={"anyOf": [S]})),
        [("request-property-list-of-types-narrowed", B)],
    ),
    Case(
        "a type that became an anyOf of types widened a response body",
        response(S),
        response({"anyOf": [INTEGER, S]}),
        [("response-body-list-of-types-widened", B)],
    ),
    Case(
        "a oneOf of types that became one type narrowed a response property",
        response(obj(name={"oneOf": [S, INTEGER]})),
        response(obj(name=S)),
        [("response-property-list-of-types-narrowed", I)],
    ),
    Case(
        "a parameter's oneOf of types widened",
        with_param(schema={"oneOf": [S, INTEGER]}),
        with_param(schema={"oneOf": [S, INTEGER, {"type": "boolean"}]}),
        [("request-parameter-list-of-types-widened", I)],
    ),
    Case(
        "a oneOf of types reordered is no change",
        response({"oneOf": [S, INTEGER]}),
        response({"oneOf": [INTEGER, S]}),
    ),
    Case(
        "a recursive oneOf compares without looping",
        _components(_ref("Node"), Node={"oneOf": [S, obj(next=_ref("Node"))]}),
        _components(_ref("Node"), Node={"oneOf": [S, obj(next=_ref("Node"))], "discriminator": KIND}),
        [("response-body-discriminator-added", I)],
    ),
]
