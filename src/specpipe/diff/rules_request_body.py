"""Rows of the rules table for request bodies and their properties (``detect_request_body``, ``detect_schema``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, WARN, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Request bodies.
    Rule("request-body-added-required", ERR, "required request body added"),
    Rule("request-body-added-optional", INFO, "optional request body added"),
    Rule("request-body-removed", ERR, "request body removed"),
    Rule("request-body-became-required", ERR, "request body became required"),
    Rule("request-body-became-optional", INFO, "request body became optional"),
    Rule("request-body-media-type-added", INFO, "{subject}: media type {media} added"),
    Rule("request-body-media-type-removed", ERR, "{subject}: media type {media} removed"),
    Rule("request-body-media-type-schema-added", ERR, "{subject}: schema added"),
    Rule("request-body-media-type-schema-removed", INFO, "{subject}: schema removed"),
    Rule("request-body-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("request-body-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("request-body-list-of-types-widened", INFO, "{subject}: types widened from {old} to {new}"),
    Rule("request-body-list-of-types-narrowed", ERR, "{subject}: types narrowed from {old} to {new}"),
    Rule("request-body-became-nullable", INFO, "{subject} became nullable"),
    Rule("request-body-became-not-nullable", ERR, "{subject} is no longer nullable"),
    Rule("request-body-became-enum", ERR, "{subject} became an enum of {values}"),
    Rule("request-body-enum-value-removed", ERR, "{subject}: enum value {value} removed"),
    Rule("request-body-default-value-added", INFO, "{subject}: default value {new} added"),
    Rule("request-body-default-value-removed", INFO, "{subject}: default value {old} removed"),
    Rule("request-body-default-value-changed", INFO, "{subject}: default value changed from {old} to {new}"),
    # Request body properties.
    Rule("new-required-request-property", ERR, "{subject} added as required"),
    Rule("new-optional-request-property", INFO, "{subject} added as optional"),
    Rule("request-property-removed", WARN, "{subject} removed"),
    Rule("request-property-became-required", ERR, "{subject} became required"),
    Rule("request-property-became-optional", INFO, "{subject} became optional"),
    Rule("request-property-deprecated", INFO, "{subject} deprecated"),
    Rule("request-property-reactivated", INFO, "{subject} no longer deprecated"),
    Rule("request-property-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("request-property-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("request-property-list-of-types-widened", INFO, "{subject}: types widened from {old} to {new}"),
    Rule("request-property-list-of-types-narrowed", ERR, "{subject}: types narrowed from {old} to {new}"),
    Rule("request-property-became-nullable", INFO, "{subject} became nullable"),
    Rule("request-property-became-not-nullable", ERR, "{subject} is no longer nullable"),
    Rule("request-property-became-enum", ERR, "{subject} became an enum of {values}"),
    Rule("request-property-enum-value-added", INFO, "{subject}: enum value {value} added"),
    Rule("request-property-enum-value-removed", ERR, "{subject}: enum value {value} removed"),
    Rule("request-property-default-value-added", INFO, "{subject}: default value {new} added"),
    Rule("request-property-default-value-removed", INFO, "{subject}: default value {old} removed"),
    Rule("request-property-default-value-changed", INFO, "{subject}: default value changed from {old} to {new}"),
)
