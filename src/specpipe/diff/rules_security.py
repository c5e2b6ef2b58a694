"""Rows of the rules table for security schemes and requirements, global and per operation (``detect_security``)."""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, OURS, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Security schemes and requirements.
    Rule("api-security-component-added", INFO, "security scheme `{name}` added"),
    Rule("api-security-component-removed", INFO, "security scheme `{name}` removed"),
    Rule("api-security-component-type-changed", INFO, "security scheme `{name}`: type changed from {old} to {new}"),
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
)
