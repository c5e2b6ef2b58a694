"""Changes in a schema's composition: ``allOf``/``anyOf``/``oneOf`` subschemas, ``not``, the discriminator.

Subschemas are matched the way oasdiff matches them (diff/subschemas_diff.go), so a reordering is no
change: a ``$ref`` branch by its target, an inline branch by identical content, then by title, then a
lone unmatched untitled pair as one modified branch, and last a ``$ref`` and an inline branch that say
the same thing apart from annotations (an inline schema moved to a component). Matched ``anyOf``/``oneOf``
pairs are walked like properties; ``allOf`` parts are not, since the merged schema already holds them.
Hand-written: no Python library diffs JSON Schema composition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

from specpipe.diff.detect_list_of_types import list_of_types
from specpipe.diff.document_model import ANNOTATIONS, Branch, Schema
from specpipe.diff.normalize import canonical_json


class Seen(NamedTuple):
    """A structural change, before its rule is chosen by where the schema sits (body or property)."""

    aspect: str
    old_pointer: str | None
    new_pointer: str | None
    args: dict[str, str]


Child = tuple[str, Schema, Schema]


def _text(branch: Branch, *, contract: bool = False) -> str:
    """The branch as comparable text, once per branch: as written, or what it validates (``contract``).

    The contract is the resolved schema without annotations, so an inline schema and a component that
    say the same thing compare equal.
    """
    if contract not in branch.texts:
        value = branch.resolved if contract else branch.written
        if contract and isinstance(value, Mapping):
            value = {key: item for key, item in value.items() if key not in ANNOTATIONS}
        branch.texts[contract] = canonical_json(value)
    return branch.texts[contract]


class Matched(NamedTuple):
    pairs: list[tuple[Branch, Branch]]
    removed: list[Branch]
    added: list[Branch]


def match(old: Sequence[Branch], new: Sequence[Branch]) -> Matched:
    """Pair old and new subschemas; what stays unpaired was removed or added (each in document order)."""
    pairs: list[tuple[Branch, Branch]] = []
    left, right = list(old), list(new)

    def pair_up(accept: Callable[[Branch, Branch], object]) -> None:
        for before in list(left):
            after = next((item for item in right if accept(before, item)), None)
            if after is not None:
                pairs.append((before, after))
                left.remove(before)
                right.remove(after)

    pair_up(lambda a, b: a.ref is not None and a.ref == b.ref)
    pair_up(lambda a, b: a.ref is None is b.ref and _text(a) == _text(b))
    pair_up(lambda a, b: a.ref is None is b.ref and a.title and a.title == b.title)
    inline_left = [item for item in left if item.ref is None]
    inline_right = [item for item in right if item.ref is None]
    if len(inline_left) == len(inline_right) == 1 and not inline_left[0].title and not inline_right[0].title:
        pair_up(lambda a, b: a is inline_left[0] and b is inline_right[0])
    pair_up(lambda a, b: (a.ref is None) != (b.ref is None) and _text(a, contract=True) == _text(b, contract=True))
    return Matched(pairs, left, right)


def _labels(branches: Sequence[Branch]) -> dict[str, str]:
    return {"subschemas": ", ".join(branch.label for branch in branches)}


def _membership(keyword: str, aspect: str, old: Schema, new: Schema, matched: Matched) -> Iterator[Seen]:
    """One change for the added subschemas and one for the removed, as oasdiff reports them."""
    groups: list[tuple[str, list[Branch]]] = [
        (f"{aspect}-added", matched.added),
        (f"{aspect}-removed", matched.removed),
    ]
    if keyword == "allOf":  # a part that validates nothing changes nothing on the wire
        groups = [
            (f"{name}{suffix}", [item for item in branches if item.annotation_only is bool(suffix)])
            for name, branches in groups
            for suffix in ("", "-annotation-only")
        ]
    for name, branches in groups:
        if branches:
            added = name.startswith(f"{aspect}-added")
            pointer = branches[0].slot.pointer
            yield Seen(name, old.pointer if added else pointer, pointer if added else new.pointer, _labels(branches))


def moved_into_one_of(old: Schema, new: Schema) -> frozenset[str]:
    """The properties of ``old`` that moved into the alternatives of a ``oneOf`` that ``new`` became.

    oasdiff's "oneOf wrapping": an object with properties (and no ``oneOf``) became a ``oneOf`` with no
    type or properties of its own. Its properties were not removed, so their removals are not reported.
    """
    alternatives = new.structure.one_of
    if not alternatives or old.structure.one_of or not old.properties or new.properties or new.types:
        return frozenset()
    return frozenset(
        name for name in old.properties if any(name in branch.slot.schema.properties for branch in alternatives)
    )


def composition_changes(old: Schema, new: Schema, body: bool) -> Iterator[Seen]:
    """``body``: the schema is a body's root, where a ``oneOf`` wrapping has an id of its own."""
    before, after = old.structure, new.structure
    if max(len(before.all_of), len(after.all_of)) > 1 or before.identity(old.pointer) != after.identity(new.pointer):
        yield from _membership("allOf", "all-of", old, new, match(before.all_of, after.all_of))
    if list_of_types(old, new) is None:  # else the types' widening or narrowing says it all
        yield from _membership("anyOf", "any-of", old, new, match(before.any_of, after.any_of))
        if body and moved_into_one_of(old, new):  # reported once, not as alternatives added
            yield Seen("wrapped-in-one-of", old.pointer, new.pointer, {"count": str(len(after.one_of))})
        else:
            yield from _membership("oneOf", "one-of", old, new, match(before.one_of, after.one_of))
    yield from _not(old, new)
    yield from _discriminator(old, new)


