"""Changes between two schemas: nullability, enum, default, documentation, and the walk below them.

Types (detect_types), validation keywords (detect_constraints) and properties (detect_properties)
have their own modules; this one places their findings and walks the schema graph.

A schema's rule ids depend on where it sits (``request-body-type-changed`` at the root of a request
body, ``request-property-type-changed`` below it), so each aspect detector reports an aspect name and
``_rule`` turns (prefix, aspect) into a row of the rules table (``rules.placed``); a combination
oasdiff has no row for is not reported, and an aspect no place has a row for is an error.

The walk below a root is breadth first and enters each pair of schema nodes once, so a recursive
schema ends the walk where it meets itself, and a schema reached along several property paths is
reported once, at the shortest (its pointers name the definition, which is what changed). Walking
every path instead is exponential in a large cycle of schemas that refer to each other. Comparing
one pair is memoized, so a component shared by many operations is compared once.
"""

from __future__ import annotations

import enum
import functools
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import NamedTuple

from specpipe.diff import detect_lifecycle as lifecycle
from specpipe.diff.config import DiffConfig
from specpipe.diff.detect_constraints import constraint_changes
from specpipe.diff.detect_properties import PropertyRules, hidden, property_changes
from specpipe.diff.detect_structure import structure_changes, structure_children, without_restated
from specpipe.diff.detect_types import Typing, type_changes, types_differ
from specpipe.diff.document_model import EMPTY, Schema, Slot
from specpipe.diff.findings import DiffFinding, Level
from specpipe.diff.rules import RULES, placed


class Direction(enum.Enum):
    REQUEST = "request"
    RESPONSE = "response"


@dataclass(frozen=True, slots=True)
class Context:
    """Where a schema sits: the rule prefix of its root and of what lies below, and the direction.

    ``nested`` is ``None`` where oasdiff has no ids below the root (headers); ``fallback`` is tried
    where ``nested`` has no id (a header parameter's properties), ``hidden`` for a property the
    reader never sees (readOnly in a request, writeOnly in a response). ``strongly_typed`` tells
    the type rules whether the encoding tells ``1`` from ``"1"`` at the root and below it.
    """

    root: str
    nested: str | None
    direction: Direction
    properties: PropertyRules | None
    fallback: str | None = None
    hidden: str | None = None
    strongly_typed: tuple[bool | None, bool | None] = (True, True)
    exploded: bool = False  # a form/explode parameter (see detect_types)

    def __hash__(self) -> int:
        """Of a few fields only: equal contexts still hash alike, and the differ hashes one per schema
        root it compares (the generated hash walks the nested property rules each time)."""
        return hash((self.root, self.nested, self.strongly_typed, self.exploded))

    def for_media(self, media: str) -> Context:
        """This context for a body of ``media``: JSON (and JSON streams: each item is JSON) is strongly
        typed, XML or a form is not."""
        return _typed(self, media in _JSON_MEDIA or media.endswith("+json"))

    def typing(self, prefix: str) -> Typing:
        request = self.direction is Direction.REQUEST
        return Typing(request, self.strongly_typed[prefix != self.root], self.exploded and prefix == self.root)


_JSON_MEDIA = frozenset({"application/json", "application/jsonl", "application/x-ndjson", "application/json-seq"})


