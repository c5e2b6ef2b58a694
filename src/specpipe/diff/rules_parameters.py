"""Rows of the rules table for request parameters (``detect_parameters``; their schemas via ``detect_schema``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, WARN, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Request parameters.
    Rule("new-required-request-parameter", ERR, "{subject} added as required"),
    Rule("new-optional-request-parameter", INFO, "{subject} added as optional"),
    Rule("new-request-path-parameter", ERR, "{subject} added"),
    Rule("request-parameter-removed", WARN, "{subject} removed"),
    Rule("request-parameter-removed-with-deprecation", INFO, "{subject} removed after deprecation"),
    Rule("request-parameter-became-required", ERR, "{subject} became required"),
    Rule("request-parameter-became-optional", INFO, "{subject} became optional"),
    Rule("request-parameter-deprecated", INFO, "{subject} deprecated"),
    Rule("request-parameter-reactivated", INFO, "{subject} no longer deprecated"),
    Rule("request-parameter-description-changed", INFO, "{subject}: description changed", OURS),
    Rule("request-parameter-type-changed", ERR, "{subject}: type/format changed from {old} to {new}"),
    Rule("request-parameter-list-of-types-widened", INFO, "{subject}: types widened from {old} to {new}"),
    Rule("request-parameter-list-of-types-narrowed", ERR, "{subject}: types narrowed from {old} to {new}"),
    Rule("request-parameter-became-nullable", INFO, "{subject} became nullable"),
    Rule("request-parameter-became-not-nullable", ERR, "{subject} is no longer nullable"),
    Rule("request-parameter-became-enum", ERR, "{subject} became an enum of {values}"),
    Rule("request-parameter-enum-value-added", INFO, "{subject}: enum value {value} added"),
    Rule("request-parameter-enum-value-removed", ERR, "{subject}: enum value {value} removed"),
    Rule("request-parameter-default-value-added", ERR, "{subject}: default value {new} added"),
    Rule("request-parameter-default-value-removed", ERR, "{subject}: default value {old} removed"),
    Rule("request-parameter-default-value-changed", ERR, "{subject}: default value changed from {old} to {new}"),
)
