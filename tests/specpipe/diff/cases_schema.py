"""One pair per schema-aspect id (constraints, values, types, mutability), built from a table.

Each row names an id and its level (oasdiff's, written out here, not read from the rules table);
the pair is the aspect's before/after fragment placed where the id's prefix says (a query
parameter, a header parameter's property, a request property, a write-only response property, ...).
Ids that are not "<place>-<aspect>" (a property's requiredness or mutability) have their own pairs.
Every pair must produce exactly its id, so nothing else (breaking or not) is reported beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .builders import S_OR_NULL, B, Case, Doc, I, S, W, endpoint, headers, obj, op, param, request, response, with_param

N, INT = {"type": "number"}, {"type": "integer"}
ARRAY = {"type": "array", "items": S}


def _with(base: Doc, **keywords: Any) -> Doc:
    return {**base, **keywords}


def _bound(base: Doc, keyword: str, low: Any, high: Any) -> dict[str, tuple[Doc, Doc]]:
    """set / unset / increased / decreased pairs for one keyword (ids use oasdiff's short names)."""
    name = {
        "maximum": "max",
        "minimum": "min",
        "exclusiveMaximum": "exclusive-max",
        "exclusiveMinimum": "exclusive-min",
        "maxLength": "max-length",
        "minLength": "min-length",
        "maxItems": "max-items",
        "minItems": "min-items",
        "maxProperties": "max-properties",
        "minProperties": "min-properties",
    }[keyword]
    return {
        f"{name}-set": (base, _with(base, **{keyword: low})),
        f"{name}-unset": (_with(base, **{keyword: low}), base),
        f"{name}-increased": (_with(base, **{keyword: low}), _with(base, **{keyword: high})),
        f"{name}-decreased": (_with(base, **{keyword: high}), _with(base, **{keyword: low})),
    }


ASPECTS: dict[str, tuple[Doc, Doc]] = {
    **_bound(INT, "maximum", 5, 9),
    **_bound(INT, "minimum", 1, 3),
    **_bound(N, "exclusiveMaximum", 5, 9),
    **_bound(N, "exclusiveMinimum", 1, 3),
    **_bound(S, "maxLength", 5, 9),
    **_bound(S, "minLength", 1, 3),
    **_bound(ARRAY, "maxItems", 5, 9),
    **_bound(ARRAY, "minItems", 1, 3),
    "pattern-added": (S, _with(S, pattern="^a")),
    "pattern-removed": (_with(S, pattern="^a"), S),
    "pattern-changed": (_with(S, pattern="^a"), _with(S, pattern="^b")),
    "pattern-generalized": (_with(S, pattern="^a"), _with(S, pattern=".*")),
    "const-added": (S, _with(S, const="a")),
    "const-removed": (_with(S, const="a"), S),
    "const-changed": (_with(S, const="a"), _with(S, const="b")),
    "became-enum": (S, _with(S, enum=["a"])),
    "enum-value-added": (_with(S, enum=["a"]), _with(S, enum=["a", "b"])),
    "enum-value-removed": (_with(S, enum=["a", "b"]), _with(S, enum=["a"])),
    "x-extensible-enum-value-removed": (
        _with(S, **{"x-extensible-enum": ["a", "b"]}),
        _with(S, **{"x-extensible-enum": ["a"]}),
    ),
    "content-media-type-changed": (_with(S, contentMediaType="image/png"), _with(S, contentMediaType="image/jpeg")),
    "content-encoding-changed": (_with(S, contentEncoding="base64"), _with(S, contentEncoding="base32")),
    "became-nullable": (S, S_OR_NULL),
    "became-not-nullable": (S_OR_NULL, S),
    "list-of-types-widened": (S, {"oneOf": [S, INT]}),
    "list-of-types-narrowed": ({"oneOf": [S, INT]}, S),
    "type-generalized": (INT, N),  # integer lies within number
    "type-specialized": (N, INT),
    "type-changed": (S, INT),
    "type-compatible": (S, INT),  # placed in a loosely typed encoding (XML, a header) below
}
# A parameter's object property: "changed" is a warning where JSON and form encodings disagree.
PARAMETER_PROPERTY = {"type-changed": (INT, S), "type-specialized": (S, INT)}
# The server reads a request: any value reads as a string from XML, so a swap to string is harmless.
REQUEST = {"type-compatible": (INT, S)}

Place = Callable[[Doc], Doc]


def _xml(schema: Doc) -> Doc:
    return request(schema, media="application/xml")


def _xml_response(schema: Doc) -> Doc:
    document = response(schema)
    content = document["paths"]["/things"]["get"]["responses"]["200"]["content"]
    content["application/xml"] = content.pop("application/json")
    return document


PLACES: dict[str, Place] = {  # longest first, as prefixes
    "request-parameter-property": lambda schema: with_param(schema=obj(name=schema)),
    "request-header-property": lambda schema: with_param(name="X-Q", where="header", schema=obj(name=schema)),
    "request-read-only-property": lambda schema: request(obj(name=_with(schema, readOnly=True))),
    "response-write-only-property": lambda schema: response(obj(name=_with(schema, writeOnly=True))),
    "request-parameter": lambda schema: with_param(schema=schema),
    "request-property": lambda schema: request(obj(name=schema)),
    "request-body": request,
    "response-property": lambda schema: response(obj(name=schema)),
    "response-header": lambda schema: headers(**{"X-R": {"schema": schema}}),
    "response-body": response,
}
LOOSE: dict[str, Place] = {
    "request-body": _xml,
    "request-property": lambda schema: _xml(obj(name=schema)),
    "response-body": _xml_response,
    "response-property": lambda schema: _xml_response(obj(name=schema)),
}


RO, WO = {"type": "string", "readOnly": True}, {"type": "string", "writeOnly": True}
DEFAULTED = _with(S, default="a")
HEADER = {"name": "X-Q", "where": "header"}
# Ids about a whole property: (old, new) documents.
PROPERTY_PAIRS: dict[str, tuple[Doc, Doc]] = {
    "new-required-request-header-property": (
        with_param(**HEADER, schema=obj(a=S)),
        with_param(**HEADER, schema=obj(("b",), a=S, b=S)),
    ),
    "request-header-property-became-required": (
        with_param(**HEADER, schema=obj(a=S)),
        with_param(**HEADER, schema=obj(("a",), a=S)),
    ),
    "new-required-request-property-with-default": (request(obj(a=S)), request(obj(("b",), a=S, b=DEFAULTED))),
    "request-property-became-required-with-default": (request(obj(a=DEFAULTED)), request(obj(("a",), a=DEFAULTED))),
    "response-write-only-property-became-optional": (response(obj(("a",), a=WO)), response(obj(a=WO))),
    "response-write-only-property-became-required": (response(obj(a=WO)), response(obj(("a",), a=WO))),
    "response-optional-write-only-property-added": (response(obj()), response(obj(a=WO))),
    "response-required-write-only-property-added": (response(obj()), response(obj(("a",), a=WO))),
    "response-optional-write-only-property-removed": (response(obj(a=WO)), response(obj())),
    "response-required-write-only-property-removed": (response(obj(("a",), a=WO)), response(obj())),
}
for _direction, _place in (("request", request), ("response", response)):
    for _kind, _required in (("required", ("a",)), ("optional", ())):
        for _flag, _label in (("readOnly", "read-only"), ("writeOnly", "write-only")):
            _plain, _flagged = _place(obj(_required, a=S)), _place(obj(_required, a=_with(S, **{_flag: True})))
            PROPERTY_PAIRS[f"{_direction}-{_kind}-property-became-{_label}"] = (_plain, _flagged)
            PROPERTY_PAIRS[f"{_direction}-{_kind}-property-became-not-{_label}"] = (_flagged, _plain)


def _pair(rule: str) -> tuple[Doc, Doc]:
    if rule in PROPERTY_PAIRS:
        return PROPERTY_PAIRS[rule]
    prefix = next(place for place in PLACES if rule.startswith(f"{place}-"))
    aspect = rule.removeprefix(f"{prefix}-")
    special = {"request-parameter-property": PARAMETER_PROPERTY, "request-body": REQUEST, "request-property": REQUEST}
    old, new = special.get(prefix, {}).get(aspect, ASPECTS[aspect])
    place = LOOSE[prefix] if aspect == "type-compatible" and prefix in LOOSE else PLACES[prefix]
    return place(old), place(new)


# Every schema-aspect id oasdiff has, with its level; then ours.
EXPECTED: tuple[tuple[str, str], ...] = (
    ("new-required-request-header-property", B),
    ("new-required-request-property-with-default", B),
    ("request-body-const-added", B),
    ("request-body-const-changed", B),
    ("request-body-const-removed", I),
    ("request-body-content-encoding-changed", B),
    ("request-body-content-media-type-changed", B),
    ("request-body-exclusive-max-decreased", B),
    ("request-body-exclusive-max-increased", I),
    ("request-body-exclusive-max-set", W),
    ("request-body-exclusive-min-decreased", I),
    ("request-body-exclusive-min-increased", B),
    ("request-body-exclusive-min-set", W),
    ("request-body-max-decreased", B),
    ("request-body-max-increased", I),
    ("request-body-max-length-decreased", B),
    ("request-body-max-length-increased", I),
    ("request-body-max-length-set", W),
    ("request-body-max-set", W),
    ("request-body-min-decreased", I),
    ("request-body-min-increased", B),
    ("request-body-min-items-increased", B),
    ("request-body-min-items-set", W),
    ("request-body-min-length-decreased", I),
    ("request-body-min-length-increased", B),
    ("request-body-min-set", W),
    ("request-body-type-compatible", I),
    ("request-body-type-generalized", I),
    ("request-header-property-became-enum", B),
    ("request-header-property-became-required", B),
    ("request-optional-property-became-not-read-only", I),
    ("request-optional-property-became-not-write-only", I),
    ("request-optional-property-became-read-only", I),
    ("request-optional-property-became-write-only", I),
    ("request-parameter-exclusive-max-decreased", B),
    ("request-parameter-exclusive-max-increased", I),
    ("request-parameter-exclusive-max-set", W),
    ("request-parameter-exclusive-min-decreased", I),
    ("request-parameter-exclusive-min-increased", B),
    ("request-parameter-exclusive-min-set", W),
    ("request-parameter-max-decreased", B),
    ("request-parameter-max-increased", I),
    ("request-parameter-max-items-decreased", B),
    ("request-parameter-max-items-increased", I),
    ("request-parameter-max-length-decreased", B),
    ("request-parameter-max-length-increased", I),
    ("request-parameter-max-length-set", W),
    ("request-parameter-max-set", W),
    ("request-parameter-min-decreased", I),
    ("request-parameter-min-increased", B),
    ("request-parameter-min-items-decreased", I),
    ("request-parameter-min-items-increased", B),
    ("request-parameter-min-items-set", W),
    ("request-parameter-min-length-decreased", I),
    ("request-parameter-min-length-increased", B),
    ("request-parameter-min-set", W),
    ("request-parameter-pattern-added", B),
    ("request-parameter-pattern-changed", W),
    ("request-parameter-pattern-generalized", I),
    ("request-parameter-pattern-removed", I),
    ("request-parameter-property-became-not-nullable", B),
    ("request-parameter-property-became-nullable", I),
    ("request-parameter-property-enum-value-added", I),
    ("request-parameter-property-enum-value-removed", B),
    ("request-parameter-property-list-of-types-narrowed", B),
    ("request-parameter-property-list-of-types-widened", I),
    ("request-parameter-property-type-changed", W),
    ("request-parameter-property-type-generalized", I),
    ("request-parameter-property-type-specialized", B),
    ("request-parameter-type-generalized", I),
    ("request-parameter-x-extensible-enum-value-removed", B),
    ("request-property-became-required-with-default", B),
    ("request-property-const-added", B),
    ("request-property-const-changed", B),
    ("request-property-const-removed", I),
    ("request-property-content-encoding-changed", B),
    ("request-property-content-media-type-changed", B),
    ("request-property-exclusive-max-decreased", B),
    ("request-property-exclusive-max-increased", I),
    ("request-property-exclusive-max-set", W),
    ("request-property-exclusive-min-decreased", I),
    ("request-property-exclusive-min-increased", B),
    ("request-property-exclusive-min-set", W),
    ("request-property-max-decreased", B),
    ("request-property-max-increased", I),
    ("request-property-max-length-decreased", B),
    ("request-property-max-length-increased", I),
    ("request-property-max-length-set", W),
    ("request-property-max-set", W),
    ("request-property-min-decreased", I),
    ("request-property-min-increased", B),
    ("request-property-min-items-increased", B),
    ("request-property-min-items-set", W),
    ("request-property-min-length-decreased", I),
    ("request-property-min-length-increased", B),
    ("request-property-min-set", W),
    ("request-property-pattern-added", B),
    ("request-property-pattern-changed", W),
    ("request-property-pattern-generalized", I),
    ("request-property-pattern-removed", I),
    ("request-property-type-compatible", I),
    ("request-property-type-generalized", I),
    ("request-property-x-extensible-enum-value-removed", B),
    ("request-read-only-property-enum-value-removed", I),
    ("request-read-only-property-exclusive-max-decreased", I),
    ("request-read-only-property-exclusive-min-increased", I),
    ("request-read-only-property-max-decreased", I),
    ("request-read-only-property-max-length-decreased", I),
    ("request-read-only-property-min-increased", I),
    ("request-required-property-became-not-read-only", I),
    ("request-required-property-became-not-write-only", I),
    ("request-required-property-became-read-only", I),
    ("request-required-property-became-write-only", I),
    ("response-body-const-added", I),
    ("response-body-const-changed", B),
    ("response-body-const-removed", B),
    ("response-body-content-encoding-changed", B),
    ("response-body-content-media-type-changed", B),
    ("response-body-exclusive-max-increased", B),
    ("response-body-exclusive-min-decreased", B),
    ("response-body-max-increased", B),
    ("response-body-max-length-increased", B),
    ("response-body-max-length-unset", B),
    ("response-body-min-decreased", B),
    ("response-body-min-items-decreased", B),
    ("response-body-min-items-unset", B),
    ("response-body-min-length-decreased", B),
    ("response-body-type-compatible", I),
    ("response-body-type-generalized", B),
    ("response-body-type-specialized", I),
    ("response-header-type-compatible", I),
    ("response-header-type-generalized", B),
    ("response-header-type-specialized", I),
    ("response-optional-property-became-not-read-only", I),
    ("response-optional-property-became-not-write-only", I),
    ("response-optional-property-became-read-only", I),
    ("response-optional-property-became-write-only", I),
    ("response-optional-write-only-property-added", I),
    ("response-optional-write-only-property-removed", I),
    ("response-property-const-added", I),
    ("response-property-const-changed", B),
    ("response-property-const-removed", B),
    ("response-property-content-encoding-changed", B),
    ("response-property-content-media-type-changed", B),
    ("response-property-exclusive-max-increased", B),
    ("response-property-exclusive-min-decreased", B),
    ("response-property-max-increased", B),
    ("response-property-max-length-increased", B),
    ("response-property-max-length-unset", B),
    ("response-property-min-decreased", B),
    ("response-property-min-items-decreased", B),
    ("response-property-min-items-unset", B),
    ("response-property-min-length-decreased", B),
    ("response-property-pattern-added", I),
    ("response-property-pattern-changed", I),
    ("response-property-pattern-removed", I),
    ("response-property-type-compatible", I),
    ("response-property-type-generalized", B),
    ("response-property-type-specialized", I),
    ("response-required-property-became-not-read-only", I),
    ("response-required-property-became-not-write-only", W),
    ("response-required-property-became-read-only", I),
    ("response-required-property-became-write-only", I),
    ("response-required-write-only-property-added", I),
    ("response-required-write-only-property-removed", I),
    ("response-write-only-property-became-optional", I),
    ("response-write-only-property-became-required", I),
    ("response-write-only-property-enum-value-added", I),
    # specpipe: an untyped schema (any value; 3.0 `nullable: true` with no type) against `type: 'null'`.
    ("request-body-became-null-only", B),
    ("request-body-no-longer-null-only", I),
    ("request-property-became-null-only", B),
    ("request-property-no-longer-null-only", I),
    ("request-parameter-became-null-only", B),
    ("request-parameter-no-longer-null-only", I),
    ("response-body-became-null-only", I),
    ("response-body-no-longer-null-only", B),
    ("response-property-became-null-only", I),
    ("response-property-no-longer-null-only", B),
    ("response-header-became-null-only", I),
    ("response-header-no-longer-null-only", B),
)
ANY_OR_NULL, ONLY_NULL = {"nullable": True}, {"type": "null"}
ASPECTS.update({"became-null-only": (ANY_OR_NULL, ONLY_NULL), "no-longer-null-only": (ONLY_NULL, ANY_OR_NULL)})

# specpipe: constraints oasdiff has no ids for; (level in a request, level in a response), reasoned as
# oasdiff's min/max-items: a request accepting fewer values breaks, a response that may send more breaks.
OBJECT = {"type": "object"}
OWN_CONSTRAINTS: dict[str, tuple[str, str, Doc, Doc]] = {
    "max-properties-set": (W, I, OBJECT, _with(OBJECT, maxProperties=1)),
    "max-properties-unset": (I, B, _with(OBJECT, maxProperties=1), OBJECT),
    "max-properties-increased": (I, B, _with(OBJECT, maxProperties=1), _with(OBJECT, maxProperties=3)),
    "max-properties-decreased": (B, I, _with(OBJECT, maxProperties=3), _with(OBJECT, maxProperties=1)),
    "min-properties-set": (W, I, OBJECT, _with(OBJECT, minProperties=1)),
    "min-properties-unset": (I, B, _with(OBJECT, minProperties=1), OBJECT),
    "min-properties-increased": (B, I, _with(OBJECT, minProperties=1), _with(OBJECT, minProperties=3)),
    "min-properties-decreased": (I, B, _with(OBJECT, minProperties=3), _with(OBJECT, minProperties=1)),
    "multiple-of-set": (B, I, N, _with(N, multipleOf=2)),
    "multiple-of-unset": (I, B, _with(N, multipleOf=2), N),
    "multiple-of-generalized": (I, B, _with(N, multipleOf=4), _with(N, multipleOf=2)),  # 2 divides 4
    "multiple-of-specialized": (B, I, _with(N, multipleOf=2), _with(N, multipleOf=4)),
    "multiple-of-changed": (B, B, _with(N, multipleOf=2), _with(N, multipleOf=3)),  # 3 is valid only after
    "unique-items-added": (B, I, ARRAY, _with(ARRAY, uniqueItems=True)),
    "unique-items-removed": (I, B, _with(ARRAY, uniqueItems=True), ARRAY),
}
ASPECTS.update({aspect: (old, new) for aspect, (_, _, old, new) in OWN_CONSTRAINTS.items()})
EXPECTED += tuple(
    (f"{place}-{aspect}", response_level if place.startswith("response") else request_level)
    for place in ("request-parameter", "request-body", "request-property", "response-body", "response-property")
    for aspect, (request_level, response_level, _, _) in OWN_CONSTRAINTS.items()
)

TABLE_CASES: list[Case] = [Case(rule, *_pair(rule), [(rule, level)]) for rule, level in EXPECTED]

R30 = "3.0.3"
INT32, INT64 = _with(INT, format="int32"), _with(INT, format="int64")
# The same meaning spelled two ways is no change; a real narrowing hidden by the spelling is one.
SEMANTIC_CASES: list[Case] = [
    Case(
        "3.0 nullable with no type (any value or null) to 3.1 type null (only null) is a narrowing",
        request(obj(name={"nullable": True}), openapi=R30),
        request(obj(name={"type": "null"})),
        [("request-property-became-null-only", B)],
    ),
    Case(
        "3.0 nullable string and 3.1 string-or-null mean the same",
        request(obj(name=_with(S, nullable=True)), openapi=R30),
        request(obj(name={"type": ["string", "null"]})),
    ),
    Case("type null and a one-item type list mean the same", request(ONLY_NULL), request({"type": ["null"]})),
    Case(
        "uniqueItems false and no uniqueItems mean the same (3.0 and 3.1)",
        request(obj(name=ARRAY), openapi=R30),
        request(obj(name=_with(ARRAY, uniqueItems=False))),
    ),
    Case(
        "the same multipleOf, minProperties and maxProperties in 3.0 and 3.1 are no change",
        with_param(
            R30, schema=_with(OBJECT, minProperties=1, maxProperties=3, properties={"n": _with(N, multipleOf=2)})
        ),
        with_param(schema=_with(OBJECT, minProperties=1, maxProperties=3, properties={"n": _with(N, multipleOf=2.0)})),
    ),
    Case(
        "multipleOf steps are compared as decimals: 0.3 is a multiple of 0.1 (as floats it is not)",
        response(_with(N, multipleOf=0.1)),
        response(_with(N, multipleOf=0.3)),
        [("response-body-multiple-of-specialized", I)],
    ),
    Case(
        "a read-only request property is not sent, so a multipleOf set on it is no request change",
        request(obj(a=_with(N, readOnly=True))),
        request(obj(a=_with(N, readOnly=True, multipleOf=2))),
    ),
    Case(
        "3.0 exclusive flag and 3.1 exclusive number mean the same",
        with_param(R30, schema=_with(INT, maximum=5, exclusiveMaximum=True)),
        with_param(schema=_with(INT, exclusiveMaximum=5)),
    ),
    Case(
        "3.0 exclusiveMaximum flag turned on sets an exclusive bound",
        request(obj(name=_with(INT, maximum=5)), openapi=R30),
        request(obj(name=_with(INT, maximum=5, exclusiveMaximum=True)), openapi=R30),
        [("request-property-exclusive-max-set", W)],
    ),
    Case(
        "3.0 exclusive bound lowered",
        with_param(R30, schema=_with(INT, maximum=5, exclusiveMaximum=True)),
        with_param(R30, schema=_with(INT, maximum=3, exclusiveMaximum=True)),
        [("request-parameter-exclusive-max-decreased", B)],
    ),
    Case(
        "3.0 exclusiveMinimum flag turned off widens the bound",
        request(_with(INT, minimum=1, exclusiveMinimum=True), openapi=R30),
        request(_with(INT, minimum=1), openapi=R30),
        [("request-body-min-set", W)],
    ),
    Case(
        "type list widened in a request",
        request(S),
        request({"type": ["string", "integer"]}),
        [("request-body-type-generalized", I)],
    ),
    Case(
        "type list narrowed in a request",
        request({"type": ["string", "integer"]}),
        request(S),
        [("request-body-type-changed", B)],
    ),
    Case(
        "type list widened in a response",
        response(obj(name=S)),
        response(obj(name={"type": ["string", "integer"]})),
        [("response-property-type-generalized", B)],
    ),
    Case(
        "format widened in a request",
        request(obj(n=INT32)),
        request(obj(n=INT64)),
        [("request-property-type-generalized", I)],
    ),
    Case(
        "format dropped in a request",
        request(obj(n=INT32)),
        request(obj(n=INT)),
        [("request-property-type-generalized", I)],
    ),
    Case(
        "format widened in a response",
        response(obj(n=INT32)),
        response(obj(n=INT64)),
        [("response-property-type-changed", B)],
    ),
    Case(
        "format narrowed in a response",
        response(obj(n=INT64)),
        response(obj(n=INT32)),
        [("response-property-type-specialized", I)],
    ),
    Case(
        "a +json media type is strongly typed",
        request(INT, media="application/problem+json"),
        request(S, media="application/problem+json"),
        [("request-body-type-changed", B)],
    ),
    Case(
        "a parameter travels as text, so a swap to string is harmless",
        with_param(schema=INT),
        with_param(schema=S),
        [("request-parameter-type-generalized", I)],
    ),
    Case(
        "oneOf of objects is no list of types",
        request({"oneOf": [obj(a=S), obj(b=S)]}),
        request({"oneOf": [obj(a=S), obj(b=S), obj(c=S)]}),
        [("request-body-one-of-added", I)],  # a branch added, not a list of types widened
    ),
    Case(
        "a read-only request property is not sent, so its type change is no request change",
        request(obj(a=_with(S, readOnly=True))),
        request(obj(a=_with(INT, readOnly=True))),
    ),
    Case(
        "a read-only request property keeps the harmless ids without a read-only variant",
        request(obj(a=_with(INT, readOnly=True, maximum=5))),
        request(obj(a=_with(INT, readOnly=True, maximum=9))),
        [("request-property-max-increased", I)],
    ),
    Case(
        "a property added inside a read-only request object is not sent",
        request(obj(a=_with(obj(), readOnly=True))),
        request(obj(a=_with(obj(("b",), b=S), readOnly=True))),
    ),
    Case(
        "a write-only response property is not received, so its type change is no response change",
        response(obj(a=WO)),
        response(obj(a=_with(INT, writeOnly=True))),
    ),
    Case(
        "a required response property that becomes write-only is not removed",
        response(obj(("a", "b"), a=S, b=S)),
        response(obj(("a", "b"), a=S, b=WO)),
        [("response-required-property-became-write-only", I)],
    ),
]

CASES = [*TABLE_CASES, *SEMANTIC_CASES]

ARRAY_OF_INT = {"type": "array", "items": INT}
EXPLODED_CASES = [
    Case(
        "a form/explode query parameter that becomes an array of its values still takes one value",
        with_param(schema=INT),
        with_param(schema=ARRAY_OF_INT),
        [("request-parameter-type-generalized", I)],
    ),
    Case(
        "an array whose items narrow the old values is a type change",
        with_param(schema=INT),
        with_param(schema={"type": "array", "items": _with(INT, maximum=5)}),
        [("request-parameter-type-changed", B)],
    ),
    Case(
        "a path parameter (simple style) that becomes an array is a type change",
        endpoint(op(parameters=[param("id", "path", INT, required=True)]), path="/things/{id}"),
        endpoint(op(parameters=[param("id", "path", ARRAY_OF_INT, required=True)]), path="/things/{id}"),
        [("request-parameter-type-changed", B)],
    ),
    Case(
        "an unexploded query parameter that becomes an array is a type change",
        with_param(schema=INT, explode=False),
        with_param(schema=ARRAY_OF_INT, explode=False),
        [("request-parameter-type-changed", B)],
    ),
]
CASES += EXPLODED_CASES

NULL_CASES = [
    Case(
        "null only to string-or-null is a widening in a request",
        request(obj(name=ONLY_NULL)),
        request(obj(name={"type": ["string", "null"]})),
        [("request-property-type-generalized", I)],
    ),
    Case(
        "null only to string-or-null is a widening in a response",
        response(obj(name=ONLY_NULL)),
        response(obj(name={"type": ["string", "null"]})),
        [("response-property-type-generalized", B)],
    ),
    Case(
        "string-or-null to null only is a narrowing in a request",
        request(obj(name={"type": ["string", "null"]})),
        request(obj(name=ONLY_NULL)),
        [("request-property-type-changed", B)],
    ),
]
CASES += NULL_CASES
