"""Rows of the rules table for responses, their headers, bodies and body properties (``detect_responses``, ``detect_schema``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, WARN, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Responses.
    Rule("response-success-status-added", INFO, "{subject} added"),
    Rule("response-success-status-removed", ERR, "{subject} removed"),
    Rule("response-non-success-status-added", INFO, "{subject} added"),
    Rule("response-non-success-status-removed", INFO, "{subject} removed"),
    Rule("response-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("response-media-type-added", INFO, "{subject}: media type {media} added"),
    Rule("response-media-type-removed", ERR, "{subject}: media type {media} removed"),
    Rule("response-body-media-type-schema-added", INFO, "{subject}: schema added"),
    Rule("response-body-media-type-schema-removed", WARN, "{subject}: schema removed"),
    Rule("response-header-added", INFO, "{subject} added"),
    Rule("required-response-header-removed", ERR, "{subject} removed (it was required)"),
    Rule("optional-response-header-removed", WARN, "{subject} removed (it was optional)"),
    Rule("response-header-became-optional", ERR, "{subject} became optional"),
    Rule("response-header-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("response-header-became-nullable", ERR, "{subject} became nullable"),
    Rule("response-header-became-not-nullable", INFO, "{subject} is no longer nullable"),
    # Response bodies.
    Rule("response-body-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("response-body-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("response-body-list-of-types-widened", ERR, "{subject}: types widened from {old} to {new}"),
    Rule("response-body-list-of-types-narrowed", INFO, "{subject}: types narrowed from {old} to {new}"),
    Rule("response-body-became-nullable", ERR, "{subject} became nullable"),
    Rule("response-body-became-not-nullable", INFO, "{subject} is no longer nullable"),
    Rule("response-mediatype-enum-value-removed", INFO, "{subject}: enum value {value} removed"),
    Rule("response-body-default-value-added", INFO, "{subject}: default value {new} added"),
    Rule("response-body-default-value-removed", INFO, "{subject}: default value {old} removed"),
    Rule("response-body-default-value-changed", INFO, "{subject}: default value changed from {old} to {new}"),
    # Response body properties.
    Rule("response-required-property-added", INFO, "{subject} added as required"),
    Rule("response-optional-property-added", INFO, "{subject} added as optional"),
    Rule("response-required-property-removed", ERR, "{subject} removed (it was required)"),
    Rule("response-optional-property-removed", WARN, "{subject} removed (it was optional)"),
    Rule("response-property-became-required", INFO, "{subject} became required"),
    Rule("response-property-became-optional", ERR, "{subject} became optional"),
    Rule("response-property-deprecated", INFO, "{subject} deprecated"),
    Rule("response-property-reactivated", INFO, "{subject} no longer deprecated"),
    Rule("response-property-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("response-property-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("response-property-list-of-types-widened", ERR, "{subject}: types widened from {old} to {new}"),
    Rule("response-property-list-of-types-narrowed", INFO, "{subject}: types narrowed from {old} to {new}"),
    Rule("response-property-became-nullable", ERR, "{subject} became nullable"),
    Rule("response-property-became-not-nullable", INFO, "{subject} is no longer nullable"),
    Rule("response-property-enum-value-added", WARN, "{subject}: enum value {value} added"),
    Rule("response-property-enum-value-removed", INFO, "{subject}: enum value {value} removed"),
    Rule("response-property-default-value-added", INFO, "{subject}: default value {new} added"),
    Rule("response-property-default-value-removed", INFO, "{subject}: default value {old} removed"),
    Rule("response-property-default-value-changed", INFO, "{subject}: default value changed from {old} to {new}"),
)
