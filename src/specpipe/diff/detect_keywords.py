"""Changes in the JSON Schema 2020-12 keywords OpenAPI 3.1/3.2 allow (prefixItems, if/then/else, contains, ...).

Most are reported as oasdiff reports them: the keyword appeared or disappeared (per key for the maps
``dependentRequired``, ``dependentSchemas`` and ``patternProperties``); where both sides have a
subschema it is walked like a property, so a change inside ``then`` is reported where it happened.
``prefixItems`` entries are paired by position, since position is what they validate.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from specpipe.diff.detect_composition import Child, Seen
from specpipe.diff.document_model import Schema, Slot
from specpipe.diff.normalize import canonical_json

# Subschema keywords reported by presence alone: (keyword, Structure field, aspect).
_SINGLE = (
    ("if", "if_", "if"),
    ("then", "then", "then"),
    ("else", "else_", "else"),
    ("contains", "contains", "contains"),
    ("propertyNames", "property_names", "property-names"),
    ("unevaluatedItems", "unevaluated_items", "unevaluated-items"),
    ("unevaluatedProperties", "unevaluated_properties", "unevaluated-properties"),
    ("contentSchema", "content_schema", "content-schema"),
)
# Maps of subschemas reported per key: (keyword, Structure field, aspect, message argument).
_MAPS = (
    ("dependentSchemas", "dependent_schemas", "dependent-schema", "key"),
    ("patternProperties", "pattern_properties", "pattern-property", "pattern"),
)


def _presence(aspect: str, old: Schema, new: Schema, before: Slot | None, after: Slot | None) -> Iterator[Seen]:
    if before is None and after is not None:
        yield Seen(f"{aspect}-added", old.pointer, after.pointer, {})
    elif before is not None and after is None:
        yield Seen(f"{aspect}-removed", before.pointer, new.pointer, {})


def _keys(spec: tuple[str, str, str, str], old: Schema, new: Schema) -> Iterator[Seen]:
    _, name, aspect, argument = spec
    before: Mapping[str, Slot] = getattr(old.structure, name)
    after: Mapping[str, Slot] = getattr(new.structure, name)
    for key, slot in after.items():
        if key not in before:
            yield Seen(f"{aspect}-added", old.pointer, slot.pointer, {argument: f"`{key}`"})
    for key, slot in before.items():
        if key not in after:
            yield Seen(f"{aspect}-removed", slot.pointer, new.pointer, {argument: f"`{key}`"})


def _bound(aspect: str, old: Schema, new: Schema, before: float, after: float) -> Iterator[Seen]:
    if before != after:
        shown = {"old": str(before).replace("inf", "unbounded"), "new": str(after).replace("inf", "unbounded")}
        yield Seen(f"{aspect}-{'increased' if after > before else 'decreased'}", old.pointer, new.pointer, shown)


def _or(value: int | None, default: float) -> float:
    return default if value is None else value


def _names(values: frozenset[str]) -> str:
    return "[" + ", ".join(f"`{name}`" for name in sorted(values)) + "]"


def _prefix_items(old: Schema, new: Schema) -> Iterator[Seen]:
    """Entries past the shorter list; one that says what ``items`` said at its position changes nothing."""
    before, after = old.structure.prefix_items, new.structure.prefix_items
    if len(before) == len(after):
        return
    added = len(after) > len(before)
    # `items` as each side with prefixItems has it (a side without them says the same, or `items` changed).
    rests = {_rest(side.rest_items) for side in (old.structure, new.structure) if side.prefix_items}
    extra = [
        item for item in (after if added else before)[min(len(before), len(after)) :] if rests != {_rest(item.written)}
    ]
    if extra:
        pointers = (old.pointer, extra[0].slot.pointer) if added else (extra[0].slot.pointer, new.pointer)
        positions = {"positions": ", ".join(f"#{item.index + 1}" for item in extra)}
        yield Seen("prefix-items-added" if added else "prefix-items-removed", *pointers, positions)


def _rest(items: Any) -> str:
    """``items`` as comparable text; ``{}`` allows anything, as an absent ``items`` does."""
    return canonical_json(True if items == {} else items)


def keyword_changes(old: Schema, new: Schema) -> Iterator[Seen]:
    before, after = old.structure, new.structure
    yield from _prefix_items(old, new)
    for _, name, aspect in _SINGLE:
        yield from _presence(aspect, old, new, getattr(before, name), getattr(after, name))
    # JSON Schema's defaults: minContains 1, maxContains unbounded; so setting one is a change of bound.
    yield from _bound("min-contains", old, new, _or(before.min_contains, 1), _or(after.min_contains, 1))
    yield from _bound("max-contains", old, new, _or(before.max_contains, math.inf), _or(after.max_contains, math.inf))
    for key, names in after.dependent_required.items():
        previous = before.dependent_required.get(key)
        if previous is None:
            yield Seen("dependent-required-added", old.pointer, new.pointer, {"key": f"`{key}`", "new": _names(names)})
        elif previous != names:
            values = {"key": f"`{key}`", "old": _names(previous), "new": _names(names)}
            yield Seen("dependent-required-changed", old.pointer, new.pointer, values)
    for key, names in before.dependent_required.items():
        if key not in after.dependent_required:
            yield Seen(
                "dependent-required-removed", old.pointer, new.pointer, {"key": f"`{key}`", "old": _names(names)}
            )
    for spec in _MAPS:
        yield from _keys(spec, old, new)


def keyword_children(old: Schema, new: Schema) -> Iterator[Child]:
    before, after = old.structure, new.structure
    for index, (left, right) in enumerate(zip(before.prefix_items, after.prefix_items, strict=False)):
        yield f"prefixItems[{index}]", left.slot.schema, right.slot.schema
    for keyword, name, _ in _SINGLE:
        left_slot, right_slot = getattr(before, name), getattr(after, name)
        if left_slot is not None and right_slot is not None:
            yield keyword, left_slot.schema, right_slot.schema
    for keyword, name, _, _ in _MAPS:
        left_map, right_map = getattr(before, name), getattr(after, name)
        for key, slot in right_map.items():
            if key in left_map:
                yield f"{keyword}[{key}]", left_map[key].schema, slot.schema
