"""Pairs for the lifecycle rules (``rules_lifecycle``): sunset dates, stability levels, info.version.

Written from oasdiff's documented meaning (docs/DEPRECATION.md, STABILITY.md, VERSIONING.md) at its
default settings. Every pair is compared on ``TODAY``, so a sunset is past or future for good.
"""

from __future__ import annotations

from typing import Any

from .builders import B, Case, Doc, I, case, deprecated, doc, endpoint, obj, op, param, request

PAST, FUTURE, LATER = "2029-12-31", "2030-06-30", "2031-01-01"


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


PROPERTY_SUNSET = {
    "deprecated-with-sunset": (deprecated(FUTURE), I),
    "deprecated-sunset-invalid": (deprecated("soon"), B),
    "sunset-date-too-small": (deprecated(PAST), B),
}

CASES: list[Case] = [
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
]
