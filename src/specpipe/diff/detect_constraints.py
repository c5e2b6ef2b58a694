"""Changes in a schema's validation keywords: bounds, multipleOf, uniqueItems, pattern, const, content.

Each detector names the change plainly ("max-length-decreased", "pattern-added") in both
directions; which of those oasdiff has an id for, and at what level, at a given place (a request
property, a response body) is the rules table's business, so a change with no row is not reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from specpipe.diff.document_model import Schema

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
    "maxProperties": "max-properties",
    "minProperties": "min-properties",
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


def _keyword(old: Schema, new: Schema, keyword: str, names: tuple[str, str, Callable[[Any, Any], str]]) -> Aspects:
    """``keyword`` added, removed, or changed as ``names[2]`` (old, new) tells; ``names`` are aspect names."""
    before, after = old.constraints.get(keyword), new.constraints.get(keyword)
    if before == after:
        return
    added, removed, changed = names
    yield (
        (added if before is None else removed if after is None else changed(before, after)),
        {
            "old": _shown(before),
            "new": _shown(after),
        },
    )


def _divides(divisor: Any, value: Any) -> bool:
    """Whether ``value`` is a whole multiple of ``divisor``, exactly: 0.1 is read as one tenth, not as its float."""
    return (Fraction(str(value)) / Fraction(str(divisor))).denominator == 1


def _step_changed(before: Any, after: Any) -> str:
    """A divisor of the old step keeps every old value valid; a multiple of it keeps only some; neither
    both rejects old values and allows new ones."""
    if _divides(after, before):
        return "multiple-of-generalized"
    return "multiple-of-specialized" if _divides(before, after) else "multiple-of-changed"


def _multiple_of(old: Schema, new: Schema) -> Aspects:
    return _keyword(old, new, "multipleOf", ("multiple-of-set", "multiple-of-unset", _step_changed))


def _unique_items(old: Schema, new: Schema) -> Aspects:
    before, after = "uniqueItems" in old.constraints, "uniqueItems" in new.constraints
    if before != after:
        yield ("unique-items-added" if after else "unique-items-removed"), {}


def _pattern_changed(before: Any, after: Any) -> str:
    # whether one regular expression matches more than another is undecidable in general
    return "pattern-generalized" if after == ".*" else "pattern-changed"


def _pattern(old: Schema, new: Schema) -> Aspects:
    return _keyword(old, new, "pattern", ("pattern-added", "pattern-removed", _pattern_changed))


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
    if old.constraints != new.constraints:  # usually both empty: one comparison, not every detector
        for detect in (_bounds, _multiple_of, _unique_items, _pattern, _const, _extensible_enum, _content):
            yield from detect(old, new)
