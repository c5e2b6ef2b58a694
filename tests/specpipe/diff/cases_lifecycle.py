"""Pairs for the lifecycle rules (sunset dates, stability levels, info.version) and the smaller facets
(OAuth flows, path-level parameters, renamed media types, header properties, links, callbacks, 3.2).

Written from oasdiff's documented meaning (docs/DEPRECATION.md, STABILITY.md, VERSIONING.md) at its
default settings. Every pair is compared on ``TODAY``, so a sunset is past or future for good.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .cases import API_KEY, B, Case, Doc, I, S, W, doc, endpoint, obj, op, param, request, schemes

TODAY = date(2030, 1, 15)
PAST, FUTURE, LATER = "2029-12-31", "2030-06-30", "2031-01-01"


def case(name: str, old: Doc, new: Doc, *expect: tuple[str, str]) -> Case:
    return Case(name, old, new, list(expect), today=TODAY)


def deprecated(sunset: Any = None, **fields: Any) -> Doc:
    """An operation (or parameter fields) marked deprecated, with ``x-sunset`` when given."""
    return {"deprecated": True, **({"x-sunset": sunset} if sunset is not None else {}), **fields}


def sunset_param(**fields: Any) -> Doc:
    return endpoint(op(parameters=[param(**fields)]))


def both(**operations: Doc) -> Doc:
    """``GET /things`` kept, and the given operations beside it (so removing one keeps the path)."""
    return doc({"/things": {"get": op(), **operations}})


def stable(level: str | None) -> Doc:
    return endpoint(op(**({"x-stability-level": level} if level else {})))


def prop(direction: str, **schema: Any) -> Doc:
    """A body with one property ``name`` (a request body, or a 200 response body)."""
    body = obj(name={"type": "string", **schema})
    if direction == "request":
        return request(body)
    content = {"application/json": {"schema": body}}
    return endpoint(op(responses={"200": {"description": "ok", "content": content}}))


def versioned(version: str, *, kept: bool) -> Doc:
    """A document at ``info.version``; without ``kept`` its only path is gone (a breaking change)."""
    return doc({"/things": {"get": op()}} if kept else {}, info={"title": "pairs", "version": version})


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
PROPERTY_SUNSET = {
    "deprecated-with-sunset": (deprecated(FUTURE), I),
    "deprecated-sunset-invalid": (deprecated("soon"), B),
    "sunset-date-too-small": (deprecated(PAST), B),
}

LIFECYCLE_CASES: list[Case] = [
    # Endpoints deprecated with a sunset date.
    case(
        "endpoint-deprecated-with-sunset",
        endpoint(op()),
        endpoint(op(**deprecated(FUTURE))),
        ("endpoint-deprecated-with-sunset", I),
    ),
    case(
        "api-deprecated-sunset-parse",
        endpoint(op()),
        endpoint(op(**deprecated("next spring"))),
        ("api-deprecated-sunset-parse", B),
    ),
    case(
        "api-sunset-date-too-small",
        endpoint(op()),
        endpoint(op(**deprecated(PAST))),
        ("api-sunset-date-too-small", B),
    ),
    case(
        "sunset as an RFC 3339 date-time",
        endpoint(op()),
        endpoint(op(**deprecated(f"{FUTURE}T12:00:00Z"))),
        ("endpoint-deprecated-with-sunset", I),
    ),
    case("sunset-deleted", endpoint(op(**deprecated(FUTURE))), endpoint(op(**deprecated())), ("sunset-deleted", B)),
    case(
        "api-sunset-date-changed-too-small",
        endpoint(op(**deprecated(FUTURE))),
        endpoint(op(**deprecated(PAST))),
        ("api-sunset-date-changed-too-small", B),
    ),
    case("sunset moved later is no change", endpoint(op(**deprecated(FUTURE))), endpoint(op(**deprecated(LATER)))),
    # Removal against the sunset date.
    case(
        "api-path-removed-before-sunset",
        endpoint(op(**deprecated(FUTURE))),
        doc(),
        ("api-path-removed-before-sunset", B),
    ),
    case(
        "api-removed-before-sunset",
        both(post=op(**deprecated(FUTURE))),
        both(),
        ("api-removed-before-sunset", B),
    ),
    case("api-path-sunset-parse", endpoint(op(**deprecated("soon"))), doc(), ("api-path-sunset-parse", B)),
    case("removed after its sunset is no change", endpoint(op(**deprecated(PAST))), doc()),
    # Stability levels.
    case("api-stability-decreased", stable("stable"), stable("beta"), ("api-stability-decreased", B)),
    case("api-stability-increased", stable("beta"), stable(None), ("api-stability-increased", I)),
    case("draft to stable is not reported (draft is below the threshold)", stable("draft"), stable("stable")),
    case(
        "api-invalid-stability-level",
        stable("beta"),
        stable("experimental"),
        ("api-invalid-stability-level", B),
    ),
    case(
        "an alpha endpoint is exempt from breaking-change checks",
        endpoint(op(**{"x-stability-level": "alpha"})),
        endpoint(op(parameters=[param(required=True)], **{"x-stability-level": "alpha"})),
    ),
    case(
        "a beta endpoint is checked",
        endpoint(op(**{"x-stability-level": "beta"})),
        endpoint(op(parameters=[param(required=True)], **{"x-stability-level": "beta"})),
        ("new-required-request-parameter", B),
    ),
    case("a removed draft endpoint is no change", endpoint(op(**{"x-stability-level": "draft"})), doc()),
    *(
        case(
            f"{direction}-property-stability-{moved}",
            prop(direction, **{"x-stability-level": old}),
            prop(direction, **{"x-stability-level": new}),
            (f"{direction}-property-stability-{moved}", level),
        )
        for direction in ("request", "response")
        for moved, old, new, level in (("decreased", "stable", "alpha", B), ("increased", "beta", "stable", I))
    ),
    case(
        "invalid property stability level",
        prop("response", **{"x-stability-level": "beta"}),
        prop("response", **{"x-stability-level": "gamma"}),
        ("api-invalid-stability-level", B),
    ),
    # Parameters.
    case(
        "parameter deprecated with a future sunset",
        sunset_param(),
        sunset_param(**deprecated(FUTURE)),
        ("request-parameter-deprecated", I),
    ),
    case(
        "request-parameter-sunset-parse",
        sunset_param(),
        sunset_param(**deprecated("2030-13-45")),
        ("request-parameter-sunset-parse", B),
    ),
    case(
        "request-parameter-sunset-date-too-small",
        sunset_param(),
        sunset_param(**deprecated(PAST)),
        ("request-parameter-sunset-date-too-small", B),
    ),
    case(
        "request-parameter-removed-before-sunset",
        sunset_param(**deprecated(FUTURE)),
        endpoint(op()),
        ("request-parameter-removed-before-sunset", B),
    ),
    case("parameter removed after its sunset is no change", sunset_param(**deprecated(PAST)), endpoint(op())),
    case(
        "request-parameter-sunset-deleted",
        sunset_param(**deprecated(FUTURE)),
        sunset_param(**deprecated()),
        ("request-parameter-sunset-deleted", B),
    ),
    case(
        "request-parameter-sunset-date-changed-too-small",
        sunset_param(**deprecated(FUTURE)),
        sunset_param(**deprecated(PAST)),
        ("request-parameter-sunset-date-changed-too-small", B),
    ),
    # Properties deprecated with a sunset date.
    *(
        case(
            f"{direction}-property-{aspect}",
            prop(direction),
            prop(direction, **fields),
            (f"{direction}-property-{aspect}", level),
        )
        for direction in ("request", "response")
        for aspect, (fields, level) in PROPERTY_SUNSET.items()
    ),
    # info.version against a breaking change.
    case(
        "api-version-not-bumped",
        versioned("1.2.3", kept=True),
        versioned("1.2.3", kept=False),
        ("api-path-removed-without-deprecation", B),
        ("api-version-not-bumped", I),
    ),
    case(
        "api-version-decreased",
        versioned("2.0.0", kept=True),
        versioned("1.9.0", kept=False),
        ("api-path-removed-without-deprecation", B),
        ("api-version-decreased", I),
    ),
    case(
        "api-major-version-not-bumped",
        versioned("v1.2.3", kept=True),
        versioned("v1.3.0", kept=False),
        ("api-path-removed-without-deprecation", B),
        ("api-major-version-not-bumped", I),
    ),
    case(
        "below 1.0.0 a minor bump carries a breaking change",
        versioned("0.1.0", kept=True),
        versioned("0.2.0", kept=False),
        ("api-path-removed-without-deprecation", B),
    ),
    case(
        "a version that is not semver is not judged",
        versioned("2026-01-01", kept=True),
        versioned("2026-01-01", kept=False),
        ("api-path-removed-without-deprecation", B),
    ),
    case(
        "without a breaking change the version is not judged",
        versioned("1.0.0", kept=False),
        versioned("1.0.0", kept=True),
        ("endpoint-added", I),
    ),
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
