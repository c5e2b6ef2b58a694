"""oasdiff's lifecycle policy: deprecation with ``x-sunset`` dates, ``x-stability-level``, ``info.version``.

The settings (``DiffConfig``) are oasdiff's defaults. Its deprecation days
(``--deprecation-days-beta/stable``) are 0, so no grace period is enforced: a sunset date is optional,
and one is "too small" only when it is already past. Its stability threshold (``--stability-level``)
is beta: an endpoint marked ``draft`` or ``alpha`` is exempt from every other check, an endpoint
without a level counts as ``stable``.

"Today" decides whether a sunset date has passed. It comes in the comparison's ``DiffConfig`` (from
``specpipe diff --today``), an argument of every function here that needs it; reports and tests are
deterministic because nothing here reads the clock.

Hand-written: no library knows oasdiff's policy, and the date forms are two regular expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from specpipe.diff.config import STABILITY_LEVELS, DiffConfig
from specpipe.diff.document_model import Document, Operation
from specpipe.diff.findings import DiffFinding

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_SEMVER = re.compile(r"v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?")


def sunset_date(value: Any) -> date:
    """An ``x-sunset`` value as a date: ``YYYY-MM-DD`` or an RFC 3339 date-time; ``ValueError`` otherwise."""
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _RFC3339.fullmatch(value):
            return datetime.fromisoformat(value.upper().replace("Z", "+00:00")).date()
    raise ValueError(f"x-sunset {value!r} is not an RFC 3339 date")


# Deprecation.


@dataclass(frozen=True, slots=True)
class DeprecationIds:
    """The ids for something becoming deprecated, by what its ``x-sunset`` says (irregular in oasdiff)."""

    plain: str
    with_sunset: str
    unparseable: str
    too_small: str


ENDPOINT_DEPRECATION = DeprecationIds(
    "endpoint-deprecated", "endpoint-deprecated-with-sunset", "api-deprecated-sunset-parse", "api-sunset-date-too-small"
)
PARAMETER_DEPRECATION = DeprecationIds(
    "request-parameter-deprecated",
    "request-parameter-deprecated",  # oasdiff has no "-with-sunset" id for parameters
    "request-parameter-sunset-parse",
    "request-parameter-sunset-date-too-small",
)
# Schema aspects: the property detectors prefix them ("request-property-" + aspect).
PROPERTY_DEPRECATION = DeprecationIds(
    "deprecated", "deprecated-with-sunset", "deprecated-sunset-invalid", "sunset-date-too-small"
)


def deprecation(ids: DeprecationIds, lifecycle: Mapping[str, Any], config: DiffConfig) -> tuple[str, dict[str, str]]:
    """The id (and sunset facts) for becoming deprecated with the extensions in ``lifecycle``."""
    if "x-sunset" not in lifecycle:
        return ids.plain, {}
    try:
        sunset = sunset_date(lifecycle["x-sunset"])
    except ValueError as exc:
        return ids.unparseable, {"cause": str(exc)}
    if (sunset - config.today).days < config.min_sunset_days:
        return ids.too_small, {"sunset": sunset.isoformat(), "today": config.today.isoformat()}
    return ids.with_sunset, {"sunset": sunset.isoformat()}


# Removal of something deprecated.


@dataclass(frozen=True, slots=True)
class RemovalIds:
    without_deprecation: str
    with_deprecation: str
    unparseable: str
    before_sunset: str


def removal(
    ids: RemovalIds, deprecated: bool, lifecycle: Mapping[str, Any], config: DiffConfig
) -> tuple[str, dict[str, str]] | None:
    """The id for a removal: unannounced, announced, before its sunset, or nothing once the sunset is past."""
    if not deprecated:
        return ids.without_deprecation, {}
    if "x-sunset" not in lifecycle:
        return ids.with_deprecation, {}
    try:
        sunset = sunset_date(lifecycle["x-sunset"])
    except ValueError as exc:
        return ids.unparseable, {"cause": str(exc)}
    if config.today < sunset:
        return ids.before_sunset, {"sunset": sunset.isoformat()}
    return None


# A sunset date edited on something that stays deprecated.


@dataclass(frozen=True, slots=True)
class SunsetIds:
    deleted: str
    too_small: str
    unparseable: str


ENDPOINT_SUNSET = SunsetIds("sunset-deleted", "api-sunset-date-changed-too-small", "api-path-sunset-parse")
PARAMETER_SUNSET = SunsetIds(
    "request-parameter-sunset-deleted",
    "request-parameter-sunset-date-changed-too-small",
    "request-parameter-sunset-parse",
)


def sunset_change(
    ids: SunsetIds, old: Mapping[str, Any], new: Mapping[str, Any], deprecated: bool, config: DiffConfig
) -> tuple[str, dict[str, str]] | None:
    """A sunset removed, or moved earlier to a date already past, while the thing stays deprecated."""
    if not deprecated or "x-sunset" not in old or old.get("x-sunset") == new.get("x-sunset"):
        return None
    if "x-sunset" not in new:
        return ids.deleted, {}
    try:
        before, after = sunset_date(old["x-sunset"]), sunset_date(new["x-sunset"])
    except ValueError as exc:
        return ids.unparseable, {"cause": str(exc)}
    if before > after and (after - config.today).days < config.min_sunset_days:
        return ids.too_small, {"old": before.isoformat(), "new": after.isoformat()}
    return None


# Stability.


def stability(lifecycle: Mapping[str, Any]) -> str | None:
    """The ``x-stability-level`` (no level is ``stable``), or ``None`` when it is not a valid level."""
    level = lifecycle.get("x-stability-level", "stable")
    return level if level in STABILITY_LEVELS else None


def _included(level: str, config: DiffConfig) -> bool:
    return STABILITY_LEVELS.index(level) >= STABILITY_LEVELS.index(config.stability_threshold)


def checked(operation: Operation, config: DiffConfig) -> bool:
    """Whether the threshold includes ``operation``; an invalid level is reported and then checked."""
    level = stability(operation.lifecycle)
    return level is None or _included(level, config)


def invalid_stability(lifecycle: Mapping[str, Any]) -> dict[str, str] | None:
    if stability(lifecycle) is None:
        return {"value": f"`{lifecycle['x-stability-level']}`"}
    return None


def stability_change(
    old: Mapping[str, Any], new: Mapping[str, Any], config: DiffConfig
) -> tuple[str, dict[str, str]] | None:
    """``decreased``/``increased`` between two valid levels, when the old one met the threshold."""
    before, after = stability(old), stability(new)
    if before is None or after is None or before == after or not _included(before, config):
        return None
    direction = "decreased" if STABILITY_LEVELS.index(after) < STABILITY_LEVELS.index(before) else "increased"
    return direction, {"old": f"`{before}`", "new": f"`{after}`"}


class _Configured(Protocol):
    """An operation detector's third argument (``detect_schema.SchemaDiffer``, which imports this module)."""

    @property
    def config(self) -> DiffConfig: ...


