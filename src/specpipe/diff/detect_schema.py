"""Changes between two schemas: type, nullability, enum, default, documentation, and properties.

A schema's rule ids depend on where it sits (``request-body-type-changed`` at the root of a request
body, ``request-property-type-changed`` below it), so each aspect detector reports an aspect name and
``_rule`` turns (prefix, aspect) into a row of the rules table; a combination oasdiff has no row for
is not reported.

The walk below a root is breadth first and enters each pair of schema nodes once, so a recursive
schema ends the walk where it meets itself, and a schema reached along several property paths is
reported once, at the shortest (its pointers name the definition, which is what changed). Walking
every path instead is exponential in a large cycle of schemas that refer to each other. Comparing
one pair is memoized, so a component shared by many operations is compared once.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from specpipe.diff.detect_structure import structure_changes, structure_children, without_restated
from specpipe.diff.model import Finding
from specpipe.diff.normalize import Schema, Slot
from specpipe.diff.rules import RULES


class Direction(enum.Enum):
    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True, slots=True)
class PropertyRules:
    """The ids for properties appearing, disappearing and changing requiredness (irregular in oasdiff)."""

    added_required: str
    added_optional: str
    removed_required: str
    removed_optional: str
    became_required: str
    became_optional: str


@dataclass(frozen=True, slots=True)
class Context:
    """Where a schema sits: the rule prefix of its root and of what lies below, and the direction.

    ``nested`` is ``None`` where oasdiff has no ids below the root (parameters, headers).
    """

    root: str
    nested: str | None
    direction: Direction
    properties: PropertyRules | None


REQUEST_BODY = Context(
    "request-body",
    "request-property",
    Direction.REQUEST,
    PropertyRules(
        added_required="new-required-request-property",
        added_optional="new-optional-request-property",
        removed_required="request-property-removed",
        removed_optional="request-property-removed",
        became_required="request-property-became-required",
        became_optional="request-property-became-optional",
    ),
)
RESPONSE_BODY = Context(
    "response-body",
    "response-property",
    Direction.RESPONSE,
    PropertyRules(
        added_required="response-required-property-added",
        added_optional="response-optional-property-added",
        removed_required="response-required-property-removed",
        removed_optional="response-optional-property-removed",
        became_required="response-property-became-required",
        became_optional="response-property-became-optional",
    ),
)
PARAMETER = Context("request-parameter", None, Direction.REQUEST, None)
RESPONSE_HEADER = Context("response-header", None, Direction.RESPONSE, None)

# Where oasdiff's id does not follow "<prefix>-<aspect>".
_IRREGULAR = {("response-body", "enum-value-removed"): "response-mediatype-enum-value-removed"}


def _rule(prefix: str, aspect: str) -> str | None:
    rule = _IRREGULAR.get((prefix, aspect), f"{prefix}-{aspect}")
    return rule if rule in RULES else None


# Aspect detectors: each yields (aspect, message args) for one facet of a pair of schemas.

Aspects = Iterator[tuple[str, dict[str, str]]]


def _show_types(schema: Schema, *, with_format: bool = True) -> str:
    names = sorted(schema.types)
    shown = names[0] if len(names) == 1 else f"[{', '.join(names)}]" if names else "any"
    return f"`{shown}/{schema.format}`" if with_format and schema.format else f"`{shown}`"


def _types(old: Schema, new: Schema) -> Aspects:
    if old.types == new.types and old.format == new.format:
        return
    if old.types and new.types and (old.types < new.types or old.types > new.types):  # one holds the other
        aspect = "list-of-types-widened" if old.types < new.types else "list-of-types-narrowed"
        yield aspect, {"old": _show_types(old, with_format=False), "new": _show_types(new, with_format=False)}
    else:
        yield "type-changed", {"old": _show_types(old), "new": _show_types(new)}


def _nullability(old: Schema, new: Schema) -> Aspects:
    if old.nullable != new.nullable:
        yield ("became-nullable" if new.nullable else "became-not-nullable"), {}


def _enum(old: Schema, new: Schema) -> Aspects:
    if new.enum is None:
        return
    if old.enum is None:
        yield "became-enum", {"values": ", ".join(f"`{value}`" for value in new.enum)}
        return
    before, after = set(old.enum), set(new.enum)
    for value in new.enum:
        if value not in before:
            yield "enum-value-added", {"value": f"`{value}`"}
    for value in old.enum:
        if value not in after:
            yield "enum-value-removed", {"value": f"`{value}`"}


def _default(old: Schema, new: Schema) -> Aspects:
    if old.default == new.default:
        return
    if old.default is None:
        aspect = "default-value-added"
    elif new.default is None:
        aspect = "default-value-removed"
    else:
        aspect = "default-value-changed"
    yield aspect, {"old": f"`{old.default}`", "new": f"`{new.default}`"}


def _deprecation(old: Schema, new: Schema) -> Aspects:
    if old.deprecated != new.deprecated:
        yield ("deprecated" if new.deprecated else "reactivated"), {}


def _description(old: Schema, new: Schema) -> Aspects:
    if old.description != new.description:
        yield "description-changed", {}


ASPECTS: tuple[Callable[[Schema, Schema], Aspects], ...] = (
    _types,
    _nullability,
    _enum,
    _default,
    _deprecation,
    _description,
)


@dataclass(frozen=True, slots=True)
class _Found:
    """A finding relative to the compared root: ``path`` is the property path below it."""

    rule: str
    path: tuple[str, ...]
    old_pointer: str | None
    new_pointer: str | None
    args: Mapping[str, str]

    def under(self, path: tuple[str, ...]) -> _Found:
        return _Found(self.rule, (*path, *self.path), self.old_pointer, self.new_pointer, self.args)


_Child = tuple[str, Schema, Schema]
_Compared = tuple[tuple[_Found, ...], tuple[_Child, ...]]


_Pair = tuple[Schema, Schema]
_Reach = tuple[tuple[_Pair, tuple[str, ...]], ...]


class SchemaDiffer:
    """Compares schema pairs for one pair of documents, remembering every comparison and walk."""

    def __init__(self) -> None:
        self._walkers: dict[Context, _Walker] = {}

    def findings(self, old: Slot, new: Slot, context: Context, subject: str) -> Iterator[Finding]:
        """The changes from ``old`` to ``new``; ``subject`` names the root in messages ("request body")."""
        walker = self._walkers.get(context) or self._walkers.setdefault(context, _Walker(context))
        for item in walker.root(old.schema, new.schema):
            where = f"{subject} property `{'/'.join(item.path)}`" if item.path else subject
            yield Finding(item.rule, item.old_pointer, item.new_pointer, {"subject": where, **item.args})


class _Walker:
    """The memoized walks in one context (request body, response body, parameter, header).

    A root's findings are built from its children's walks (the shortest path from the root to a pair
    is one step to some child plus that child's shortest path), so the walk below a component is
    done once, not once per operation whose inline schema refers to it.
    """

    def __init__(self, context: Context) -> None:
        self._context = context
        self._roots: dict[_Pair, tuple[_Found, ...]] = {}
        self._reach: dict[_Pair, _Reach] = {}
        self._compared: dict[tuple[Schema, Schema, str], _Compared] = {}

    def root(self, old: Schema, new: Schema) -> tuple[_Found, ...]:
        if (old, new) not in self._roots:
            self._roots[old, new] = self._walk_root(old, new)
        return self._roots[old, new]

    def _walk_root(self, old: Schema, new: Schema) -> tuple[_Found, ...]:
        found, children = self._compare(old, new, self._context.root)
        nested = self._context.nested
        if nested is None:
            return found
        shortest: dict[_Pair, tuple[str, ...]] = {}
        for name, child_old, child_new in children:
            for pair, path in self._reachable(child_old, child_new, nested):
                if pair != (old, new) and (pair not in shortest or len(path) + 1 < len(shortest[pair])):
                    shortest[pair] = (name, *path)
        below = (
            item.under(path)
            for (pair_old, pair_new), path in shortest.items()
            for item in self._compare(pair_old, pair_new, nested)[0]
        )
        return (*found, *below)

    def _reachable(self, old: Schema, new: Schema, prefix: str) -> _Reach:
        """Every pair at or below a property pair that has changes of its own, at its shortest path.

        Breadth first, children in document order, so of equally short paths the first is kept. A
        walk that found nothing proves every pair it entered clean, and later walks skip those.
        """
        reach = self._reach
        if (old, new) in reach:
            return reach[old, new]
        seen = {(old, new)}
        queue: deque[tuple[tuple[str, ...], Schema, Schema]] = deque([((), old, new)])
        reached = []
        while queue:
            path, before, after = queue.popleft()
            found, children = self._compare(before, after, prefix)
            if found:
                reached.append(((before, after), path))
            for name, child_old, child_new in children:
                pair = (child_old, child_new)
                if pair not in seen and reach.get(pair) != ():
                    seen.add(pair)
                    queue.append(((*path, name), child_old, child_new))
        if not reached:
            reach.update(dict.fromkeys(seen, ()))
        reach[old, new] = tuple(reached)
        return reach[old, new]

    def _compare(self, old: Schema, new: Schema, prefix: str) -> _Compared:
        """The pair's own changes (its aspects, its properties coming and going) and the pairs below it."""
        key = (old, new, prefix)
        if key not in self._compared:
            found = [
                _Found(rule, (), old.pointer, new.pointer, args)
                for aspect in ASPECTS
                for name, args in aspect(old, new)
                if (rule := _rule(prefix, name))
            ]
            found += (
                _Found(seen.rule, (), seen.old_pointer, seen.new_pointer, seen.args)
                for seen in structure_changes(old, new, prefix)
            )
            children: list[_Child] = []
            if _object_like(old) and _object_like(new):
                properties = _properties(old, new, self._context)
                found += properties.found
                children += properties.common
            for name, old_slot, new_slot in (
                ("items", old.items, new.items),
                ("additionalProperties", old.additional, new.additional),
            ):
                if old_slot and new_slot:
                    children.append((name, old_slot.schema, new_slot.schema))
            children += structure_children(old, new)
            found = without_restated(old, new, prefix, found)
            self._compared[key] = (tuple(found), tuple(children))
        return self._compared[key]


@dataclass(frozen=True, slots=True)
class _PropertyDiff:
    found: list[_Found]
    common: list[_Child]


def _properties(old: Schema, new: Schema, context: Context) -> _PropertyDiff:
    before, after = _visible(old, context), _visible(new, context)
    result = _PropertyDiff([], [])
    rules = context.properties
    for name, slot in before.items():
        if name not in after:
            if rules:
                rule = rules.removed_required if name in old.required else rules.removed_optional
                result.found.append(_Found(rule, (name,), slot.pointer, None, {}))
            continue
        if rules and (name in old.required) != (name in new.required):
            rule = rules.became_required if name in new.required else rules.became_optional
            result.found.append(_Found(rule, (name,), slot.pointer, after[name].pointer, {}))
        result.common.append((name, slot.schema, after[name].schema))
    if rules:
        for name, slot in after.items():
            if name not in before:
                rule = rules.added_required if name in new.required else rules.added_optional
                result.found.append(_Found(rule, (name,), None, slot.pointer, {}))
    return result


def _object_like(schema: Schema) -> bool:
    return not schema.types or "object" in schema.types


def _visible(schema: Schema, context: Context) -> dict[str, Slot]:
    """Properties a client exchanges in this direction: requests omit readOnly, responses writeOnly."""
    if context.direction is Direction.REQUEST:
        return {name: slot for name, slot in schema.properties.items() if not slot.schema.read_only}
    return {name: slot for name, slot in schema.properties.items() if not slot.schema.write_only}
