"""Rows for schema aspects: constraints, values, types, mutability and hidden properties.

oasdiff's ids for these follow ``<place>-<aspect>`` (``request-property-max-length-decreased``), so each
row here is an id and its level, and its message comes from the aspect's template; the few ids about
a property's requiredness or mutability have their own. ``SPECPIPE_SCHEMA_ROWS`` are ours: a schema
that accepted any value (3.0 ``nullable: true`` with no type) narrowed to null alone (3.1 ``type:
'null'``), and back; oasdiff sees the same nullability on both sides and reports nothing. So are the
rows for multipleOf, uniqueItems and min/maxProperties, which oasdiff does not check: levels as for its
min/max-items ids (a request that accepts less breaks, a response that may send more breaks).
"""

from __future__ import annotations

from specpipe.diff.findings import Level

ERR, WARN, INFO = Level.BREAKING, Level.WARNING, Level.INFO
Row = tuple[str, Level, str]  # id, level, message: rules.py makes them ``Rule``\ s

# Longest first, so "request-parameter-property-..." is not read as "request-parameter-...".
_PLACES = (
    "request-parameter-property",
    "request-header-property",
    "request-read-only-property",
    "response-write-only-property",
    "request-parameter",
    "request-property",
    "request-body",
    "response-property",
    "response-header",
    "response-body",
)
_KEYWORDS = {
    "max": "maximum",
    "min": "minimum",
    "exclusive-max": "exclusiveMaximum",
    "exclusive-min": "exclusiveMinimum",
    "max-length": "maxLength",
    "min-length": "minLength",
    "max-items": "maxItems",
    "min-items": "minItems",
    "max-properties": "maxProperties",
    "min-properties": "minProperties",
}
_ASPECTS = {
    **{f"{name}-set": f"{{subject}}: {keyword} set to {{new}}" for name, keyword in _KEYWORDS.items()},
    **{f"{name}-unset": f"{{subject}}: {keyword} {{old}} removed" for name, keyword in _KEYWORDS.items()},
    **{
        f"{name}-{way}": f"{{subject}}: {keyword} {way} from {{old}} to {{new}}"
        for name, keyword in _KEYWORDS.items()
        for way in ("increased", "decreased")
    },
    "multiple-of-set": "{subject}: multipleOf set to {new}",
    "multiple-of-unset": "{subject}: multipleOf {old} removed",
    "multiple-of-generalized": "{subject}: multipleOf widened from {old} to its divisor {new}",
    "multiple-of-specialized": "{subject}: multipleOf narrowed from {old} to its multiple {new}",
    "multiple-of-changed": "{subject}: multipleOf changed from {old} to {new}",
    "unique-items-added": "{subject}: uniqueItems set (duplicate items are no longer valid)",
    "unique-items-removed": "{subject}: uniqueItems removed (duplicate items are valid now)",
    "pattern-added": "{subject}: pattern {new} added",
    "pattern-removed": "{subject}: pattern {old} removed",
    "pattern-changed": "{subject}: pattern changed from {old} to {new}",
    "pattern-generalized": "{subject}: pattern changed from {old} to the match-all {new}",
    "const-added": "{subject}: const {new} added",
    "const-removed": "{subject}: const {old} removed",
    "const-changed": "{subject}: const changed from {old} to {new}",
    "enum-value-added": "{subject}: enum value {value} added",
    "enum-value-removed": "{subject}: enum value {value} removed",
    "became-enum": "{subject} became an enum of {values}",
    "x-extensible-enum-value-removed": "{subject}: x-extensible-enum value {value} removed",
    "content-media-type-changed": "{subject}: contentMediaType changed from {old} to {new}",
    "content-encoding-changed": "{subject}: contentEncoding changed from {old} to {new}",
    "type-changed": "{subject}: type/format changed from {old} to {new}",
    "type-generalized": "{subject}: type/format widened from {old} to {new}",
    "type-specialized": "{subject}: type/format narrowed from {old} to {new}",
    "type-compatible": "{subject}: type/format changed from {old} to {new}, which its untyped encoding tolerates",
    "list-of-types-widened": "{subject}: types widened from {old} to {new}",
    "list-of-types-narrowed": "{subject}: types narrowed from {old} to {new}",
    "became-nullable": "{subject} became nullable",
    "became-not-nullable": "{subject} is no longer nullable",
    "became-null-only": "{subject} accepts only null now (it accepted any value)",
    "no-longer-null-only": "{subject} accepts any value now (it accepted only null)",
}
# Ids that are not "<place>-<aspect>": whole-property changes reported by detect_properties.
_PROPERTY = {
    "new-required-request-header-property": "{subject} added as required",
    "new-required-request-property-with-default": "{subject} added as required (it has a default)",
    "request-header-property-became-required": "{subject} became required",
    "request-property-became-required-with-default": "{subject} became required (it has a default)",
    "response-write-only-property-became-optional": "{subject} (write-only) became optional",
    "response-write-only-property-became-required": "{subject} (write-only) became required",
    "response-optional-write-only-property-added": "{subject} (write-only) added as optional",
    "response-required-write-only-property-added": "{subject} (write-only) added as required",
    "response-optional-write-only-property-removed": "{subject} (write-only) removed (it was optional)",
    "response-required-write-only-property-removed": "{subject} (write-only) removed (it was required)",
    **{
        f"{direction}-{kind}-property-became-{state}": f"{{subject}} ({kind}) became {state.replace('-', ' ')}"
        for direction in ("request", "response")
        for kind in ("required", "optional")
        for state in ("read-only", "not-read-only", "write-only", "not-write-only")
    },
}