def stability_changes(old: Operation, new: Operation, schemas: _Configured) -> Iterator[DiffFinding]:
    """An endpoint's level edited: to or from an invalid value, or moved (even when the endpoint is exempt).

    An invalid level left as it was is not reported again on every comparison.
    """
    if old.lifecycle.get("x-stability-level") == new.lifecycle.get("x-stability-level"):
        return
    if args := invalid_stability(old.lifecycle):
        yield DiffFinding("api-invalid-stability-level", old.pointer, None, args)
    if args := invalid_stability(new.lifecycle):
        yield DiffFinding("api-invalid-stability-level", None, new.pointer, args)
    if moved := stability_change(old.lifecycle, new.lifecycle, schemas.config):
        direction, args = moved
        yield DiffFinding(f"api-stability-{direction}", old.pointer, new.pointer, args)


# info.version.


def version_change(old: Document, new: Document, breaking: bool) -> DiffFinding | None:
    """A breaking change shipped without the major bump semver asks for (both versions semver, else quiet)."""
    if not breaking or old.version is None or new.version is None:
        return None
    before, after = _SEMVER.fullmatch(old.version), _SEMVER.fullmatch(new.version)
    if before is None or after is None:
        return None
    base = tuple(int(part) for part in before.groups()[:3])
    revision = tuple(int(part) for part in after.groups()[:3])
    args = {"old": f"`{old.version}`", "new": f"`{new.version}`"}
    if old.version == new.version:
        rule = "api-version-not-bumped"
    elif revision <= base:
        rule = "api-version-decreased"
    elif not _major_bumped(base, revision):
        rule = "api-major-version-not-bumped"
    else:
        return None
    return DiffFinding(rule, "/info/version", "/info/version", args)


def _major_bumped(base: tuple[int, ...], revision: tuple[int, ...]) -> bool:
    """Below 1.0.0 semver gives the minor version the major's role."""
    if base[0] == revision[0] == 0:
        return revision[1] > base[1]
    return revision[0] > base[0]
