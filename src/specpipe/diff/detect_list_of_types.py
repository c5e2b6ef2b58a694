"""The "list of types" pattern: ``oneOf``/``anyOf`` of plain types read as one type list.

``type: string`` becoming ``oneOf: [{type: string}, {type: integer}]`` is a widening to string or
integer, not a type change to "any" plus an added subschema; oasdiff (diff/list_of_types_diff.go)
reads it so, and so do we. The finding itself comes from ``detect_types`` (``Schema.type_list``); this
tells the structure detectors when a oneOf/anyOf change is such a retyping, so they stay quiet. Either side may be a single type or such a list; at least one side must
be a list, and a schema with properties, ``allOf`` or ``not`` is no list of types.
"""

from __future__ import annotations

from specpipe.diff.document_model import EMPTY, Branch, Schema


def _plain_type(branch: Branch) -> str | None:
    schema = branch.slot.schema
    structure = schema.structure
    if len(schema.types) != 1 or schema.properties or structure.one_of or structure.any_of or structure.all_of:
        return None
    return next(iter(schema.types))


def _pattern(schema: Schema) -> tuple[bool, frozenset[str]] | None:
    """(is a list, its types), or ``None`` where the schema is no type pattern."""
    structure = schema.structure
    if structure.not_ is not None or structure.all_of or schema.properties:
        return None
    if schema.types:
        return False, schema.types
    for branches in (structure.one_of, structure.any_of):
        if branches:
            types = [_plain_type(branch) for branch in branches]
            return (True, frozenset(name for name in types if name)) if all(types) else None
    return None


def list_of_types(old: Schema, new: Schema) -> tuple[frozenset[str], frozenset[str]] | None:
    """The types before and after, where a list-of-types pattern changed; else ``None``."""
    if old.structure is EMPTY and new.structure is EMPTY:
        return None
    before, after = _pattern(old), _pattern(new)
    if before is None or after is None or not (before[0] or after[0]) or before[1] == after[1]:
        return None
    return before[1], after[1]
