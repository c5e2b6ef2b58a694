"""Rows of the rules table for OAuth flows, path-level parameters, renamed media types, header parameter
properties (oasdiff's ids and levels), and our own: renamed path parameters, response links, callbacks; and a webhook's or a
callback's operations and payload, read as the client receives them."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, WARN, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # (id, level, message template, origin): rules.py makes them ``Rule``\ s (importing it here would be circular).
    # OAuth flows of a security scheme.
    Rule(
        "api-security-component-oauth-url-changed",
        INFO,
        "security scheme `{name}` ({flow}): authorization URL {old} → {new}",
    ),
    Rule(
        "api-security-component-oauth-token-url-changed",
        INFO,
        "security scheme `{name}` ({flow}): token URL {old} → {new}",
    ),
    Rule("api-security-component-oauth-scope-added", INFO, "security scheme `{name}` ({flow}): scope {scope} added"),
    Rule(
        "api-security-component-oauth-scope-removed", INFO, "security scheme `{name}` ({flow}): scope {scope} removed"
    ),
    Rule(
        "api-security-component-oauth-scope-changed",
        INFO,
        "security scheme `{name}` ({flow}): scope {scope} description changed",
    ),
    # Parameters declared on a path item that already had operations.
    Rule("new-required-request-default-parameter-to-existing-path", ERR, "{subject} added to the path as required"),
    Rule("new-optional-request-default-parameter-to-existing-path", INFO, "{subject} added to the path as optional"),
    # Properties of an object-valued header parameter.
    # A response media type renamed to a related one.
    Rule("response-media-type-name-changed", INFO, "{subject}: media type changed from {old} to {new}"),
    Rule("response-media-type-name-generalized", ERR, "{subject}: media type generalized from {old} to {new}"),
    Rule("response-media-type-name-specialized", INFO, "{subject}: media type specialized from {old} to {new}"),
    # Ours.
    Rule("request-path-parameter-renamed", INFO, "{subject} renamed from {old} (same place in the path)", OURS),
    Rule("response-header-became-required", INFO, "{subject} became required", OURS),
    Rule("response-header-deprecated", INFO, "{subject} deprecated", OURS),
    Rule("response-header-reactivated", INFO, "{subject} no longer deprecated", OURS),
    Rule("response-header-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("response-link-added", INFO, "{subject} added", OURS),
    Rule("response-link-removed", WARN, "{subject} removed", OURS),
    Rule("response-link-changed", INFO, "{subject} changed", OURS),
    Rule("api-callback-added", INFO, "callback {name} added", OURS),
    Rule("api-callback-removed", ERR, "callback {name} removed", OURS),
    # A webhook's operations, and its payload read as the client receives it.
    Rule("webhook-operation-added", INFO, "{subject} added", OURS),
    Rule("webhook-operation-removed", ERR, "{subject} removed", OURS),
    Rule(
        "webhook-payload-media-type-added", WARN, "{subject}: media type {media} added (receivers must read it)", OURS
    ),
    Rule("webhook-payload-media-type-removed", INFO, "{subject}: media type {media} no longer sent", OURS),
    Rule("webhook-payload-schema-added", INFO, "{subject}: schema added", OURS),
    Rule("webhook-payload-schema-removed", WARN, "{subject}: schema removed", OURS),
    Rule("webhook-payload-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
    Rule("webhook-payload-list-of-types-widened", ERR, "{subject}: types widened from {old} to {new}", OURS),
    Rule("webhook-payload-list-of-types-narrowed", INFO, "{subject}: types narrowed from {old} to {new}", OURS),
    Rule("webhook-payload-became-nullable", ERR, "{subject} became nullable", OURS),
    Rule("webhook-payload-became-not-nullable", INFO, "{subject} is no longer nullable", OURS),
    Rule("webhook-payload-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
    Rule("webhook-payload-property-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
    Rule("webhook-payload-property-became-nullable", ERR, "{subject} became nullable", OURS),
    Rule("webhook-payload-property-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
    Rule("webhook-payload-property-added", INFO, "{subject} added", OURS),
    Rule("webhook-payload-required-property-removed", ERR, "{subject} removed (it was required)", OURS),
    Rule("webhook-payload-optional-property-removed", WARN, "{subject} removed (it was optional)", OURS),
    Rule("webhook-payload-property-became-optional", ERR, "{subject} became optional", OURS),
    Rule("webhook-payload-property-became-required", INFO, "{subject} became required", OURS),
    # A callback's operations, and its payload read as the client receives it.
    Rule("callback-operation-added", INFO, "{subject} added", OURS),
    Rule("callback-operation-removed", ERR, "{subject} removed", OURS),
    Rule(
        "callback-payload-media-type-added", WARN, "{subject}: media type {media} added (receivers must read it)", OURS
    ),
    Rule("callback-payload-media-type-removed", INFO, "{subject}: media type {media} no longer sent", OURS),
    Rule("callback-payload-schema-added", INFO, "{subject}: schema added", OURS),
    Rule("callback-payload-schema-removed", WARN, "{subject}: schema removed", OURS),
    Rule("callback-payload-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
    Rule("callback-payload-list-of-types-widened", ERR, "{subject}: types widened from {old} to {new}", OURS),
    Rule("callback-payload-list-of-types-narrowed", INFO, "{subject}: types narrowed from {old} to {new}", OURS),
    Rule("callback-payload-became-nullable", ERR, "{subject} became nullable", OURS),
    Rule("callback-payload-became-not-nullable", INFO, "{subject} is no longer nullable", OURS),
    Rule("callback-payload-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
    Rule("callback-payload-property-type-changed", ERR, "{subject}: type/format changed from {old} to {new}", OURS),
    Rule("callback-payload-property-became-nullable", ERR, "{subject} became nullable", OURS),
    Rule("callback-payload-property-enum-value-added", WARN, "{subject}: enum value {value} added", OURS),
    Rule("callback-payload-property-added", INFO, "{subject} added", OURS),
    Rule("callback-payload-required-property-removed", ERR, "{subject} removed (it was required)", OURS),
    Rule("callback-payload-optional-property-removed", WARN, "{subject} removed (it was optional)", OURS),
    Rule("callback-payload-property-became-optional", ERR, "{subject} became optional", OURS),
    Rule("callback-payload-property-became-required", INFO, "{subject} became required", OURS),
)
