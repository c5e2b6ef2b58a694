"""Pairs for the rules of endpoints: added, removed, deprecated, operation ids, tags, summaries (``rules_paths``), each naming first the rule it proves."""

from __future__ import annotations

from .builders import B, Case, I, doc, endpoint, op, param

CASES: list[Case] = [
    # Endpoints.
    Case("endpoint-added", doc(), endpoint(op()), [("endpoint-added", I)]),
    Case(
        "api-path-removed-without-deprecation",
        endpoint(op()),
        doc(),
        [("api-path-removed-without-deprecation", B)],
    ),
    Case(
        "api-path-removed-with-deprecation",
        endpoint(op(deprecated=True)),
        doc(),
        [("api-path-removed-with-deprecation", I)],
    ),
    Case(
        "api-removed-without-deprecation",
        doc({"/things": {"get": op(), "post": op()}}),
        doc({"/things": {"get": op()}}),
        [("api-removed-without-deprecation", B)],
    ),
    Case(
        "api-removed-with-deprecation",
        doc({"/things": {"get": op(), "post": op(deprecated=True)}}),
        doc({"/things": {"get": op()}}),
        [("api-removed-with-deprecation", I)],
    ),
    Case("endpoint-deprecated", endpoint(op()), endpoint(op(deprecated=True)), [("endpoint-deprecated", I)]),
    Case("endpoint-reactivated", endpoint(op(deprecated=True)), endpoint(op()), [("endpoint-reactivated", I)]),
    Case(
        "api-operation-id-added",
        endpoint(op()),
        endpoint(op(operationId="list")),
        [("api-operation-id-added", I)],
    ),
    Case(
        "api-operation-id-removed",
        endpoint(op(operationId="list")),
        endpoint(op(operationId="list-things")),
        [("api-operation-id-removed", I)],
    ),
    Case("api-tag-added", endpoint(op(tags=["a"])), endpoint(op(tags=["a", "b"])), [("api-tag-added", I)]),
    Case("api-tag-removed", endpoint(op(tags=["a", "b"])), endpoint(op(tags=["b"])), [("api-tag-removed", I)]),
    Case(
        "api-operation-summary-changed",
        endpoint(op(summary="List")),
        endpoint(op(summary="List things")),
        [("api-operation-summary-changed", I)],
    ),
    Case(
        "api-operation-description-changed",
        endpoint(op(description="x")),
        endpoint(op(description="y")),
        [("api-operation-description-changed", I)],
    ),
    Case(
        "renamed path template parameter keeps the endpoint",
        endpoint(op(parameters=[param("id", "path")]), path="/things/{id}"),
        endpoint(op(parameters=[param("thing_id", "path")]), path="/things/{thing_id}"),
        [("request-path-parameter-renamed", I)],
    ),
]
