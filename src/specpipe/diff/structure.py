"""The keywords that shape a schema rather than type it: composition, discriminator, JSON Schema 2020-12.

``normalize`` merges ``allOf`` (and a ``$ref`` with siblings) into one schema and folds an
``anyOf``/``oneOf`` of X-or-null into a nullable X, which is what most detectors want. The structure
detectors also need the subschemas as written (to say which ``oneOf`` branch was added), so each schema
node carries a ``Structure`` read here from its raw keywords. A schema without any of these keywords
shares the one ``EMPTY`` structure, so documents that use none of them cost a set test per node.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, Protocol

from specpipe.diff.document_model import EMPTY, Branch, Discriminator, Schema, Slot, Structure
from specpipe.documents import escape_pointer_token

KEYWORDS = frozenset(
    {
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "discriminator",
        "prefixItems",
        "if",
        "then",
        "else",
        "contains",
        "minContains",
        "maxContains",
        "dependentRequired",
        "dependentSchemas",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
        "patternProperties",
        "contentSchema",
    }
)
_COMPOSITION = frozenset({"allOf", "anyOf", "oneOf"})


class _Reader(Protocol):
    """What ``read_structure`` needs of the normalizer (it calls back into it for each subschema)."""

    def slot(self, raw: Any, pointer: str) -> Slot: ...
    def schema(self, raw: Any, pointer: str) -> Schema: ...
    def follow(self, value: Any, pointer: str, *, pure_only: bool = False) -> tuple[Any, str]: ...
    def target(self, ref: Any, pointer: str) -> tuple[Any, str]: ...
    def mapping(self, value: Any, pointer: str) -> Mapping[str, Any]: ...
    def sequence(self, value: Any, pointer: str) -> list[Any]: ...


_FIELDS = tuple(item.name for item in fields(Structure))
_SINGLE = {
    "if": "if_",
    "then": "then",
    "else": "else_",
    "contains": "contains",
    "propertyNames": "property_names",
    "unevaluatedItems": "unevaluated_items",
    "unevaluatedProperties": "unevaluated_properties",
    "contentSchema": "content_schema",
}


def _is_null(value: Any) -> bool:
    return isinstance(value, Mapping) and value.get("type") in ("null", ["null"])


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def read_structure(reader: _Reader, raw: Mapping[str, Any], pointer: str) -> Structure:
    """The structure of the schema ``raw`` at ``pointer``.

    A schema that restates another (``$ref`` with siblings, a lone ``allOf`` part, the X of an X-or-null)
    takes what it lacks from it, and says which it is: ``{$ref: X, description: ...}``,
    ``{allOf: [{$ref: X}], nullable: true}`` and ``{anyOf: [{$ref: X}, {type: "null"}]}`` all are X.
    """
    own = EMPTY if KEYWORDS.isdisjoint(raw) else _read(reader, raw, pointer)
    lender = _lender(reader, raw, pointer)
    if lender is None:
        return own
    lent = lender.structure
    values = {name: getattr(own, name) or getattr(lent, name) for name in _FIELDS}
    values["based_on"] = lent.identity(lender.pointer)
    return Structure(**values)


def _lender(reader: _Reader, raw: Mapping[str, Any], pointer: str) -> Schema | None:
    if "$ref" in raw:
        return reader.schema(*reader.target(raw["$ref"], pointer))
    if _COMPOSITION.isdisjoint(raw):
        return None
    parts = reader.sequence(raw.get("allOf"), f"{pointer}/allOf")
    if len(parts) == 1 and "anyOf" not in raw and "oneOf" not in raw:
        return reader.slot(parts[0], f"{pointer}/allOf/0").schema
    for keyword in ("anyOf", "oneOf"):
        branches = reader.sequence(raw.get(keyword), f"{pointer}/{keyword}")
        if len(branches) == 2 and not parts:
            kept = [index for index, branch in enumerate(branches) if not _is_null(reader.follow(branch, pointer)[0])]
            if len(kept) == 1:
                return reader.slot(branches[kept[0]], f"{pointer}/{keyword}/{kept[0]}").schema
    return None


def _read(reader: _Reader, raw: Mapping[str, Any], pointer: str) -> Structure:
    values: dict[str, Any] = {}
    for keyword, name in (("allOf", "all_of"), ("anyOf", "any_of"), ("oneOf", "one_of")):
        branches = _branches(reader, raw.get(keyword), f"{pointer}/{keyword}")
        if keyword != "allOf":
            resolved = [branch for branch in branches if not _is_null(branch.resolved)]
            # X-or-null is the 3.1 spelling of a nullable X: normalize merged it, so no composition here.
            branches = () if len(resolved) == 1 and len(branches) == 2 else tuple(resolved)
        values[name] = branches
    if "not" in raw:
        values["not_"] = _branches(reader, [raw["not"]], f"{pointer}/not", single=True)[0]
    if "discriminator" in raw:
        item = reader.mapping(raw["discriminator"], f"{pointer}/discriminator")
        mapping = reader.mapping(item.get("mapping"), f"{pointer}/discriminator/mapping")
        property_name = item.get("propertyName")
        values["discriminator"] = Discriminator(
            f"{pointer}/discriminator",
            property_name if isinstance(property_name, str) else None,
            {str(key): str(value) for key, value in mapping.items()},
        )
    values["prefix_items"] = _branches(reader, raw.get("prefixItems"), f"{pointer}/prefixItems")
    if values["prefix_items"]:
        values["rest_items"] = raw.get("items", True)  # absent: any value is allowed
    for keyword, name in _SINGLE.items():
        if keyword in raw:
            values[name] = reader.slot(raw[keyword], f"{pointer}/{keyword}")
    values["min_contains"] = _count(raw.get("minContains"))
    values["max_contains"] = _count(raw.get("maxContains"))
    values["dependent_required"] = {
        key: frozenset(
            str(name) for name in reader.sequence(names, f"{pointer}/dependentRequired/{escape_pointer_token(key)}")
        )
        for key, names in reader.mapping(raw.get("dependentRequired"), f"{pointer}/dependentRequired").items()
    }
    for keyword, name in (("dependentSchemas", "dependent_schemas"), ("patternProperties", "pattern_properties")):
        values[name] = {
            key: reader.slot(sub, f"{pointer}/{keyword}/{escape_pointer_token(key)}")
            for key, sub in reader.mapping(raw.get(keyword), f"{pointer}/{keyword}").items()
        }
    return Structure(**values)


def _branches(reader: _Reader, raw: Any, pointer: str, *, single: bool = False) -> tuple[Branch, ...]:
    branches = []
    for index, written in enumerate(reader.sequence(raw, pointer)):
        where = pointer if single else f"{pointer}/{index}"
        resolved, _ = reader.follow(written, where, pure_only=True)
        ref = written.get("$ref") if isinstance(written, Mapping) and len(written) == 1 else None
        title = resolved.get("title") if isinstance(resolved, Mapping) else None
        branches.append(
            Branch(
                index=index,
                slot=reader.slot(written, where),
                ref=ref if isinstance(ref, str) else None,
                title=title if isinstance(title, str) else None,
                written=written,
                resolved=resolved,
            )
        )
    return tuple(branches)