def message(rule_id: str) -> str:
    """The template for ``rule_id``: its own, or its aspect's."""
    if rule_id in _PROPERTY:
        return _PROPERTY[rule_id]
    place = next(place for place in _PLACES if rule_id.startswith(f"{place}-"))
    return _ASPECTS[rule_id.removeprefix(f"{place}-")]


_LEVELS: tuple[tuple[str, Level], ...] = (
    ("new-required-request-header-property", ERR),
    ("new-required-request-property-with-default", ERR),
    ("request-body-const-added", ERR),
    ("request-body-const-changed", ERR),
    ("request-body-const-removed", INFO),
    ("request-body-content-encoding-changed", ERR),
    ("request-body-content-media-type-changed", ERR),
    ("request-body-exclusive-max-decreased", ERR),
    ("request-body-exclusive-max-increased", INFO),
    ("request-body-exclusive-max-set", WARN),
    ("request-body-exclusive-min-decreased", INFO),
    ("request-body-exclusive-min-increased", ERR),
    ("request-body-exclusive-min-set", WARN),
    ("request-body-max-decreased", ERR),
    ("request-body-max-increased", INFO),
    ("request-body-max-length-decreased", ERR),
    ("request-body-max-length-increased", INFO),
    ("request-body-max-length-set", WARN),
    ("request-body-max-set", WARN),
    ("request-body-min-decreased", INFO),
    ("request-body-min-increased", ERR),
    ("request-body-min-items-increased", ERR),
    ("request-body-min-items-set", WARN),
    ("request-body-min-length-decreased", INFO),
    ("request-body-min-length-increased", ERR),
    ("request-body-min-set", WARN),
    ("request-body-type-compatible", INFO),
    ("request-body-type-generalized", INFO),
    ("request-header-property-became-enum", ERR),
    ("request-header-property-became-required", ERR),
    ("request-optional-property-became-not-read-only", INFO),
    ("request-optional-property-became-not-write-only", INFO),
    ("request-optional-property-became-read-only", INFO),
    ("request-optional-property-became-write-only", INFO),
    ("request-parameter-exclusive-max-decreased", ERR),
    ("request-parameter-exclusive-max-increased", INFO),
    ("request-parameter-exclusive-max-set", WARN),
    ("request-parameter-exclusive-min-decreased", INFO),
    ("request-parameter-exclusive-min-increased", ERR),
    ("request-parameter-exclusive-min-set", WARN),
    ("request-parameter-max-decreased", ERR),
    ("request-parameter-max-increased", INFO),
    ("request-parameter-max-items-decreased", ERR),
    ("request-parameter-max-items-increased", INFO),
    ("request-parameter-max-length-decreased", ERR),
    ("request-parameter-max-length-increased", INFO),
    ("request-parameter-max-length-set", WARN),
    ("request-parameter-max-set", WARN),
    ("request-parameter-min-decreased", INFO),
    ("request-parameter-min-increased", ERR),
    ("request-parameter-min-items-decreased", INFO),
    ("request-parameter-min-items-increased", ERR),
    ("request-parameter-min-items-set", WARN),
    ("request-parameter-min-length-decreased", INFO),
    ("request-parameter-min-length-increased", ERR),
    ("request-parameter-min-set", WARN),
    ("request-parameter-pattern-added", ERR),
    ("request-parameter-pattern-changed", WARN),
    ("request-parameter-pattern-generalized", INFO),
    ("request-parameter-pattern-removed", INFO),
    ("request-parameter-property-became-not-nullable", ERR),
    ("request-parameter-property-became-nullable", INFO),
    ("request-parameter-property-enum-value-added", INFO),
    ("request-parameter-property-enum-value-removed", ERR),
    ("request-parameter-property-list-of-types-narrowed", ERR),
    ("request-parameter-property-list-of-types-widened", INFO),
    ("request-parameter-property-type-changed", WARN),
    ("request-parameter-property-type-generalized", INFO),
    ("request-parameter-property-type-specialized", ERR),
    ("request-parameter-type-generalized", INFO),
    ("request-parameter-x-extensible-enum-value-removed", ERR),
    ("request-property-became-required-with-default", ERR),
    ("request-property-const-added", ERR),
    ("request-property-const-changed", ERR),
    ("request-property-const-removed", INFO),
    ("request-property-content-encoding-changed", ERR),
    ("request-property-content-media-type-changed", ERR),
    ("request-property-exclusive-max-decreased", ERR),
    ("request-property-exclusive-max-increased", INFO),
    ("request-property-exclusive-max-set", WARN),
    ("request-property-exclusive-min-decreased", INFO),
    ("request-property-exclusive-min-increased", ERR),
    ("request-property-exclusive-min-set", WARN),
    ("request-property-max-decreased", ERR),
    ("request-property-max-increased", INFO),
    ("request-property-max-length-decreased", ERR),
    ("request-property-max-length-increased", INFO),
    ("request-property-max-length-set", WARN),
    ("request-property-max-set", WARN),
    ("request-property-min-decreased", INFO),
    ("request-property-min-increased", ERR),
    ("request-property-min-items-increased", ERR),
    ("request-property-min-items-set", WARN),
    ("request-property-min-length-decreased", INFO),
    ("request-property-min-length-increased", ERR),
    ("request-property-min-set", WARN),
    ("request-property-pattern-added", ERR),
    ("request-property-pattern-changed", WARN),
    ("request-property-pattern-generalized", INFO),
    ("request-property-pattern-removed", INFO),
    ("request-property-type-compatible", INFO),
    ("request-property-type-generalized", INFO),
    ("request-property-x-extensible-enum-value-removed", ERR),
    ("request-read-only-property-enum-value-removed", INFO),
    ("request-read-only-property-exclusive-max-decreased", INFO),
    ("request-read-only-property-exclusive-min-increased", INFO),
    ("request-read-only-property-max-decreased", INFO),
    ("request-read-only-property-max-length-decreased", INFO),
    ("request-read-only-property-min-increased", INFO),
    ("request-required-property-became-not-read-only", INFO),
    ("request-required-property-became-not-write-only", INFO),
    ("request-required-property-became-read-only", INFO),
    ("request-required-property-became-write-only", INFO),
    ("response-body-const-added", INFO),
    ("response-body-const-changed", ERR),
    ("response-body-const-removed", ERR),
    ("response-body-content-encoding-changed", ERR),
    ("response-body-content-media-type-changed", ERR),
    ("response-body-exclusive-max-increased", ERR),
    ("response-body-exclusive-min-decreased", ERR),
    ("response-body-max-increased", ERR),
    ("response-body-max-length-increased", ERR),
    ("response-body-max-length-unset", ERR),
    ("response-body-min-decreased", ERR),
    ("response-body-min-items-decreased", ERR),
    ("response-body-min-items-unset", ERR),
    ("response-body-min-length-decreased", ERR),
    ("response-body-type-compatible", INFO),
    ("response-body-type-generalized", ERR),
    ("response-body-type-specialized", INFO),
    ("response-header-type-compatible", INFO),
    ("response-header-type-generalized", ERR),
    ("response-header-type-specialized", INFO),
    ("response-optional-property-became-not-read-only", INFO),
    ("response-optional-property-became-not-write-only", INFO),
    ("response-optional-property-became-read-only", INFO),
    ("response-optional-property-became-write-only", INFO),
    ("response-optional-write-only-property-added", INFO),
    ("response-optional-write-only-property-removed", INFO),
    ("response-property-const-added", INFO),
    ("response-property-const-changed", ERR),
    ("response-property-const-removed", ERR),
    ("response-property-content-encoding-changed", ERR),
    ("response-property-content-media-type-changed", ERR),
    ("response-property-exclusive-max-increased", ERR),
    ("response-property-exclusive-min-decreased", ERR),
    ("response-property-max-increased", ERR),
    ("response-property-max-length-increased", ERR),
    ("response-property-max-length-unset", ERR),
    ("response-property-min-decreased", ERR),
    ("response-property-min-items-decreased", ERR),
    ("response-property-min-items-unset", ERR),
    ("response-property-min-length-decreased", ERR),
    ("response-property-pattern-added", INFO),
    ("response-property-pattern-changed", INFO),
    ("response-property-pattern-removed", INFO),
    ("response-property-type-compatible", INFO),
    ("response-property-type-generalized", ERR),
    ("response-property-type-specialized", INFO),
    ("response-required-property-became-not-read-only", INFO),
    ("response-required-property-became-not-write-only", WARN),
    ("response-required-property-became-read-only", INFO),
    ("response-required-property-became-write-only", INFO),
    ("response-required-write-only-property-added", INFO),
    ("response-required-write-only-property-removed", INFO),
    ("response-write-only-property-became-optional", INFO),
    ("response-write-only-property-became-required", INFO),
    ("response-write-only-property-enum-value-added", INFO),
)

