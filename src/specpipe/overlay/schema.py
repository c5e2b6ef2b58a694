"""What a valid Overlay document is: our JSON Schema, one set of rules per Overlay version (1.0, 1.1, 1.2).

Written here rather than vendored: it states the same constraints as the OAI's published schemas
(tests cross-check the verdicts for 1.0 and 1.1), built from one rule set so 1.1 reads as "1.0 plus
copy and info.description" and 1.2 as "1.1 plus $self, components.actions and references to them".
The OAI publishes no 1.2 schema (only ``schemas/v1.2-dev``, older than the 1.2.0 text), so the 1.2
rules are written from the 1.2.0 text itself. The ``overlay`` field picks the rules; a document
without a usable version is refused for that and judged by the 1.0 rules besides.
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
# 1.2: "$self and extends ... fragment identifiers MUST NOT be used" (Resolving URI Fragments).
_DOCUMENT_URI = {"type": "string", "format": "uri-reference", "pattern": "^[^#]*$"}
# 1.2: a same-document reference whose JSON Pointer starts with /components/actions/ and names one key.
COMPONENT_ACTION_PREFIX = "#/components/actions/"


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
    """The document rules of Overlay 1.<minor>: 1.1 adds ``copy`` to actions and ``description`` to
    info; 1.2 adds ``$self``, ``components.actions`` and Reusable Action Reference Objects."""
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
    document: dict[str, Any] = {
        "overlay": {},  # checked once, for every version, in OVERLAY_SCHEMA
        "info": _fields(info, "title", "version"),
        "extends": {"type": "string", "format": "uri-reference"},
        "actions": {"type": "array", "minItems": 1, "uniqueItems": True, "items": _fields(action, "target")},
    }
    if minor >= 2:
        # A Reusable Action Object: "fields" is an Action Object with no field required and no target.
        reusable = _fields(
            {"description": _TEXT, "fields": _fields({k: v for k, v in action.items() if k != "target"})}
        )
        # The Reusable Action Reference Object's field table: $ref, target, description, and x- only.
        reference = _fields(
            {
                "$ref": {"type": "string", "pattern": f"^{COMPONENT_ACTION_PREFIX}[^/]+$"},
                "target": action["target"],
                "description": _TEXT,
            },
            "$ref",
            "target",
        )
        document["$self"] = _DOCUMENT_URI
        document["extends"] = _DOCUMENT_URI
        document["components"] = _fields({"actions": {"type": "object", "additionalProperties": reusable}})
        document["actions"]["items"] = {
            "if": {"type": "object", "required": ["$ref"]},
            "then": reference,
            "else": _fields(action, "target"),
        }
    return _fields(document, "overlay", "info", "actions")


OVERLAY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "An OpenAPI Overlay document, version 1.0.x, 1.1.x or 1.2.x",
    "properties": {"overlay": {"type": "string", "pattern": r"^1\.[012]\.\d+$"}},
    "if": {"required": ["overlay"], "properties": {"overlay": {"type": "string", "pattern": r"^1\.1\."}}},
    "then": _rules(1),
    "else": {
        "if": {"required": ["overlay"], "properties": {"overlay": {"type": "string", "pattern": r"^1\.2\."}}},
        "then": _rules(2),
        "else": _rules(0),
    },
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
    # Asserted: `extends` and `$self` must be URI references (jsonschema explains with rfc3986-validator).
    format_checker=Draft202012Validator.FORMAT_CHECKER,
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
