"""The differ's rules: one row per change id, with its level and message template.

Ids and default levels are oasdiff's (checker/rules.go; ERR → breaking, WARN → warning, INFO → info)
so reports read like oasdiff's and tooling keyed on its ids keeps working. Rows marked ``SPECPIPE``
are ours, named in the same style, for changes that oasdiff does not check but a generated client or
a reviewer cares about (a renamed API-key header, servers, documentation-only edits). Detectors emit
``Finding``\\ s naming a row; a message is the row's template filled with the finding's ``args``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from specpipe.diff.findings import Change, Finding, Level
from specpipe.diff.rules_extras import EXTRA_RULES, HOOK_RULES
from specpipe.diff.rules_lifecycle import LIFECYCLE_RULES
from specpipe.diff.rules_schema import SCHEMA_ROWS, SPECPIPE_SCHEMA_ROWS
from specpipe.diff.rules_structure import OWN_ROWS, STRUCTURE_ROWS


class Origin(enum.StrEnum):
    OASDIFF = "oasdiff"
    SPECPIPE = "specpipe"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    message: str
    origin: Origin = Origin.OASDIFF


# oasdiff's names for the levels, so each row reads like its rules.go entry.
ERR, WARN, INFO = Level.BREAKING, Level.WARNING, Level.INFO
OURS = Origin.SPECPIPE


def _table(*rules: Rule) -> Mapping[str, Rule]:
    table = {rule.id: rule for rule in rules}
    if len(table) != len(rules):
        raise AssertionError("duplicate rule id in the rules table")
    return table


RULES: Final = _table(
    # Document: servers, webhooks, component schemas.
    Rule("api-server-added", INFO, "server `{url}` added", OURS),
    Rule("api-server-removed", WARN, "server `{url}` removed", OURS),
    Rule(
        "api-default-server-changed",
        ERR,
        "default server moved from `{old}` to `{new}` (another scheme or host receives every request and the API key)",
        OURS,
    ),
    Rule("webhook-added", INFO, "webhook `{name}` added"),
    Rule("webhook-removed", ERR, "webhook `{name}` removed"),
    Rule("api-schema-removed", INFO, "component schema `{name}` removed"),
    # Security schemes and requirements.
    Rule("api-security-component-added", INFO, "security scheme `{name}` added"),
    Rule("api-security-component-removed", INFO, "security scheme `{name}` removed"),
    Rule(
        "api-security-component-type-changed",
        INFO,
        "security scheme `{name}`: type changed from {old} to {new}",
    ),
    Rule(
        "api-security-component-apikey-name-changed",
        ERR,
        "security scheme `{name}`: the API key {location} changed from {old} to {new}",
        OURS,
    ),
    Rule(
        "api-security-component-apikey-location-changed",
        ERR,
        "security scheme `{name}`: the API key moved from the {old} to the {new}",
        OURS,
    ),
    Rule(
        "api-security-component-http-scheme-changed",
        ERR,
        "security scheme `{name}`: HTTP authentication scheme changed from {old} to {new}",
        OURS,
    ),
    Rule("api-global-security-added", INFO, "security requirement {requirement} added"),
    Rule("api-global-security-removed", INFO, "security requirement {requirement} removed"),
    Rule("api-global-security-scope-added", INFO, "security requirement {requirement}: scope {scope} added"),
    Rule("api-global-security-scope-removed", INFO, "security requirement {requirement}: scope {scope} removed"),
    Rule("api-security-added", INFO, "security requirement {requirement} added"),
    Rule("api-security-removed", INFO, "security requirement {requirement} removed"),
    Rule("api-security-scope-added", INFO, "security requirement {requirement}: scope {scope} added"),
    Rule("api-security-scope-removed", INFO, "security requirement {requirement}: scope {scope} removed"),
    # Endpoints.
    Rule("endpoint-added", INFO, "endpoint added"),
    Rule("api-path-removed-without-deprecation", ERR, "path removed without deprecation"),
    Rule("api-path-removed-with-deprecation", INFO, "path removed after deprecation"),
    Rule("api-removed-without-deprecation", ERR, "endpoint removed without deprecation"),
    Rule("api-removed-with-deprecation", INFO, "endpoint removed after deprecation"),
    Rule("endpoint-deprecated", INFO, "endpoint deprecated"),
    Rule("endpoint-reactivated", INFO, "endpoint no longer deprecated"),
    Rule("api-operation-id-added", INFO, "operationId {new} added"),
    Rule("api-operation-id-removed", INFO, "operationId {old} removed (now {new})"),
    Rule("api-tag-added", INFO, "tag {tag} added"),
    Rule("api-tag-removed", INFO, "tag {tag} removed"),
    Rule("api-operation-summary-changed", INFO, "summary changed", OURS),
    Rule("api-operation-description-changed", INFO, "description changed", OURS),
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
    Rule(
        "response-property-default-value-changed",
        INFO,
        "{subject}: default value changed from {old} to {new}",
    ),
    *(
        Rule(id_, level, text, Origin(origin))
        for id_, level, text, origin in (*LIFECYCLE_RULES, *EXTRA_RULES, *HOOK_RULES)
    ),
    *(Rule(*row) for row in SCHEMA_ROWS),
    *(Rule(*row, OURS) for row in SPECPIPE_SCHEMA_ROWS),
    # Schema structure: composition, discriminator, JSON Schema 2020-12 keywords (rules_structure).
    *(Rule(*row) for row in STRUCTURE_ROWS),
    *(Rule(*row, OURS) for row in OWN_ROWS),
)


def change(finding: Finding, operation: str | None) -> Change:
    """The reported form of a finding: its rule's level, and its rule's message filled in."""
    rule = RULES[finding.rule]
    return Change(
        id=rule.id,
        level=rule.level,
        operation=operation,
        old_pointer=finding.old_pointer,
        new_pointer=finding.new_pointer,
        message=rule.message.format_map(finding.args),
    )
