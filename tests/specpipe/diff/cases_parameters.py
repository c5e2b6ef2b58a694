"""Pairs for the rules of request parameters (``rules_parameters``), each naming first the rule it proves."""

from __future__ import annotations

from .builders import (
    S_30_NULLABLE,
    B,
    Case,
    I,
    W,
    _parameter_schema,
    doc,
    endpoint,
    op,
    param,
    schema_cases,
    with_param,
)

CASES: list[Case] = [
    # Parameters.
    Case(
        "new-required-request-parameter",
        endpoint(op()),
        endpoint(op(parameters=[param(required=True)])),
        [("new-required-request-parameter", B)],
    ),
    Case(
        "new-optional-request-parameter",
        endpoint(op()),
        endpoint(op(parameters=[param()])),
        [("new-optional-request-parameter", I)],
    ),
    Case(
        "new-request-path-parameter",
        endpoint(op(), path="/things/{id}"),
        endpoint(op(parameters=[param("id", "path")]), path="/things/{id}"),
        [("new-request-path-parameter", B)],
    ),
    Case(
        "request-parameter-removed",
        endpoint(op(parameters=[param()])),
        endpoint(op()),
        [("request-parameter-removed", W)],
    ),
    Case(
        "request-parameter-removed-with-deprecation",
        endpoint(op(parameters=[param(deprecated=True)])),
        endpoint(op()),
        [("request-parameter-removed-with-deprecation", I)],
    ),
    Case(
        "request-parameter-became-required",
        with_param(),
        with_param(required=True),
        [("request-parameter-became-required", B)],
    ),
    Case(
        "request-parameter-became-optional",
        with_param(required=True),
        with_param(),
        [("request-parameter-became-optional", I)],
    ),
    Case(
        "request-parameter-deprecated", with_param(), with_param(deprecated=True), [("request-parameter-deprecated", I)]
    ),
    Case(
        "request-parameter-reactivated",
        with_param(deprecated=True),
        with_param(),
        [("request-parameter-reactivated", I)],
    ),
    Case(
        "request-parameter-description-changed",
        with_param(description="x"),
        with_param(description="y"),
        [("request-parameter-description-changed", I)],
    ),
    Case(
        "request parameter format narrowed is a type change",
        with_param(schema={"type": "string", "format": "date-time"}),
        with_param(schema={"type": "string", "format": "date"}),
        [("request-parameter-type-changed", B)],
    ),
    Case(
        "request parameter became nullable in 3.0",
        with_param("3.0.3"),
        with_param("3.0.3", schema=S_30_NULLABLE),
        [("request-parameter-became-nullable", I)],
    ),
    Case(
        "header parameter names ignore case",
        endpoint(op(parameters=[param("X-Trace", "header")])),
        endpoint(op(parameters=[param("x-trace", "header")])),
    ),
    Case(
        "path-level parameter moved onto the operation is no change",
        doc({"/things": {"parameters": [param()], "get": op()}}),
        doc({"/things": {"get": op(parameters=[param()])}}),
    ),
    *schema_cases(
        "request-parameter",
        _parameter_schema,
        {
            "type-changed": B,
            "list-of-types-widened": I,
            "list-of-types-narrowed": B,
            "became-nullable": I,
            "became-not-nullable": B,
            "became-enum": B,
            "enum-value-added": I,
            "enum-value-removed": B,
            "default-value-added": B,
            "default-value-removed": B,
            "default-value-changed": B,
        },
    ),
]
