"""Pairs for the smaller facets (``rules_extras``): OAuth flows, path-level parameters, renamed media
types, header properties, links, callbacks, webhook and callback payloads, OpenAPI 3.2."""

from __future__ import annotations

from typing import Any

from .builders import (
    API_KEY,
    B,
    Case,
    Doc,
    I,
    S,
    W,
    case,
    doc,
    endpoint,
    obj,
    op,
    param,
    request,
    schemes,
)


def oauth(url: str = "https://a/auth", token: str = "https://a/token", **scopes: str) -> Doc:
    flow = {"authorizationUrl": url, "tokenUrl": token, "scopes": scopes}
    return schemes(o={"type": "oauth2", "flows": {"implicit": flow}})


def media(name: str) -> Doc:
    content = {name: {"schema": S}}
    return endpoint(op(responses={"200": {"description": "ok", "content": content}}))


def header_object(schema: Doc) -> Doc:
    return endpoint(op(parameters=[param("X-Filter", "header", schema)]))


def header(fields: Doc) -> Doc:
    """A 200 response with one ``X-Rate`` header."""
    spec = {"X-Rate": {"schema": S, **fields}}
    return endpoint(op(responses={"200": {"description": "ok", "headers": spec}}))


def links(**spec: Doc) -> Doc:
    return endpoint(op(responses={"200": {"description": "ok", "links": spec}}))


def callbacks(**spec: Doc) -> Doc:
    return endpoint(op(callbacks=spec))


def hook(kind: str, schema: Doc | None = S, *, media: Any = ("application/json",), methods: Any = ("post",)) -> Doc:
    """A webhook, or an operation's callback, named ``done`` whose request body (the payload) is ``schema``."""
    content = {name: {"schema": schema} if schema is not None else {} for name in media}
    item = {method: op(requestBody={"content": content}) for method in methods}
    if kind == "webhook":
        return doc(webhooks={"done": item})
    return endpoint(op(callbacks={"done": {"{$request.body#/url}": item}}))


# Payload pairs: (old payload schema, new payload schema, level), the same for webhooks and callbacks.
E = {"type": "string", "enum": ["a"]}
E2 = {"type": "string", "enum": ["a", "b"]}
PAYLOADS: dict[str, tuple[Doc, Doc, str]] = {
    "type-changed": (S, {"type": "integer"}, B),
    "list-of-types-widened": (S, {"anyOf": [S, {"type": "integer"}]}, B),
    "list-of-types-narrowed": ({"anyOf": [S, {"type": "integer"}]}, S, I),
    "became-nullable": (S, {"type": ["string", "null"]}, B),
    "became-not-nullable": ({"type": ["string", "null"]}, S, I),
    "enum-value-added": (E, E2, W),
    "property-type-changed": (obj(a=S), obj(a={"type": "integer"}), B),
    "property-became-nullable": (obj(a=S), obj(a={"type": ["string", "null"]}), B),
    "property-enum-value-added": (obj(a=E), obj(a=E2), W),
    "property-added": (obj(a=S), obj(("b",), a=S, b=S), I),
    "required-property-removed": (obj(("a", "b"), a=S, b=S), obj(("a",), a=S), B),
    "optional-property-removed": (obj(a=S, b=S), obj(a=S), W),
    "property-became-optional": (obj(("a",), a=S), obj(a=S), B),
    "property-became-required": (obj(a=S), obj(("a",), a=S), I),
}
HOOK_SHAPES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "operation-added": ({}, {"methods": ("post", "put")}, I),
    "operation-removed": ({"methods": ("post", "put")}, {}, B),
    "payload-media-type-added": ({}, {"media": ("application/json", "text/csv")}, W),
    "payload-media-type-removed": ({"media": ("application/json", "text/csv")}, {}, I),
    "payload-schema-added": ({"schema": None}, {}, I),
    "payload-schema-removed": ({}, {"schema": None}, W),
}


def hook_cases(kind: str) -> list[Case]:
    cases = [
        case(f"{kind}-payload-{aspect}", hook(kind, old), hook(kind, new), (f"{kind}-payload-{aspect}", level))
        for aspect, (old, new, level) in PAYLOADS.items()
    ]
    cases += [
        case(f"{kind}-{shape}", hook(kind, **old), hook(kind, **new), (f"{kind}-{shape}", level))
        for shape, (old, new, level) in HOOK_SHAPES.items()
    ]
    cases.append(case(f"a {kind} payload enum value removed hurts no receiver", hook(kind, E2), hook(kind, E)))
    return cases


V32: Doc = {
    "openapi": "3.2.0",
    "$self": "https://example.com/openapi.yaml",
    "tags": [{"name": "search", "kind": "nav", "parent": "all"}, {"name": "all"}],
}
CALLBACK = {"{$request.body#/url}": {"post": op()}}