def _not(old: Schema, new: Schema) -> Iterator[Seen]:
    before, after = old.structure.not_, new.structure.not_
    if before is None and after is not None:
        yield Seen("not-added", old.pointer, after.slot.pointer, {})
    elif before is not None and after is None:
        yield Seen("not-removed", before.slot.pointer, new.pointer, {})
    elif before is not None and after is not None and _text(before, contract=True) != _text(after, contract=True):
        yield Seen("not-changed", before.slot.pointer, after.slot.pointer, {})


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _discriminator(old: Schema, new: Schema) -> Iterator[Seen]:
    before, after = old.structure.discriminator, new.structure.discriminator
    if before is None or after is None:
        if before is not None:
            yield Seen("discriminator-removed", before.pointer, new.pointer, {})
        elif after is not None:
            yield Seen("discriminator-added", old.pointer, after.pointer, {})
        return
    where = (before.pointer, after.pointer)
    if before.property_name != after.property_name:
        names = {"old": f"`{before.property_name}`", "new": f"`{after.property_name}`"}
        yield Seen("discriminator-property-name-changed", *where, names)
    added = [key for key in after.mapping if key not in before.mapping]
    deleted = [key for key in before.mapping if key not in after.mapping]
    if added:
        yield Seen("discriminator-mapping-added", *where, {"keys": _quoted(added)})
    if deleted:
        yield Seen("discriminator-mapping-deleted", *where, {"keys": _quoted(deleted)})
    for key, target in after.mapping.items():
        if key in before.mapping and before.mapping[key] != target:
            values = {"key": f"`{key}`", "old": f"`{before.mapping[key]}`", "new": f"`{target}`"}
            yield Seen("discriminator-mapping-changed", *where, values)


def composition_children(old: Schema, new: Schema) -> Iterator[Child]:
    """The matched ``anyOf``/``oneOf`` branches, walked like properties (named as oasdiff names them)."""
    for keyword, before, after in (
        ("anyOf", old.structure.any_of, new.structure.any_of),
        ("oneOf", old.structure.one_of, new.structure.one_of),
    ):
        if before and after:
            for left, right in match(before, after).pairs:
                yield f"{keyword}[{right.label.strip('`')}]", left.slot.schema, right.slot.schema
