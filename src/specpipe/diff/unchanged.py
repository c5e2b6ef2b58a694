"""Schemas the new document takes from the old one instead of modelling them again.

A diff compares two versions of one API, and most of the new one repeats the old. A schema subtree
written exactly the same at the same pointer, naming nothing outside itself (no ``$ref``), normalizes
to the same model; so ``normalize`` records the old document's schema nodes by pointer, the new
document's normalizer takes the old node where that holds, and the schema walk skips a pair that is
one object (``detect_schema``). Both the modelling and the comparing of that subtree are skipped.
A path item likewise, whole, with its operations, when the security they inherit is the same too.

"Exactly the same" is stricter than ``==``: ``true == 1``, ``1 == 1.0`` and ``0.0 == -0.0`` in Python,
but the differ prints them differently, and key order is document order (the walk's order); so types,
key order and a float's spelling must be equal too. A document whose objects are shared (YAML
aliases, or a caller's dicts) could make one node stand for two places, so an object a reused
subtree holds must not be reached anywhere else: ``Aliased`` makes ``normalize`` model the new
document again without reuse.
"""

from __future__ import annotations

import marshal
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from specpipe.diff.document_model import Operation, Schema, Security

_CONTAINERS = frozenset({dict, list, tuple})


class Aliased(Exception):
    """An object inside a reused subtree was reached again: the new document shares objects."""


@dataclass(eq=False, slots=True)
class Unchanged:
    """The old document's schema nodes and path items' operations by pointer, with the raw value
    each was built from.

    ``usable`` turns false if the old document reached one node from two pointers (YAML aliases, two
    spellings of one ``$ref``): its nodes are then not a function of their pointer and text alone.
    """

    schemas: dict[str, tuple[Any, Schema]] = field(default_factory=dict)
    # The operations of each path item of ``paths``, with the raw path item and the security they inherit.
    paths: dict[str, tuple[Any, list[Operation], Security]] = field(default_factory=dict)
    usable: bool = True


def same_tree(old: Any, new: Any, built: Container[int], claimed: set[int]) -> bool:
    """Whether ``new`` is ``old`` written exactly the same, with no ``$ref`` in it.

    ``built`` holds the ids of the new document's objects already modelled, ``claimed`` those of
    reused subtrees: a subtree that holds one of them, or one object twice, is not reused. On success
    ``new``'s objects are added to ``claimed``. Hand-written: no library compares JSON values strictly.
    Python's ``==`` rejects most candidates at once, marshal's bytes (format 2: no back-references)
    tell types, key order and float bits apart, both in C; only the objects' ids need a Python walk.
    """
    try:
        if old != new:
            return False
        data = marshal.dumps(new, 2)
        if b"$ref" in data or data != marshal.dumps(old, 2):
            return False  # a `$ref` (or a text that mentions one: modelled, to be safe) or another spelling
    except (RecursionError, ValueError):  # a caller's self-containing dicts, a value JSON has no type for
        return False
    seen: set[int] = set()
    stack = [new]
    while stack:
        node = stack.pop()
        identity = id(node)
        if identity in built or identity in claimed or identity in seen:
            return False
        seen.add(identity)
        stack += [value for value in (node.values() if type(node) is dict else node) if type(value) in _CONTAINERS]
    claimed.update(seen)
    return True