SCHEMA_ROWS: tuple[Row, ...] = tuple((rule_id, level, message(rule_id)) for rule_id, level in _LEVELS)

# Our constraint aspects: (level in a request, level in a response). A bound set where there was none
# is a warning in a request, as oasdiff's "-set" ids; a multipleOf changed to neither a divisor nor a
# multiple of the old one both rejects old values and allows new ones.
_OWN_CONSTRAINTS: dict[str, tuple[Level, Level]] = {
    "max-properties-set": (WARN, INFO),
    "max-properties-unset": (INFO, ERR),
    "max-properties-increased": (INFO, ERR),
    "max-properties-decreased": (ERR, INFO),
    "min-properties-set": (WARN, INFO),
    "min-properties-unset": (INFO, ERR),
    "min-properties-increased": (ERR, INFO),
    "min-properties-decreased": (INFO, ERR),
    "multiple-of-set": (ERR, INFO),
    "multiple-of-unset": (INFO, ERR),
    "multiple-of-generalized": (INFO, ERR),
    "multiple-of-specialized": (ERR, INFO),
    "multiple-of-changed": (ERR, ERR),
    "unique-items-added": (ERR, INFO),
    "unique-items-removed": (INFO, ERR),
}
_OWN_CONSTRAINT_PLACES = ("request-parameter", "request-body", "request-property", "response-body", "response-property")

SPECPIPE_SCHEMA_ROWS: tuple[Row, ...] = tuple(
    (f"{place}-{aspect}", level, message(f"{place}-{aspect}"))
    for place, narrowed, widened in (
        ("request-body", ERR, INFO),
        ("request-property", ERR, INFO),
        ("request-parameter", ERR, INFO),
        ("response-body", INFO, ERR),
        ("response-property", INFO, ERR),
        ("response-header", INFO, ERR),
    )
    for aspect, level in (("became-null-only", narrowed), ("no-longer-null-only", widened))
) + tuple(
    (f"{place}-{aspect}", levels[place.startswith("response")], message(f"{place}-{aspect}"))
    for place in _OWN_CONSTRAINT_PLACES
    for aspect, levels in _OWN_CONSTRAINTS.items()
)
