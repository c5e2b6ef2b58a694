"""Rows of the rules table for the lifecycle: deprecation with sunset dates, stability levels, versions.

Ids and levels are oasdiff's (its KindLifecycle checks, at its default settings; see
``detect_lifecycle``). The ``*-deprecated-sunset-missing`` ids are in ``not_applicable``: oasdiff
reports them only when deprecation days are set above its default of 0.
"""

from __future__ import annotations

from specpipe.diff.findings import Level
from specpipe.diff.rules_extras import OASDIFF, Row

ERR, INFO = Level.BREAKING, Level.INFO

LIFECYCLE_RULES: tuple[Row, ...] = (
    # Endpoints.
    ("endpoint-deprecated-with-sunset", INFO, "endpoint deprecated, sunset {sunset}", OASDIFF),
    ("api-deprecated-sunset-parse", ERR, "endpoint deprecated with an unparseable sunset: {cause}", OASDIFF),
    ("api-sunset-date-too-small", ERR, "endpoint deprecated with sunset {sunset}, already past on {today}", OASDIFF),
    ("api-path-sunset-parse", ERR, "unparseable sunset on a deprecated endpoint: {cause}", OASDIFF),
    ("api-path-removed-before-sunset", ERR, "path removed before its sunset {sunset}", OASDIFF),
    ("api-removed-before-sunset", ERR, "endpoint removed before its sunset {sunset}", OASDIFF),
    ("sunset-deleted", ERR, "sunset removed from a deprecated endpoint", OASDIFF),
    ("api-sunset-date-changed-too-small", ERR, "sunset moved from {old} to {new}, which is already past", OASDIFF),
    # Stability levels.
    ("api-invalid-stability-level", ERR, "invalid x-stability-level {value}", OASDIFF),
    ("api-stability-decreased", ERR, "stability decreased from {old} to {new}", OASDIFF),
    ("api-stability-increased", INFO, "stability increased from {old} to {new}", OASDIFF),
    ("request-property-stability-decreased", ERR, "{subject}: stability decreased from {old} to {new}", OASDIFF),
    ("request-property-stability-increased", INFO, "{subject}: stability increased from {old} to {new}", OASDIFF),
    ("response-property-stability-decreased", ERR, "{subject}: stability decreased from {old} to {new}", OASDIFF),
    ("response-property-stability-increased", INFO, "{subject}: stability increased from {old} to {new}", OASDIFF),
    # Parameters.
    ("request-parameter-sunset-parse", ERR, "{subject}: unparseable sunset: {cause}", OASDIFF),
    (
        "request-parameter-sunset-date-too-small",
        ERR,
        "{subject} deprecated with sunset {sunset}, already past",
        OASDIFF,
    ),
    ("request-parameter-removed-before-sunset", ERR, "{subject} removed before its sunset {sunset}", OASDIFF),
    ("request-parameter-sunset-deleted", ERR, "{subject}: sunset removed while deprecated", OASDIFF),
    (
        "request-parameter-sunset-date-changed-too-small",
        ERR,
        "{subject}: sunset moved from {old} to {new}, which is already past",
        OASDIFF,
    ),
    # Request and response body properties.
    ("request-property-deprecated-with-sunset", INFO, "{subject} deprecated, sunset {sunset}", OASDIFF),
    (
        "request-property-deprecated-sunset-invalid",
        ERR,
        "{subject} deprecated with an unparseable sunset: {cause}",
        OASDIFF,
    ),
    ("request-property-sunset-date-too-small", ERR, "{subject} deprecated with sunset {sunset}, already past", OASDIFF),
    ("response-property-deprecated-with-sunset", INFO, "{subject} deprecated, sunset {sunset}", OASDIFF),
    (
        "response-property-deprecated-sunset-invalid",
        ERR,
        "{subject} deprecated with an unparseable sunset: {cause}",
        OASDIFF,
    ),
    (
        "response-property-sunset-date-too-small",
        ERR,
        "{subject} deprecated with sunset {sunset}, already past",
        OASDIFF,
    ),
    # info.version against the changes found.
    ("api-version-not-bumped", INFO, "a breaking change, but info.version is still {new}", OASDIFF),
    ("api-version-decreased", INFO, "a breaking change, and info.version went back from {old} to {new}", OASDIFF),
    (
        "api-major-version-not-bumped",
        INFO,
        "a breaking change, but info.version moved only from {old} to {new}",
        OASDIFF,
    ),
)
