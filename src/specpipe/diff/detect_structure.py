"""The structure detectors as the schema walk uses them: changes named by rule, pairs to walk into.

``detect_schema`` calls these for every pair of schema nodes it compares; the rule of a change is the
schema's prefix (``request-body``, ``response-property``, ...) and the change's aspect, and a change
with no row for its prefix (a parameter's ``oneOf``, say) is not reported, as elsewhere in the walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from specpipe.diff.detect_composition import (
    Child,
    Seen,
    composition_changes,
    composition_children,
    hidden_by_wrapping,
    moved_into_one_of,
)
from specpipe.diff.detect_keywords import keyword_changes, keyword_children
from specpipe.diff.normalize import Schema
from specpipe.diff.rules import RULES
from specpipe.diff.structure import EMPTY

__all__ = ["hidden_by_wrapping", "moved_into_one_of", "structure_changes", "structure_children"]


def structure_changes(old: Schema, new: Schema, prefix: str) -> Iterator[Seen]:
    """The pair's structural changes, each with its rule id (in place of the aspect)."""
    if old.structure is EMPTY and new.structure is EMPTY:
        return
    body = prefix.endswith("-body")
    for seen in chain(composition_changes(old, new, body), keyword_changes(old, new)):
        rule = f"{prefix}-{seen.aspect}"
        if rule in RULES:
            yield seen._replace(aspect=rule)


def structure_children(old: Schema, new: Schema) -> Iterator[Child]:
    if old.structure is EMPTY or new.structure is EMPTY:
        return
    yield from composition_children(old, new)
    yield from keyword_children(old, new)
