"""Changes in a schema's validation keywords: bounds, pattern, const, x-extensible-enum, content.

Each detector names the change plainly ("max-length-decreased", "pattern-added") in both
directions; which of those oasdiff has an id for, and at what level, at a given place (a request
property, a response body) is the rules table's business, so a change with no row is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from specpipe.diff.normalize import Schema

Aspects = Iterator[tuple[str, dict[str, str]]]

# keyword → the name oasdiff's ids use for it
_BOUNDS = {
    "maximum": "max",
    "minimum": "min",
    "exclusiveMaximum": "exclusive-max",
    "exclusiveMinimum": "exclusive-min",
    "maxLength": "max-length",
    "minLength": "min-length",
    "maxItems": "max-items",
    "minItems": "min-items",
}
_CONTENT = {"contentMediaType": "content-media-type", "contentEncoding": "content-encoding"}


def _shown(value: Any) -> str:
    return f"`{value}`"


def _bounds(old: Schema, new: Schema) -> Aspects:
    for keyword, name in _BOUNDS.items():
        before, after = old.constraints.get(keyword), new.constraints.get(keyword)
        if before == after:
            continue
        if before is None:
            yield f"{name}-set", {"new": _shown(after)}
        elif after is None:
            yield f"{name}-unset", {"old": _shown(before)}
        else:
            yield (
                f"{name}-{'increased' if after > before else 'decreased'}",
                {"old": _shown(before), "new": _shown(after)},
            )


def _pattern(old: Schema, new: Schema) -> Aspects:
    before, after = old.constraints.get("pattern"), new.constraints.get("pattern")
    if before == after:
        return
    args = {"old": _shown(before), "new": _shown(after)}
    if before is None:
        yield "pattern-added", args
    elif after is None:
        yield "pattern-removed", args
    else:  # whether one regular expression matches more than another is undecidable in general
        yield ("pattern-generalized" if after == ".*" else "pattern-changed"), args


def _const(old: Schema, new: Schema) -> Aspects:
    before, after = old.constraints.get("const"), new.constraints.get("const")
    if before != after:
        action = "added" if before is None else "removed" if after is None else "changed"
        yield f"const-{action}", {"old": _shown(before), "new": _shown(after)}


def _extensible_enum(old: Schema, new: Schema) -> Aspects:
    kept = set(new.constraints.get("x-extensible-enum", ()))
    for value in old.constraints.get("x-extensible-enum", ()):
        if value not in kept:
            yield "x-extensible-enum-value-removed", {"value": _shown(value)}


def _content(old: Schema, new: Schema) -> Aspects:
    for keyword, name in _CONTENT.items():
        before, after = old.constraints.get(keyword), new.constraints.get(keyword)
        if before != after:
            yield f"{name}-changed", {"old": _shown(before), "new": _shown(after)}


def constraint_changes(old: Schema, new: Schema) -> Aspects:
    if old.constraints != new.constraints:  # usually both empty: one comparison, not five detectors
        for detect in (_bounds, _pattern, _const, _extensible_enum, _content):
            yield from detect(old, new)
