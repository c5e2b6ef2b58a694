"""Properties of an object schema appearing, disappearing, changing requiredness or mutability.

A property the reader never sees in this direction (``readOnly`` in a request, ``writeOnly`` in a
response) is *hidden*: oasdiff gives it its own ids (a removed write-only response property is no
removed field for the client) or none. A property that becomes hidden or visible keeps its name, so
it is a mutability change (``response-required-property-became-write-only``), never a removal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from specpipe.diff.document_model import Schema, Slot


@dataclass(frozen=True, slots=True)
class PropertyRules:
    """The ids for one place (a request body, a header parameter); ``None`` where oasdiff has none."""

    added_required: str | None = None
    added_optional: str | None = None
    removed_required: str | None = None
    removed_optional: str | None = None
    became_required: str | None = None
    became_optional: str | None = None
    added_required_with_default: str | None = None
    became_required_with_default: str | None = None
    hidden: PropertyRules | None = None  # the ids for hidden properties
    mutability: str | None = None  # "request"/"response": readOnly/writeOnly flips are reported
    request: bool = True  # which flag hides a property: readOnly (request) or writeOnly (response)


# (rule, property name, old pointer, new pointer)
PropertyFinding = tuple[str, str, str | None, str | None]


@dataclass(slots=True)
class PropertyDiff:
    found: list[PropertyFinding] = field(default_factory=list)
    common: list[tuple[str, Schema, Schema]] = field(default_factory=list)


def hidden(schema: Schema, request: bool) -> bool:
    return schema.read_only if request else schema.write_only


def _rules(rules: PropertyRules, schema: Schema) -> PropertyRules | None:
    return rules.hidden if hidden(schema, rules.request) else rules


def property_changes(old: Schema, new: Schema, rules: PropertyRules | None) -> PropertyDiff:
    """Common properties are always returned, so what lies below them is compared too."""
    result = PropertyDiff()
    visible = rules if rules and not hidden(new, rules.request) else None  # a hidden object's are hidden too
    for name, slot in old.properties.items():
        after = new.properties.get(name)
        if after is None:
            if rules and (own := _rules(rules, slot.schema)):
                rule = own.removed_required if name in old.required else own.removed_optional
                _add(result, rule, name, slot.pointer, None)
            continue
        result.common.append((name, slot.schema, after.schema))
        if visible:
            _changed(result, visible, name, (old, slot), (new, after))
    if visible:
        for name, slot in new.properties.items():
            if name not in old.properties and (own := _rules(visible, slot.schema)):
                if name not in new.required:
                    rule = own.added_optional
                elif slot.schema.default is not None and own.added_required_with_default:
                    rule = own.added_required_with_default
                else:
                    rule = own.added_required
                _add(result, rule, name, None, slot.pointer)
    return result


def _changed(
    result: PropertyDiff, rules: PropertyRules, name: str, before: tuple[Schema, Slot], after: tuple[Schema, Slot]
) -> None:
    (old, old_slot), (new, new_slot) = before, after
    required = name in old.required
    if (
        required == (name in new.required)
        and old_slot.schema.read_only == new_slot.schema.read_only
        and old_slot.schema.write_only == new_slot.schema.write_only
    ):
        return  # what the rules below read is unchanged, as for most common properties
    pointers = (old_slot.pointer, new_slot.pointer)
    if rules.mutability:
        kind = "required" if required else "optional"
        for flag, label in (("read_only", "read-only"), ("write_only", "write-only")):
            was, now = getattr(old_slot.schema, flag), getattr(new_slot.schema, flag)
            if was != now:
                state = label if now else f"not-{label}"
                _add(result, f"{rules.mutability}-{kind}-property-became-{state}", name, *pointers)
    own = _rules(rules, new_slot.schema)
    if own is None or required == (name in new.required):
        return
    if required:
        rule = own.became_optional
    elif new_slot.schema.default is not None and own.became_required_with_default:
        rule = own.became_required_with_default
    else:
        rule = own.became_required
    _add(result, rule, name, *pointers)


def _add(result: PropertyDiff, rule: str | None, name: str, old: str | None, new: str | None) -> None:
    if rule:
        result.found.append((rule, name, old, new))
