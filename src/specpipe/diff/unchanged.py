"""Schemas the new document takes from the old one instead of modelling them again.

A diff compares two versions of one API, and most of the new one repeats the old. A schema subtree
written exactly the same at the same pointer, naming nothing outside itself (no ``$ref``), normalizes
to the same model; so ``normalize`` records the old document's schema nodes by pointer, the new
document's normalizer takes the old node where that holds, and the schema walk skips a pair that is
one object (``detect_schema``). Both the modelling and the comparing of that subtree are skipped.

"Exactly the same" is stricter than ``==``: ``true == 1``, ``1 == 1.0`` and ``0.0 == -0.0`` in Python,
but the differ prints them differently, and key order is document order (the walk's order); so types,
key order and a float's spelling must be equal too. A document whose objects are shared (YAML
aliases, or a caller's dicts) could make one node stand for two places, so an object a reused
subtree holds must not be reached anywhere else: ``Aliased`` makes ``normalize`` model the new
document again without reuse.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from typing import Any

from specpipe.diff.document_model import Schema

_SCALARS = frozenset({int, bool, type(None)})  # compared by `==` and their type (str and float apart)


class Aliased(Exception):
    """An object inside a reused subtree was reached again: the new document shares objects."""


@dataclass(eq=False, slots=True)
class Unchanged:
    """The old document's schema nodes by pointer, with the raw schema each was built from.

    ``usable`` turns false if the old document reached one node from two pointers (YAML aliases, two
    spellings of one ``$ref``): its nodes are then not a function of their pointer and text alone.
    """

    schemas: dict[str, tuple[Any, Schema]] = field(default_factory=dict)
    usable: bool = True


def same_tree(old: Any, new: Any, built: Container[int], claimed: set[int]) -> bool:
    """Whether ``new`` is ``old`` written exactly the same, with no ``$ref`` in it.

    ``built`` holds the ids of the new document's objects already modelled, ``claimed`` those of
    reused subtrees: a subtree that holds one of them, or one object twice, is not reused. On success
    ``new``'s objects are added to ``claimed``. Hand-written: no library compares JSON values strictly.
    Python's ``==`` (in C) rejects most candidates at once; the walk then checks what it cannot see.
    """
    try:
        if old != new:
            return False
    except RecursionError:  # a caller's self-containing dicts: model them
        return False
    seen: set[int] = set()
    stack = [(old, new)]
    while stack:
        before, after = stack.pop()
        pairs = _pairs(before, after, (built, claimed, seen))
        if pairs is None or not _alike(pairs, stack):
            return False
    claimed.update(seen)
    return True


def _pairs(before: Any, after: Any, taken: tuple[Container[int], Container[int], set[int]]) -> Iterable[Any] | None:
    """The values of two equal containers side by side, or ``None`` if ``after`` holds a ``$ref``,
    has its keys in another order, or is an object ``taken`` (built, claimed, seen) already."""
    if type(after) is not dict:
        return zip(before, after, strict=True)
    identity = id(after)
    if "$ref" in after or any(identity in ids for ids in taken) or list(before) != list(after):
        return None
    taken[2].add(identity)
    return zip(before.values(), after.values(), strict=True)


def _alike(pairs: Iterable[Any], stack: list[tuple[Any, Any]]) -> bool:
    """Whether values already equal are of one type and spelling too; containers go on ``stack``."""
    for was, value in pairs:
        kind = type(value)
        if kind is str:  # most values; `==` held, so `was` is the same text
            continue
        if type(was) is not kind:
            return False
        if kind is dict or kind is list:
            stack.append((was, value))
        elif repr(was) != repr(value) if kind is float else kind not in _SCALARS:
            return False  # -0.0 against 0.0; a tuple, a Mapping that is no dict (not read here)
    return True
