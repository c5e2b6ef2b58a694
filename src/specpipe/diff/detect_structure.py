"""The structure detectors as the schema walk uses them: changes named by rule, pairs to walk into.

``detect_schema`` calls these for every pair of schema nodes it compares; the rule of a change is the
schema's prefix (``request-body``, ``response-property``, ...) and the change's aspect, and a change
with no row for its prefix (a parameter's ``oneOf``, say) is not reported, as elsewhere in the walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import NamedTuple, Protocol, TypeVar

from specpipe.diff.detect_composition import Child, composition_changes, composition_children, moved_into_one_of
from specpipe.diff.detect_keywords import keyword_changes, keyword_children
from specpipe.diff.detect_list_of_types import list_of_types
from specpipe.diff.document_model import EMPTY, Schema
from specpipe.diff.rules import placed


class _Found(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def path(self) -> tuple[str, ...]: ...


_F = TypeVar("_F", bound=_Found)


class Named(NamedTuple):
    """A structural change named by its rule."""

    rule: str
    old_pointer: str | None
    new_pointer: str | None
    args: dict[str, str]


def structure_changes(old: Schema, new: Schema, prefix: str) -> Iterator[Named]:
    """The pair's structural changes that have a rule where the pair sits."""
    if old.structure is EMPTY and new.structure is EMPTY:
        return
    body = prefix.endswith("-body")
    changes = chain(composition_changes(old, new, body), keyword_changes(old, new))
    for seen in changes:
        if rule := placed(prefix, seen.aspect):
            yield Named(rule, seen.old_pointer, seen.new_pointer, seen.args)


def without_restated(old: Schema, new: Schema, prefix: str, found: list[_F]) -> list[_F]:
    """``found`` less what a structural change already says, as oasdiff leaves it out.

    A ``oneOf`` wrapping: the removal of a property that moved into the alternatives, and the type
    now "any". A list of types that changed: the type change it is reported as a widening or narrowing of.
    """
    if old.structure is EMPTY and new.structure is EMPTY:
        return found
    moved = moved_into_one_of(old, new)
    retyped = list_of_types(old, new) is not None and placed(prefix, "list-of-types-widened") is not None
    if not moved and not retyped:
        return found
    return [item for item in found if not _restates(item, moved, retyped or bool(moved))]


# The type ids a wrap or a list of types restates (detect_types reads "any" where a oneOf begins).
_TYPE_IDS = ("-type-changed", "-type-generalized", "-type-specialized", "-type-compatible")


def _restates(item: _Found, moved: frozenset[str], retyped: bool) -> bool:
    if not item.path:
        return retyped and item.rule.endswith(_TYPE_IDS)
    return len(item.path) == 1 and item.path[0] in moved and item.rule.endswith("property-removed")


def structure_children(old: Schema, new: Schema) -> Iterator[Child]:
    if old.structure is EMPTY or new.structure is EMPTY:
        return
    yield from composition_children(old, new)
    yield from keyword_children(old, new)
