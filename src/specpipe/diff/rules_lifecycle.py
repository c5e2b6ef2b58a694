"""Rows of the rules table for the lifecycle: deprecation with sunset dates, stability levels, versions.

Ids and levels are oasdiff's (its KindLifecycle checks, at its default settings; see
``detect_lifecycle``). The ``*-deprecated-sunset-missing`` ids are in ``not_applicable``: oasdiff
reports them only when deprecation days are set above its default of 0.
"""

from __future__ import annotations

from typing import Final

from specpipe.diff.rule import ERR, INFO, Rule

ROWS: Final[tuple[Rule, ...]] = (
    # Endpoints.
    Rule("endpoint-deprecated-with-sunset", INFO, "endpoint deprecated, sunset {sunset}"),
    Rule("api-deprecated-sunset-parse", ERR, "endpoint deprecated with an unparseable sunset: {cause}"),
    Rule("api-sunset-date-too-small", ERR, "endpoint deprecated with sunset {sunset}, already past on {today}"),
    Rule("api-path-sunset-parse", ERR, "unparseable sunset on a deprecated endpoint: {cause}"),
    Rule("api-path-removed-before-sunset", ERR, "path removed before its sunset {sunset}"),
    Rule("api-removed-before-sunset", ERR, "endpoint removed before its sunset {sunset}"),
    Rule("sunset-deleted", ERR, "sunset removed from a deprecated endpoint"),
    Rule("api-sunset-date-changed-too-small", ERR, "sunset moved from {old} to {new}, which is already past"),
    # Stability levels.
    Rule("api-invalid-stability-level", ERR, "invalid x-stability-level {value}"),
    Rule("api-stability-decreased", ERR, "stability decreased from {old} to {new}"),
    Rule("api-stability-increased", INFO, "stability increased from {old} to {new}"),
    Rule("request-property-stability-decreased", ERR, "{subject}: stability decreased from {old} to {new}"),
    Rule("request-property-stability-increased", INFO, "{subject}: stability increased from {old} to {new}"),
    Rule("response-property-stability-decreased", ERR, "{subject}: stability decreased from {old} to {new}"),
    Rule("response-property-stability-increased", INFO, "{subject}: stability increased from {old} to {new}"),
    # Parameters.
    Rule("request-parameter-sunset-parse", ERR, "{subject}: unparseable sunset: {cause}"),
    Rule("request-parameter-sunset-date-too-small", ERR, "{subject} deprecated with sunset {sunset}, already past"),
    Rule("request-parameter-removed-before-sunset", ERR, "{subject} removed before its sunset {sunset}"),
    Rule("request-parameter-sunset-deleted", ERR, "{subject}: sunset removed while deprecated"),
    Rule(
        "request-parameter-sunset-date-changed-too-small",
        ERR,
        "{subject}: sunset moved from {old} to {new}, which is already past",
    ),
    # Request and response body properties.
    Rule("request-property-deprecated-with-sunset", INFO, "{subject} deprecated, sunset {sunset}"),
    Rule("request-property-deprecated-sunset-invalid", ERR, "{subject} deprecated with an unparseable sunset: {cause}"),
    Rule("request-property-sunset-date-too-small", ERR, "{subject} deprecated with sunset {sunset}, already past"),
    Rule("response-property-deprecated-with-sunset", INFO, "{subject} deprecated, sunset {sunset}"),
    Rule(
        "response-property-deprecated-sunset-invalid", ERR, "{subject} deprecated with an unparseable sunset: {cause}"
    ),
    Rule("response-property-sunset-date-too-small", ERR, "{subject} deprecated with sunset {sunset}, already past"),
    # info.version against the changes found.
    Rule("api-version-not-bumped", INFO, "a breaking change, but info.version is still {new}"),
    Rule("api-version-decreased", INFO, "a breaking change, and info.version went back from {old} to {new}"),
    Rule("api-major-version-not-bumped", INFO, "a breaking change, but info.version moved only from {old} to {new}"),
)
