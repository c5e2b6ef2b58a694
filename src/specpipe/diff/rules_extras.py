"""Rows of the rules table for OAuth flows, path-level parameters, renamed media types, header parameter
properties (oasdiff's ids and levels), and our own: renamed path parameters, response links, callbacks."""

from __future__ import annotations

from specpipe.diff.findings import Level

# (id, level, message template, origin): rules.py makes them ``Rule``\ s (importing it here would be circular).
Row = tuple[str, Level, str, str]
OASDIFF, OURS = "oasdiff", "specpipe"
ERR, WARN, INFO = Level.BREAKING, Level.WARNING, Level.INFO
_SCHEME = "security scheme `{name}` ({flow})"

EXTRA_RULES: tuple[Row, ...] = (
    # OAuth flows of a security scheme.
    ("api-security-component-oauth-url-changed", INFO, _SCHEME + ": authorization URL {old} → {new}", OASDIFF),
    ("api-security-component-oauth-token-url-changed", INFO, _SCHEME + ": token URL {old} → {new}", OASDIFF),
    ("api-security-component-oauth-scope-added", INFO, _SCHEME + ": scope {scope} added", OASDIFF),
    ("api-security-component-oauth-scope-removed", INFO, _SCHEME + ": scope {scope} removed", OASDIFF),
    ("api-security-component-oauth-scope-changed", INFO, _SCHEME + ": scope {scope} description changed", OASDIFF),
    # Parameters declared on a path item that already had operations.
    (
        "new-required-request-default-parameter-to-existing-path",
        ERR,
        "{subject} added to the path as required",
        OASDIFF,
    ),
    (
        "new-optional-request-default-parameter-to-existing-path",
        INFO,
        "{subject} added to the path as optional",
        OASDIFF,
    ),
    # Properties of an object-valued header parameter.
    # A response media type renamed to a related one.
    ("response-media-type-name-changed", INFO, "{subject}: media type changed from {old} to {new}", OASDIFF),
    ("response-media-type-name-generalized", ERR, "{subject}: media type generalized from {old} to {new}", OASDIFF),
    ("response-media-type-name-specialized", INFO, "{subject}: media type specialized from {old} to {new}", OASDIFF),
    # Ours.
    ("request-path-parameter-renamed", INFO, "{subject} renamed from {old} (same place in the path)", OURS),
    ("response-header-became-required", INFO, "{subject} became required", OURS),
    ("response-header-deprecated", INFO, "{subject} deprecated", OURS),
    ("response-header-reactivated", INFO, "{subject} no longer deprecated", OURS),
    ("response-header-description-changed", INFO, "{subject}: description changed", OURS),
    ("response-link-added", INFO, "{subject} added", OURS),
    ("response-link-removed", WARN, "{subject} removed", OURS),
    ("response-link-changed", INFO, "{subject} changed", OURS),
    ("api-callback-added", INFO, "callback {name} added", OURS),
    ("api-callback-removed", ERR, "callback {name} removed", OURS),
)


def _hook_rows(hook: str) -> tuple[Row, ...]:
    """A webhook's or callback's operations, and its payload read as the client receives it."""
    payload = f"{hook}-payload"
    return (
        (f"{hook}-operation-added", INFO, "{subject} added", OURS),
        (f"{hook}-operation-removed", ERR, "{subject} removed", OURS),
        (f"{payload}-media-type-added", WARN, "{subject}: media type {media} added (receivers must read it)", OURS),
        (f"{payload}-media-type-removed", INFO, "{subject}: media type {media} no longer sent", OURS),
        (f"{payload}-schema-added", INFO, "{subject}: schema added", OURS),
        (f"{payload}-schema-removed", WARN, "{subject}: schema removed", OURS),
        (f"{payload}-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
        (f"{payload}-list-of-types-widened", ERR, "{subject}: types widened from {old} to {new}", OURS),
        (f"{payload}-list-of-types-narrowed", INFO, "{subject}: types narrowed from {old} to {new}", OURS),
        (f"{payload}-became-nullable", ERR, "{subject} became nullable", OURS),
        (f"{payload}-became-not-nullable", INFO, "{subject} is no longer nullable", OURS),
        (f"{payload}-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
        (f"{payload}-property-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
        (f"{payload}-property-became-nullable", ERR, "{subject} became nullable", OURS),
        (f"{payload}-property-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
        (f"{payload}-property-added", INFO, "{subject} added", OURS),
        (f"{payload}-required-property-removed", ERR, "{subject} removed (it was required)", OURS),
        (f"{payload}-optional-property-removed", WARN, "{subject} removed (it was optional)", OURS),
        (f"{payload}-property-became-optional", ERR, "{subject} became optional", OURS),
        (f"{payload}-property-became-required", INFO, "{subject} became required", OURS),
    )


HOOK_RULES: tuple[Row, ...] = (*_hook_rows("webhook"), *_hook_rows("callback"))
