"""What a valid Overlay document is: our JSON Schema, one set of rules per Overlay version (1.0, 1.1).

Written here rather than vendored: it states the same constraints as the OAI's published schemas
(tests cross-check the verdicts), built from one rule set so 1.1 reads as "1.0 plus copy and
info.description". The ``overlay`` field picks the rules; a document without a usable version is
refused for that and judged by the 1.0 rules besides.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators  # type: ignore[import-untyped]
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from specpipe.errors import OverlayError
from specpipe.schema_gate import SchemaGate

_TEXT = {"type": "string"}


def _fields(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    """An object with exactly these fields plus ``x-`` extensions (every Overlay object allows those)."""
    return {
        "type": "object",
        "properties": properties,
        "patternProperties": {"^x-": True},
        "unevaluatedProperties": False,
        "required": list(required),
    }


def _rules(minor: int) -> dict[str, Any]:
    """The document rules of Overlay 1.<minor>; 1.1 adds ``copy`` to actions and ``description`` to info."""
    info: dict[str, Any] = {"title": _TEXT, "version": _TEXT}
    action: dict[str, Any] = {
        "target": {"type": "string", "pattern": r"^\$"},
        "description": _TEXT,
        "update": {},  # any JSON value
        "remove": {"type": "boolean"},
    }
    if minor >= 1:
        info["description"] = _TEXT
        action["copy"] = _TEXT
    return _fields(
        {
            "overlay": {},  # checked once, for both versions, in OVERLAY_SCHEMA
            "info": _fields(info, "title", "version"),
            "extends": {"type": "string", "format": "uri-reference"},
            "actions": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _fields(action, "target")},
        },
        "overlay",
        "info",
        "actions",
    )


OVERLAY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "An OpenAPI Overlay document, version 1.0.x or 1.1.x",
    "properties": {"overlay": {"type": "string", "pattern": r"^1\.[01]\.\d+$"}},
    "if": {"required": ["overlay"], "properties": {"overlay": {"type": "string", "pattern": r"^1\.1\."}}},
    "then": _rules(1),
    "else": _rules(0),
}


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a JSON value, equal exactly when JSON Schema calls the values equal.

    Booleans are tagged apart from numbers (Python has True == 1); 1 and 1.0 stay equal, as JSON's
    one number type says; object key order does not matter, array order does.
    """
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, Mapping):
        return ("object", frozenset((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list):
        return ("array", tuple(_frozen(item) for item in value))
    return ("scalar", value)


def _unique_items(validator: Any, unique: bool, instance: Any, _schema: Any) -> Iterator[ValidationError]:
    """``uniqueItems`` in linear time: jsonschema compares objects pairwise, which took 100 s to explain
    an invalid overlay of 12,000 actions (see bench/RESULTS.md); hashing each item once says the same."""
    if unique and validator.is_type(instance, "array") and len({_frozen(item) for item in instance}) < len(instance):
        yield ValidationError(f"{instance!r} has non-unique elements")


_GATE = SchemaGate(
    OVERLAY_SCHEMA,
    validators.extend(Draft202012Validator, {"uniqueItems": _unique_items}),
    Registry().with_resource("urn:specpipe:overlay-schema", DRAFT202012.create_resource(OVERLAY_SCHEMA)),
    format_checker=None,
)


def schema_errors(data: Any) -> list[str]:
    """Every way ``data`` breaks the Overlay rules, as ``<location>: <message>``, sorted by location."""
    found = {("/" + "/".join(str(part) for part in error.path), error.message) for error in _GATE.violations(data)}
    return [f"{location}: {message}" for location, message in sorted(found)]


def validate_overlay_document(data: Any, source: str) -> None:
    """Refuse an invalid Overlay document, naming ``source`` and every schema error."""
    errors = schema_errors(data)
    if errors:
        listed = "\n  ".join(errors)
        raise OverlayError(f"{source}: not a valid Overlay document ({len(errors)} error(s)):\n  {listed}")