@functools.cache
def _typed(context: Context, json: bool) -> Context:
    """Memoized, so every JSON body shares one context (and one memo of comparisons)."""
    return replace(context, strongly_typed=(json, json))


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
        added_required_with_default="new-required-request-property-with-default",
        became_required_with_default="request-property-became-required-with-default",
        hidden=PropertyRules(),
        mutability="request",
    ),
    hidden="request-read-only-property",
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
        hidden=PropertyRules(
            added_required="response-required-write-only-property-added",
            added_optional="response-optional-write-only-property-added",
            removed_required="response-required-write-only-property-removed",
            removed_optional="response-optional-write-only-property-removed",
            became_required="response-write-only-property-became-required",
            became_optional="response-write-only-property-became-optional",
        ),
        mutability="response",
        request=False,
    ),
    hidden="response-write-only-property",
)
# A parameter's value travels as text; how an object parameter's properties do is unknown.
PARAMETER = Context(
    "request-parameter", "request-parameter-property", Direction.REQUEST, None, strongly_typed=(False, None)
)
HEADER_PARAMETER = replace(
    PARAMETER,
    nested="request-header-property",
    fallback="request-parameter-property",
    properties=PropertyRules(
        added_required="new-required-request-header-property",
        became_required="request-header-property-became-required",
        hidden=PropertyRules(),
    ),
)
EXPLODED_PARAMETER = replace(PARAMETER, exploded=True)
RESPONSE_HEADER = Context("response-header", None, Direction.RESPONSE, None, strongly_typed=(False, False))

# Where oasdiff has no "compatible" id (a parameter: text on the wire), a harmless swap is "generalized".
_OTHERWISE = {"type-compatible": "type-generalized"}


def _id(prefix: str, aspect: str) -> str | None:
    rule = placed(prefix, aspect)
    if rule is None and aspect in _OTHERWISE:
        return _id(prefix, _OTHERWISE[aspect])
    return rule


def _rule(context: Context, prefix: str, aspect: str, new: Schema) -> str | None:
    """The row for ``aspect`` at ``prefix``; a hidden property has its own rows, else only harmless ones."""
    if prefix != context.root and context.hidden and hidden(new, context.direction is Direction.REQUEST):
        rule = _id(context.hidden, aspect) or _id(prefix, aspect)
        return rule if rule and (rule.startswith(context.hidden) or RULES[rule].level is Level.INFO) else None
    return _id(prefix, aspect) or (
        _id(context.fallback, aspect) if context.fallback and prefix != context.root else None
    )


# Aspect detectors: each yields (aspect, message args) for one facet of a pair of schemas.

Aspects = Iterator[tuple[str, dict[str, str]]]


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


def _deprecation(old: Schema, new: Schema, config: DiffConfig) -> Aspects:
    if old.deprecated != new.deprecated:
        yield (
            lifecycle.deprecation(lifecycle.PROPERTY_DEPRECATION, new.lifecycle, config)
            if new.deprecated
            else ("reactivated", {})
        )


def _stability(old: Schema, new: Schema, config: DiffConfig) -> Aspects:
    """A property's own ``x-stability-level``: invalid, or moved from a level the threshold includes."""
    if old.lifecycle.get("x-stability-level") == new.lifecycle.get("x-stability-level"):
        return
    for side in (old, new):
        if invalid := lifecycle.invalid_stability(side.lifecycle):
            yield "invalid-stability-level", invalid
            return
    if moved := lifecycle.stability_change(old.lifecycle, new.lifecycle, config):
        yield f"stability-{moved[0]}", moved[1]


def _description(old: Schema, new: Schema) -> Aspects:
    if old.description != new.description:
        yield "description-changed", {}


ASPECTS: tuple[Callable[[Schema, Schema], Aspects], ...] = (
    _nullability,
    _enum,
    _default,
    _description,
    constraint_changes,
)
# The ones measured against the comparison's settings (today's date, the stability threshold).
LIFECYCLE_ASPECTS: tuple[Callable[[Schema, Schema, DiffConfig], Aspects], ...] = (_deprecation, _stability)
# Everything the aspect detectors read: where all of it is equal, as in most pairs, none of them
# finds anything, and one comparison replaces seven generators (tests/specpipe/diff/test_detect_schema.py
# proves the list complete against running every detector).
ASPECT_STATE = attrgetter("nullable", "enum", "default", "deprecated", "lifecycle", "description", "constraints")


def _aspects(old: Schema, new: Schema, config: DiffConfig) -> list[tuple[str, dict[str, str]]]:
    if ASPECT_STATE(old) == ASPECT_STATE(new):
        return []
    found = [item for aspect in ASPECTS for item in aspect(old, new)]
    return found + [item for aspect in LIFECYCLE_ASPECTS for item in aspect(old, new, config)]


