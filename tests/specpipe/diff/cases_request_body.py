"""Pairs for the rules of request bodies and their properties (``rules_request_body``), each naming first the rule it proves."""

from __future__ import annotations

from .builders import (
    S_30_NULLABLE,
    B,
    Case,
    I,
    S,
    W,
    _request_property,
    endpoint,
    obj,
    op,
    patched,
    request,
    schema_cases,
)

CASES: list[Case] = [
    # Request bodies.
    Case(
        "request-body-added-required",
        endpoint(op(), "post"),
        request(S, required=True),
        [("request-body-added-required", B)],
    ),
    Case("request-body-added-optional", endpoint(op(), "post"), request(S), [("request-body-added-optional", I)]),
    Case("request-body-removed", request(S), endpoint(op(), "post"), [("request-body-removed", B)]),
    Case(
        "request-body-became-required",
        request(S),
        request(S, required=True),
        [("request-body-became-required", B)],
    ),
    Case(
        "request-body-became-optional",
        request(S, required=True),
        request(S),
        [("request-body-became-optional", I)],
    ),
    Case(
        "request-body-media-type-added",
        request(S),
        patched(request(S), "paths", "/things", "post", "requestBody", "content", **{"text/plain": {"schema": S}}),
        [("request-body-media-type-added", I)],
    ),
    Case(
        "request-body-media-type-removed",
        request(S),
        request(S, media="text/plain"),
        [("request-body-media-type-added", I), ("request-body-media-type-removed", B)],
    ),
    Case(
        "request-body-media-type-schema-added",
        request(None),
        request(S),
        [("request-body-media-type-schema-added", B)],
    ),
    Case(
        "request-body-media-type-schema-removed",
        request(S),
        request(None),
        [("request-body-media-type-schema-removed", I)],
    ),
    Case(
        "request-body-description-changed",
        request(S, description="x"),
        request(S, description="y"),
        [("request-body-description-changed", I)],
    ),
    *schema_cases(
        "request-body",
        request,
        {
            "type-changed": B,
            "list-of-types-widened": I,
            "list-of-types-narrowed": B,
            "became-nullable": I,
            "became-not-nullable": B,
            "became-enum": B,
            "enum-value-removed": B,
            "default-value-added": I,
            "default-value-removed": I,
            "default-value-changed": I,
        },
    ),
    Case(
        "request body object became an array",
        request(obj(a=S)),
        request({"type": "array", "items": S}),
        [("request-body-type-changed", B)],
    ),
    # Request body properties.
    Case(
        "new-required-request-property",
        request(obj(a=S)),
        request(obj(("b",), a=S, b=S)),
        [("new-required-request-property", B)],
    ),
    Case(
        "new-optional-request-property",
        request(obj(a=S)),
        request(obj(a=S, b=S)),
        [("new-optional-request-property", I)],
    ),
    Case(
        "request-property-removed",
        request(obj(("b",), a=S, b=S)),
        request(obj(a=S)),
        [("request-property-removed", W)],
    ),
    Case(
        "request-property-became-required",
        request(obj(a=S)),
        request(obj(("a",), a=S)),
        [("request-property-became-required", B)],
    ),
    Case(
        "request-property-became-optional",
        request(obj(("a",), a=S)),
        request(obj(a=S)),
        [("request-property-became-optional", I)],
    ),
    Case(
        "nested request property added",
        request(obj(meta=obj(a=S))),
        request(obj(meta=obj(("b",), a=S, b=S))),
        [("new-required-request-property", B)],
    ),
    Case(
        "request property of array items changed",
        request(obj(tags={"type": "array", "items": S})),
        request(obj(tags={"type": "array", "items": {"type": "integer"}})),
        [("request-property-type-changed", B)],
    ),
    Case(
        "readOnly property added is not sent, so no request change",
        request(obj(a=S)),
        request(obj(("id",), a=S, id={"type": "string", "readOnly": True})),
    ),
    Case(
        "request property became nullable in 3.0",
        request(obj(a=S), openapi="3.0.3"),
        request(obj(a=S_30_NULLABLE), openapi="3.0.3"),
        [("request-property-became-nullable", I)],
    ),
    *schema_cases(
        "request-property",
        _request_property,
        {
            "type-changed": B,
            "list-of-types-widened": I,
            "list-of-types-narrowed": B,
            "became-nullable": I,
            "became-not-nullable": B,
            "became-enum": B,
            "enum-value-added": I,
            "enum-value-removed": B,
            "default-value-added": I,
            "default-value-removed": I,
            "default-value-changed": I,
            "description-changed": I,
            "deprecated": I,
            "reactivated": I,
        },
    ),
]
