"""Type and format changes of a schema, classified as oasdiff does, by who reads the value.

In a request the server reads what the client sends, so a type that now accepts more is
*generalized* (safe); in a response the client reads, so returning more is breaking and returning
less is *specialized*. A type swap that only a loosely typed encoding tolerates (anything can be read
as a string from XML, a form or a header) is *compatible*. A parameter's object properties may be
serialized strongly (JSON) or loosely (``deepObject``), so where the two readings disagree the change
is reported as a warning. A query or cookie parameter sent ``form``/``explode`` (their default) that
becomes an array of its old values still takes the one value old clients send. ``integer`` lies within ``number``, and ``int32`` within ``int64``.

``oneOf``/``anyOf`` over plain types (oasdiff's "list of types") is reported as the list widening or
narrowing instead, and ``{type: 'null'}`` (null only) against an untyped schema (any value) is ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from specpipe.diff.document_model import Schema

Aspects = Iterator[tuple[str, dict[str, str]]]

_WIDER_FORMATS = {
    "number": {("float", "double")},
    "integer": {("int32", "int64"), ("int32", "bigint"), ("int64", "bigint")},
    "string": {("date", "date-time"), ("time", "date-time")},
}


@dataclass(frozen=True, slots=True)
class Typing:
    """Who reads the value (``request``: the server) and whether its encoding is strongly typed.

    ``strongly_typed`` is ``None`` where it cannot be known (an object parameter's properties).
    """

    request: bool
    strongly_typed: bool | None
    exploded: bool = False  # a form/explode parameter: one value is a valid one-item array


def show_types(types: frozenset[str], fmt: str | None = None) -> str:
    names = sorted(types)
    shown = names[0] if len(names) == 1 else f"[{', '.join(names)}]" if names else "any"
    return f"`{shown}/{fmt}`" if fmt else f"`{shown}`"


def _effective(old: Schema, new: Schema) -> tuple[frozenset[str], frozenset[str]]:
    """Both type sets; ``null`` counts as a type only against a null-only side (else nullability says it)."""
    if not (old.only_null or new.only_null):
        return old.types, new.types
    return _with_null(old), _with_null(new)


def _with_null(schema: Schema) -> frozenset[str]:
    return schema.types | {"null"} if schema.nullable else schema.types


def _subtype(sub: str, sup: str) -> bool:
    return sub == sup or (sub == "integer" and sup == "number")


def _within(sub: frozenset[str], sup: frozenset[str]) -> bool:
    """Every type of ``sub`` is covered by one of ``sup`` (an empty ``sub`` is not within anything)."""
    return bool(sub) and all(any(_subtype(name, other) for other in sup) for name in sub)


def _breaks(sent: Schema, read: Schema, types: tuple[frozenset[str], frozenset[str]], strongly_typed: bool) -> bool:
    """Whether a reader expecting ``read`` (of ``types[1]``) can fail on a value valid for ``sent``."""
    sent_types, read_types = types
    type_breaks = False
    if sent_types != read_types and read_types and not _within(sent_types, read_types):
        added, removed = sorted(read_types - sent_types), sorted(sent_types - read_types)
        single = len(added) == 1 and len(removed) == 1 and _subtype(removed[0], added[0])
        loose = not strongly_typed and (not added or added == ["string"])
        type_breaks = not (single or loose)
    format_breaks = False
    if sent.format != read.format and read.format:
        only = next(iter(read_types)) if len(read_types) == 1 else ""
        format_breaks = (sent.format, read.format) not in _WIDER_FORMATS.get(only, set())
    return type_breaks or format_breaks


def _verdict(old: Schema, new: Schema, typing: Typing, strongly_typed: bool) -> str:
    old_types, new_types = _effective(old, new)
    swap = old_types != new_types and bool(old_types) and bool(new_types)
    if typing.request:
        if _breaks(old, new, (old_types, new_types), strongly_typed):
            return "type-changed"
        return "type-compatible" if swap and not _within(old_types, new_types) else "type-generalized"
    if _breaks(new, old, (new_types, old_types), strongly_typed):
        return "type-generalized" if old_types != new_types and _within(old_types, new_types) else "type-changed"
    return "type-compatible" if swap and not _within(new_types, old_types) else "type-specialized"


def _one_item_array(old: Schema, new: Schema) -> bool:
    """``new`` is an array of exactly ``old``'s values: a form/explode parameter still takes one value."""
    item = new.items.schema if new.items else None
    return (
        new.types == {"array"}
        and item is not None
        and "array" not in old.types
        and (item.types, item.format, item.enum, item.constraints, item.nullable)
        == (old.types, old.format, old.enum, old.constraints, old.nullable)
        and not item.properties
        and item.items is None
    )


def _list_of_types(old: Schema, new: Schema, typing: Typing) -> Aspects:
    before = old.type_list if old.type_list is not None else old.types
    after = new.type_list if new.type_list is not None else new.types
    added, removed = after - before, before - after
    shown = {"old": show_types(before), "new": show_types(after)}
    if typing.request:
        yield ("list-of-types-narrowed" if removed else "list-of-types-widened"), shown
    else:
        yield ("list-of-types-widened" if added else "list-of-types-narrowed"), shown


def types_differ(old: Schema, new: Schema) -> bool:
    """A cheap test first: most compared pairs have the same types."""
    return (
        old.types != new.types
        or old.format != new.format
        or old.type_list != new.type_list
        or old.only_null != new.only_null
    )


def type_changes(old: Schema, new: Schema, typing: Typing) -> Aspects:
    if old.types == new.types and old.format == new.format and old.type_list == new.type_list:
        if old.only_null != new.only_null and not old.types:
            yield ("became-null-only" if new.only_null else "no-longer-null-only"), {}
        return
    lists = old.type_list is not None or new.type_list is not None
    if lists and (old.type_list or old.types) and (new.type_list or new.types):
        yield from _list_of_types(old, new, typing)
        return
    old_types, new_types = _effective(old, new)
    shown = {"old": show_types(old_types, old.format), "new": show_types(new_types, new.format)}
    if typing.exploded and _one_item_array(old, new):
        yield "type-generalized", shown
        return
    if typing.strongly_typed is not None:
        yield _verdict(old, new, typing, typing.strongly_typed), shown
        return
    strongly, loosely = (_verdict(old, new, typing, flag) == "type-changed" for flag in (True, False))
    yield ("type-changed" if strongly != loosely else "type-specialized" if strongly else "type-generalized"), shown