class _Found(NamedTuple):
    """A finding relative to the compared root: ``path`` is the property path below it (a named tuple:
    cheaper to build than a frozen dataclass, and the walk builds one per change)."""

    rule: str
    path: tuple[str, ...]
    old_pointer: str | None
    new_pointer: str | None
    args: Mapping[str, str]

    def under(self, path: tuple[str, ...]) -> _Found:
        return _Found(self.rule, (*path, *self.path), self.old_pointer, self.new_pointer, self.args)


_Child = tuple[str, Schema, Schema]
_Compared = tuple[tuple[_Found, ...], tuple[_Child, ...]]


_UNCHANGED: _Compared = ((), ())
_Pair = tuple[Schema, Schema]
_Reach = tuple[tuple[_Pair, tuple[str, ...]], ...]


class SchemaDiffer:
    """Compares schema pairs for one pair of documents, remembering every comparison and walk.

    Every operation detector is handed it, so it also carries the comparison's ``config`` to them.
    """

    def __init__(self, config: DiffConfig) -> None:
        self.config = config
        self._walkers: dict[Context, _Walker] = {}

    def findings(self, old: Slot, new: Slot, context: Context, subject: str) -> Iterator[DiffFinding]:
        """The changes from ``old`` to ``new``; ``subject`` names the root in messages ("request body")."""
        walker = self._walkers.get(context) or self._walkers.setdefault(context, _Walker(context, self.config))
        for item in walker.root(old.schema, new.schema):
            where = f"{subject} property `{'/'.join(item.path)}`" if item.path else subject
            yield DiffFinding(item.rule, item.old_pointer, item.new_pointer, {"subject": where, **item.args})


class _Walker:
    """The memoized walks in one context (request body, response body, parameter, header).

    A root's findings are built from its children's walks (the shortest path from the root to a pair
    is one step to some child plus that child's shortest path), so the walk below a component is
    done once, not once per operation whose inline schema refers to it.
    """

    def __init__(self, context: Context, config: DiffConfig) -> None:
        self._context = context
        self._config = config
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
        known = reach.get((old, new))
        if known is not None:
            return known
        found, children = self._compare(old, new, prefix)
        if not children:  # a leaf (most pairs: a property of a plain type): nothing to walk
            reach[old, new] = (((old, new), ()),) if found else ()
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
        if old is new:  # a subtree the new document took unchanged from the old (specpipe.diff.unchanged)
            return _UNCHANGED
        key = (old, new, prefix)
        compared = self._compared.get(key)
        if compared is not None:
            return compared
        aspects = _aspects(old, new, self._config)
        if types_differ(old, new):
            aspects += type_changes(old, new, self._context.typing(prefix))
        found = [
            _Found(rule, (), old.pointer, new.pointer, args)
            for name, args in aspects
            if (rule := _rule(self._context, prefix, name, new))
        ]
        # The structure detectors find nothing where neither side has structural keywords (most pairs).
        structured = old.structure is not EMPTY or new.structure is not EMPTY
        if structured:
            found += (
                _Found(seen.rule, (), seen.old_pointer, seen.new_pointer, seen.args)
                for seen in structure_changes(old, new, prefix)
            )
        children: list[_Child] = []
        if _object_like(old) and _object_like(new):
            properties = property_changes(old, new, self._context.properties)
            found += (_Found(rule, (name,), before, after, {}) for rule, name, before, after in properties.found)
            children += properties.common
        if old.items and new.items:
            children.append(("items", old.items.schema, new.items.schema))
        if old.additional and new.additional:
            children.append(("additionalProperties", old.additional.schema, new.additional.schema))
        if structured:
            children += structure_children(old, new)
            found = without_restated(old, new, prefix, found)
        compared = self._compared[key] = (tuple(found), tuple(children))
        return compared


def _object_like(schema: Schema) -> bool:
    return not schema.types or "object" in schema.types
