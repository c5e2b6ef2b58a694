"""One pair of small OpenAPI documents per change kind, with the (id, level) list it must produce.

Each case names the rule it proves first; builders keep a pair to the lines that differ. Shared by
the report tests (the pair produces exactly ``expect``) and the rules tests (every rule has a pair).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

Doc = dict[str, Any]
B, W, I = "breaking", "warning", "info"  # noqa: E741 - mirrors ERR/WARN/INFO


@dataclass(frozen=True)
class Case:
    name: str
    old: Doc
    new: Doc
    expect: list[tuple[str, str]] = field(default_factory=list)
    today: date | None = None  # what sunset dates are measured against (lifecycle pairs set it)

    def param(self) -> Any:
        return pytest.param(self, id=self.name)


def doc(paths: Doc | None = None, openapi: str = "3.1.0", **top: Any) -> Doc:
    return {"openapi": openapi, "info": {"title": "pairs", "version": "1"}, "paths": paths or {}, **top}


def op(**fields: Any) -> Doc:
    return {"responses": {"200": {"description": "ok"}}, **fields}


def endpoint(operation: Doc, method: str = "get", path: str = "/things", **top: Any) -> Doc:
    return doc({path: {method: operation}}, **top)


def param(name: str = "q", where: str = "query", schema: Doc | None = None, **fields: Any) -> Doc:
    return {"name": name, "in": where, "schema": schema or {"type": "string"}, **fields}


def with_param(openapi: str = "3.1.0", **fields: Any) -> Doc:
    return endpoint(op(parameters=[param(**fields)]), openapi=openapi)


def obj(required: tuple[str, ...] = (), **properties: Doc) -> Doc:
    schema: Doc = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def request(schema: Doc | None, *, openapi: str = "3.1.0", media: str = "application/json", **body: Any) -> Doc:
    content = {media: {"schema": schema} if schema is not None else {}}
    return endpoint(op(requestBody={"content": content, **body}), "post", openapi=openapi)


def response(schema: Doc | None, *, status: str = "200", openapi: str = "3.1.0", **extra: Any) -> Doc:
    content = {"application/json": {"schema": schema} if schema is not None else {}}
    return endpoint(op(responses={status: {"description": "ok", "content": content, **extra}}), openapi=openapi)


def headers(**spec: Doc) -> Doc:
    return endpoint(op(responses={"200": {"description": "ok", "headers": spec}}))


def schemes(**spec: Doc) -> Doc:
    return doc(components={"securitySchemes": spec})


API_KEY = {"type": "apiKey", "in": "header", "name": "x-api-key"}
S = {"type": "string"}
S_OR_NULL = {"type": ["string", "null"]}
S_30_NULLABLE = {"type": "string", "nullable": True}


def patched(document: Doc, *path: str | int, **update: Any) -> Doc:
    """A deep copy of ``document`` with the object at ``path`` updated."""
    result = copy.deepcopy(document)
    target: Any = result
    for key in path:
        target = target[key]
    target.update(update)
    return result


def schema_cases(prefix: str, wrap: Any, levels: dict[str, str]) -> list[Case]:
    """The same schema-aspect pairs at a body root, a property, or a parameter (``wrap`` places them)."""
    pairs = {
        "type-changed": (S, {"type": "integer"}),
        "list-of-types-widened": (S, {"oneOf": [S, {"type": "integer"}]}),
        "list-of-types-narrowed": ({"anyOf": [S, {"type": "integer"}]}, S),
        "became-nullable": (S, S_OR_NULL),
        "became-not-nullable": (S_OR_NULL, S),
        "became-enum": (S, {"type": "string", "enum": ["a", "b"]}),
        "enum-value-added": ({"type": "string", "enum": ["a"]}, {"type": "string", "enum": ["a", "b"]}),
        "enum-value-removed": ({"type": "string", "enum": ["a", "b"]}, {"type": "string", "enum": ["a"]}),
        "default-value-added": (S, {"type": "string", "default": "a"}),
        "default-value-removed": ({"type": "string", "default": "a"}, S),
        "default-value-changed": ({"type": "string", "default": "a"}, {"type": "string", "default": "b"}),
        "description-changed": ({"type": "string", "description": "x"}, {"type": "string", "description": "y"}),
        "deprecated": (S, {"type": "string", "deprecated": True}),
        "reactivated": ({"type": "string", "deprecated": True}, S),
    }
    cases = []
    for aspect, level in levels.items():
        rule = {("response-body", "enum-value-removed"): "response-mediatype-enum-value-removed"}.get(
            (prefix, aspect), f"{prefix}-{aspect}"
        )
        old, new = pairs[aspect]
        cases.append(Case(rule, wrap(old), wrap(new), [(rule, level)]))
    return cases


def _request_property(schema: Doc) -> Doc:
    return request(obj(name=schema))


def _response_property(schema: Doc) -> Doc:
    return response(obj(name=schema))


def _parameter_schema(schema: Doc) -> Doc:
    return with_param(schema=schema)


CASES: list[Case] = [
    # Document.
    Case("api-server-added", doc(servers=[]), doc(servers=[{"url": "https://b"}]), [("api-server-added", I)]),
    Case("api-server-removed", doc(servers=[{"url": "https://a"}]), doc(), [("api-server-removed", W)]),
    Case(
        "server url changed is removed and added",
        doc(servers=[{"url": "https://a"}]),
        doc(servers=[{"url": "https://b"}]),
        [("api-default-server-changed", B), ("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "api-default-server-changed: https to http on the same host",
        doc(servers=[{"url": "https://api.example.com/v1"}]),
        doc(servers=[{"url": "http://api.example.com/v1"}]),
        [("api-default-server-changed", B), ("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "api-default-server-changed: another host made first, the old one still listed",
        doc(servers=[{"url": "https://api.example.com"}, {"url": "https://other.example.net"}]),
        doc(servers=[{"url": "https://other.example.net"}, {"url": "https://api.example.com"}]),
        [("api-default-server-changed", B)],
    ),
    Case(
        "default server: a new path or letter case on the same scheme and host is no move",
        doc(servers=[{"url": "https://api.example.com/v1"}]),
        doc(servers=[{"url": "HTTPS://API.example.com/v2"}]),
        [("api-server-added", I), ("api-server-removed", W)],
    ),
    Case(
        "default server: a change of the second server only",
        doc(servers=[{"url": "https://a"}, {"url": "https://b"}]),
        doc(servers=[{"url": "https://a"}, {"url": "http://c"}]),
        [("api-server-added", I), ("api-server-removed", W)],
    ),
    Case("webhook-added", doc(), doc(webhooks={"done": {"post": op()}}), [("webhook-added", I)]),
    Case("webhook-removed", doc(webhooks={"done": {"post": op()}}), doc(), [("webhook-removed", B)]),
    Case(
        "api-schema-removed",
        doc(components={"schemas": {"Gone": S, "Kept": S}}),
        doc(components={"schemas": {"Kept": S}}),
        [("api-schema-removed", I)],
    ),
    # Security schemes.
    Case("api-security-component-added", schemes(), schemes(k=API_KEY), [("api-security-component-added", I)]),
    Case("api-security-component-removed", schemes(k=API_KEY), schemes(), [("api-security-component-removed", I)]),
    Case(
        "api-security-component-type-changed",
        schemes(k=API_KEY),
        schemes(k={"type": "http", "scheme": "bearer"}),
        [("api-security-component-type-changed", I)],
    ),
    Case(
        "api-security-component-apikey-name-changed",
        schemes(k=API_KEY),
        schemes(k={**API_KEY, "name": "x-heygen-key"}),
        [("api-security-component-apikey-name-changed", B)],
    ),
    Case("api key header name changes only case", schemes(k=API_KEY), schemes(k={**API_KEY, "name": "X-API-Key"})),
    Case(
        "api key query name changes case",
        schemes(k={**API_KEY, "in": "query", "name": "key"}),
        schemes(k={**API_KEY, "in": "query", "name": "Key"}),
        [("api-security-component-apikey-name-changed", B)],
    ),
    Case(
        "api-security-component-apikey-location-changed",
        schemes(k=API_KEY),
        schemes(k={**API_KEY, "in": "query"}),
        [("api-security-component-apikey-location-changed", B)],
    ),
    Case(
        "api-security-component-http-scheme-changed",
        schemes(h={"type": "http", "scheme": "bearer"}),
        schemes(h={"type": "http", "scheme": "basic"}),
        [("api-security-component-http-scheme-changed", B)],
    ),
    Case(
        "http scheme changes only case",
        schemes(h={"type": "http", "scheme": "bearer"}),
        schemes(h={"type": "http", "scheme": "Bearer"}),
    ),
    # Security requirements.
    Case("api-global-security-added", doc(), doc(security=[{"k": []}]), [("api-global-security-added", I)]),
    Case("api-global-security-removed", doc(security=[{"k": []}]), doc(), [("api-global-security-removed", I)]),
    Case(
        "api-global-security-scope-added",
        doc(security=[{"o": ["read"]}]),
        doc(security=[{"o": ["read", "write"]}]),
        [("api-global-security-scope-added", I)],
    ),
    Case(
        "api-global-security-scope-removed",
        doc(security=[{"o": ["read", "write"]}]),
        doc(security=[{"o": ["read"]}]),
        [("api-global-security-scope-removed", I)],
    ),
    Case(
        "api-security-added",
        endpoint(op(security=[{"k": []}])),
        endpoint(op(security=[{"k": []}, {"o": ["read"]}])),
        [("api-security-added", I)],
    ),
    Case(
        "api-security-removed",
        endpoint(op(security=[{"k": []}])),
        endpoint(op(security=[])),
        [("api-security-removed", I)],
    ),
    Case(
        "api-security-scope-added",
        endpoint(op(security=[{"o": []}])),
        endpoint(op(security=[{"o": ["read"]}])),
        [("api-security-scope-added", I)],
    ),
    Case(
        "api-security-scope-removed",
        endpoint(op(security=[{"o": ["read"]}])),
        endpoint(op(security=[{"o": []}])),
        [("api-security-scope-removed", I)],
    ),
    Case(
        "inherited requirement change is reported once, globally",
        endpoint(op(), security=[{"k": []}]),
        endpoint(op(), security=[{"o": []}]),
        [("api-global-security-added", I), ("api-global-security-removed", I)],
    ),
    Case(
        "operation stating the inherited requirement is no change",
        endpoint(op(), security=[{"k": []}]),
        endpoint(op(security=[{"k": []}]), security=[{"k": []}]),
    ),
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
    # Responses.
    Case(
        "response-success-status-added",
        endpoint(op(responses={"default": {"description": "x"}})),
        endpoint(op(responses={"default": {"description": "x"}, "201": {"description": "x"}})),
        [("response-success-status-added", I)],
    ),
    Case(
        "response-success-status-removed",
        endpoint(op(responses={"200": {"description": "x"}, "201": {"description": "x"}})),
        endpoint(op(responses={"200": {"description": "x"}})),
        [("response-success-status-removed", B)],
    ),
    Case(
        "response-non-success-status-added",
        endpoint(op()),
        patched(endpoint(op()), "paths", "/things", "get", "responses", **{"404": {"description": "x"}}),
        [("response-non-success-status-added", I)],
    ),
    Case(
        "response-non-success-status-removed",
        patched(endpoint(op()), "paths", "/things", "get", "responses", **{"404": {"description": "x"}}),
        endpoint(op()),
        [("response-non-success-status-removed", I)],
    ),
    Case(
        "response-description-changed",
        response(S),
        patched(response(S), "paths", "/things", "get", "responses", "200", description="changed"),
        [("response-description-changed", I)],
    ),
    Case(
        "response-media-type-added",
        response(S),
        patched(response(S), "paths", "/things", "get", "responses", "200", "content", **{"text/csv": {"schema": S}}),
        [("response-media-type-added", I)],
    ),
    Case(
        "response-media-type-removed",
        patched(response(S), "paths", "/things", "get", "responses", "200", "content", **{"text/csv": {"schema": S}}),
        response(S),
        [("response-media-type-removed", B)],
    ),
    Case(
        "response-body-media-type-schema-added",
        response(None),
        response(S),
        [("response-body-media-type-schema-added", I)],
    ),
    Case(
        "response-body-media-type-schema-removed",
        response(S),
        response(None),
        [("response-body-media-type-schema-removed", W)],
    ),
    Case("response-header-added", headers(), headers(**{"X-Rate": {"schema": S}}), [("response-header-added", I)]),
    Case(
        "required-response-header-removed",
        headers(**{"X-Rate": {"schema": S, "required": True}}),
        headers(),
        [("required-response-header-removed", B)],
    ),
    Case(
        "optional-response-header-removed",
        headers(**{"X-Rate": {"schema": S}}),
        headers(),
        [("optional-response-header-removed", W)],
    ),
    Case(
        "response-header-became-optional",
        headers(**{"X-Rate": {"schema": S, "required": True}}),
        headers(**{"X-Rate": {"schema": S}}),
        [("response-header-became-optional", B)],
    ),
    Case(
        "response-header-type-changed",
        headers(**{"X-Rate": {"schema": {"type": "integer"}}}),
        headers(**{"X-Rate": {"schema": S}}),
        [("response-header-type-changed", B)],
    ),
    Case(
        "response-header-became-nullable",
        headers(**{"X-Rate": {"schema": S}}),
        headers(**{"x-rate": {"schema": S_OR_NULL}}),
        [("response-header-became-nullable", B)],
    ),
    Case(
        "response-header-became-not-nullable",
        headers(**{"X-Rate": {"schema": S_OR_NULL}}),
        headers(**{"X-Rate": {"schema": S}}),
        [("response-header-became-not-nullable", I)],
    ),
    *schema_cases(
        "response-body",
        response,
        {
            "type-changed": B,
            "list-of-types-widened": B,
            "list-of-types-narrowed": I,
            "became-nullable": B,
            "became-not-nullable": I,
            "enum-value-removed": I,
            "default-value-added": I,
            "default-value-removed": I,
            "default-value-changed": I,
            "description-changed": I,
        },
    ),
    # Response body properties.
    Case(
        "response-required-property-added",
        response(obj(a=S)),
        response(obj(("b",), a=S, b=S)),
        [("response-required-property-added", I)],
    ),
    Case(
        "response-optional-property-added",
        response(obj(a=S)),
        response(obj(a=S, b=S)),
        [("response-optional-property-added", I)],
    ),
    Case(
        "response-required-property-removed",
        response(obj(("a", "b"), a=S, b=S)),
        response(obj(("a",), a=S)),
        [("response-required-property-removed", B)],
    ),
    Case(
        "response-optional-property-removed",
        response(obj(a=S, b=S)),
        response(obj(a=S)),
        [("response-optional-property-removed", W)],
    ),
    Case(
        "response-property-became-required",
        response(obj(a=S)),
        response(obj(("a",), a=S)),
        [("response-property-became-required", I)],
    ),
    Case(
        "response-property-became-optional",
        response(obj(("a",), a=S)),
        response(obj(a=S)),
        [("response-property-became-optional", B)],
    ),
    Case(
        "response property string became array",
        response(obj(ids=S)),
        response(obj(ids={"type": "array", "items": S})),
        [("response-property-type-changed", B)],
    ),
    Case(
        "response property became nullable in 3.0",
        response(obj(a=S), openapi="3.0.3"),
        response(obj(a=S_30_NULLABLE), openapi="3.0.3"),
        [("response-property-became-nullable", B)],
    ),
    Case(
        "response property became nullable through anyOf null",
        response(obj(a=S)),
        response(obj(a={"anyOf": [S, {"type": "null"}]})),
        [("response-property-became-nullable", B)],
    ),
    Case(
        "response property became not nullable in 3.0",
        response(obj(a=S_30_NULLABLE), openapi="3.0.3"),
        response(obj(a=S), openapi="3.0.3"),
        [("response-property-became-not-nullable", I)],
    ),
    Case(
        "writeOnly property removed is no removed response field",
        response(obj(a=S, secret={"type": "string", "writeOnly": True})),
        response(obj(a=S)),
        [("response-optional-write-only-property-removed", I)],
    ),
    Case(
        "allOf merged properties are compared",
        response({"allOf": [obj(a=S), obj(b=S)]}),
        response({"allOf": [obj(a=S), obj(b={"type": "integer"})]}),
        [("response-property-type-changed", B)],
    ),
    *schema_cases(
        "response-property",
        _response_property,
        {
            "type-changed": B,
            "list-of-types-widened": B,
            "list-of-types-narrowed": I,
            "became-nullable": B,
            "became-not-nullable": I,
            "enum-value-added": W,
            "enum-value-removed": I,
            "default-value-added": I,
            "default-value-removed": I,
            "default-value-changed": I,
            "description-changed": I,
            "deprecated": I,
            "reactivated": I,
        },
    ),
]

# Schema structure (composition, discriminator, 2020-12 keywords) lives in its own table, built with the helpers above.
from .cases_structure import STRUCTURE_CASES  # noqa: E402

CASES += STRUCTURE_CASES