CASES: list[Case] = [
    # OAuth flows.
    case(
        "api-security-component-oauth-url-changed",
        oauth(),
        oauth(url="https://b/auth"),
        ("api-security-component-oauth-url-changed", I),
    ),
    case(
        "api-security-component-oauth-token-url-changed",
        oauth(),
        oauth(token="https://b/token"),
        ("api-security-component-oauth-token-url-changed", I),
    ),
    case(
        "api-security-component-oauth-scope-added",
        oauth(read="r"),
        oauth(read="r", write="w"),
        ("api-security-component-oauth-scope-added", I),
    ),
    case(
        "api-security-component-oauth-scope-removed",
        oauth(read="r", write="w"),
        oauth(read="r"),
        ("api-security-component-oauth-scope-removed", I),
    ),
    case(
        "api-security-component-oauth-scope-changed",
        oauth(read="r"),
        oauth(read="read everything"),
        ("api-security-component-oauth-scope-changed", I),
    ),
    case("an api key scheme has no flows to compare", schemes(k=API_KEY), schemes(k={**API_KEY, "description": "x"})),
    # Parameters declared on the path item.
    case(
        "new-required-request-default-parameter-to-existing-path",
        doc({"/things": {"get": op()}}),
        doc({"/things": {"parameters": [param(required=True)], "get": op()}}),
        ("new-required-request-default-parameter-to-existing-path", B),
    ),
    case(
        "new-optional-request-default-parameter-to-existing-path",
        doc({"/things": {"get": op()}}),
        doc({"/things": {"parameters": [param()], "get": op()}}),
        ("new-optional-request-default-parameter-to-existing-path", I),
    ),
    case(
        "a cookie parameter added as required",
        endpoint(op()),
        endpoint(op(parameters=[param("session", "cookie", required=True)])),
        ("new-required-request-parameter", B),
    ),
    case(
        "a cookie parameter name keeps its case",
        endpoint(op(parameters=[param("Session", "cookie")])),
        endpoint(op(parameters=[param("session", "cookie")])),
        ("new-optional-request-parameter", I),
        ("request-parameter-removed", W),
    ),
    # Object-valued header parameters.
    case(
        "new-required-request-header-property",
        header_object(obj(a=S)),
        header_object(obj(("b",), a=S, b=S)),
        ("new-required-request-header-property", B),
    ),
    case(
        "request-header-property-became-required",
        header_object(obj(a=obj(x=S))),
        header_object(obj(a=obj(("x",), x=S))),
        ("request-header-property-became-required", B),
    ),
    case(
        "a readOnly header property is not sent",
        header_object(obj(a=S)),
        header_object(obj(("b",), a=S, b={"type": "string", "readOnly": True})),
    ),
    # Response media types renamed to a related one.
    case(
        "response-media-type-name-specialized",
        media("application/json"),
        media("application/problem+json"),
        ("response-media-type-name-specialized", I),
    ),
    case(
        "response-media-type-name-generalized",
        media("application/problem+json"),
        media("application/json"),
        ("response-media-type-name-generalized", B),
    ),
    case(
        "response-media-type-name-changed",
        media("application/json; charset=utf-8"),
        media("application/json"),
        ("response-media-type-name-changed", I),
    ),
    case(
        "unrelated media types are removed and added",
        media("application/json"),
        media("text/csv"),
        ("response-media-type-added", I),
        ("response-media-type-removed", B),
    ),
    case("a request media type renamed is the same body", request(S), request(S, media="application/merge-patch+json")),
    # Ours: path parameters, links, callbacks.
    case(
        "request-path-parameter-renamed",
        endpoint(op(parameters=[param("bookId", "path")]), path="/books/{bookId}"),
        endpoint(op(parameters=[param("id", "path", {"type": "integer"})]), path="/books/{id}"),
        ("request-path-parameter-renamed", I),
        ("request-parameter-type-changed", B),
    ),
    *(
        case(rule, header(old), header(new), (rule, I))
        for rule, old, new in (
            ("response-header-became-required", {}, {"required": True}),
            ("response-header-deprecated", {}, {"deprecated": True}),
            ("response-header-reactivated", {"deprecated": True}, {}),
            ("response-header-description-changed", {"description": "x"}, {"description": "y"}),
        )
    ),
    case("response-link-added", links(), links(next={"operationId": "list"}), ("response-link-added", I)),
    case("response-link-removed", links(next={"operationId": "list"}), links(), ("response-link-removed", W)),
    case(
        "response-link-changed",
        links(next={"operationId": "list"}),
        links(next={"operationId": "list", "parameters": {"page": "$response.body#/next"}}),
        ("response-link-changed", I),
    ),
    case(
        "a link's description is documentation",
        links(next={"operationId": "list"}),
        links(next={"operationId": "list", "description": "the next page"}),
    ),
    case("api-callback-added", callbacks(), callbacks(done=CALLBACK), ("api-callback-added", I)),
    case("api-callback-removed", callbacks(done=CALLBACK), callbacks(), ("api-callback-removed", B)),
    *hook_cases("webhook"),
    *hook_cases("callback"),
    # OpenAPI 3.2.
    case(
        "3.2 query method (in a document with $self and nested tags)",
        doc({"/search": {"get": op()}}, **V32),
        doc({"/search": {"get": op(), "query": op()}}, **V32),
        ("endpoint-added", I),
    ),
    case(
        "3.2 additionalOperations",
        doc({"/files": {"get": op(), "additionalOperations": {"COPY": op()}}}, openapi="3.2.0"),
        doc({"/files": {"get": op()}}, openapi="3.2.0"),
        ("api-removed-without-deprecation", B),
    ),
    case(
        "3.2 itemSchema of a stream",
        endpoint(op(responses={"200": {"description": "ok", "content": {"application/jsonl": {"itemSchema": S}}}})),
        endpoint(
            op(
                responses={
                    "200": {"description": "ok", "content": {"application/jsonl": {"itemSchema": {"type": "integer"}}}}
                }
            )
        ),
        ("response-body-type-changed", B),
    ),
]
