"""Which documented examples break their schemas, decided for all of them at once by jsonschema-rs.

doctor checked each example with its own jsonschema validator: at 20,000 operations (80,000 examples)
that was most of its time, and a deep copy of the document (to mark our strictness rule into it) most
of the rest. Here every schema an example refers to is rebuilt once into a sparse document (only the
schemas, at their pointers, so their ``$ref``\\ s resolve as in the original) with our rule spelled in
plain JSON Schema, and one jsonschema-rs validator checks the list of all examples against the list of
their schemas. doctor then runs jsonschema only on the examples found invalid, for its wording.

The rebuilt schemas mean exactly what jsonschema, as doctor configures it, means by the originals, so
no defect can slip through: keywords jsonschema's class does not apply are left out, ``format`` is an
annotation in both, and OpenAPI 3.0's departures from draft 4 are translated (``nullable``, ``$ref``
siblings applied, ``required`` skipping readOnly/writeOnly properties). What cannot be translated
(a 3.0 ``discriminator`` beside allOf/anyOf/oneOf, which openapi-schema-validator follows instead of the
branches; a 3.0 ``type`` or ``items`` list, on which it raises) makes the gate step aside: every example
is then checked by jsonschema alone. ``pattern`` is ECMA 262 on both sides: doctor's jsonschema matches
it with jsonschema-rs's engines too (``specpipe.patterns``), never with Python's backtracking ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote, unquote

import jsonschema_rs
from openapi_schema_validator import _keywords as oas_keywords

from specpipe.documents import unescape_pointer_token

# Keywords jsonschema reads without having a validator of their own (``if`` reads ``then``, draft 4's
# ``maximum`` reads ``exclusiveMaximum``...) or that only place or name schemas.
_READ_BY_OTHERS = frozenset(
    {
        "then",
        "else",
        "minContains",
        "maxContains",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "$defs",
        "definitions",
        "$id",
        "id",
        "$anchor",
        "$dynamicAnchor",
        "$recursiveAnchor",
        "$schema",
        "$vocabulary",
    }
)

# jsonschema-rs's class for the JSON Schema draft a dialect's meta-schema is written in.
_DRAFTS: Mapping[str, type[jsonschema_rs.Validator]] = {
    "http://json-schema.org/draft-04/schema#": jsonschema_rs.Draft4Validator,
    "http://json-schema.org/draft-06/schema#": jsonschema_rs.Draft6Validator,
    "http://json-schema.org/draft-07/schema#": jsonschema_rs.Draft7Validator,
    "https://json-schema.org/draft/2019-09/schema": jsonschema_rs.Draft201909Validator,
    "https://json-schema.org/draft/2020-12/schema": jsonschema_rs.Draft202012Validator,
}


# Where the rebuilt schemas are kept in the document given to jsonschema-rs (no OpenAPI field).
_SHARED = "x-specpipe-schemas"
# The end of each reference token of a JSON pointer: the pointers of the objects on the way to it.
_TOKEN_END = re.compile(r"(?=/)|$")


class Undecidable(Exception):
    """A schema the gate cannot translate exactly: jsonschema must check every example."""


class ExampleGate:
    """Rebuilds a dialect's schemas for jsonschema-rs and finds the examples that break them.

    ``validator_class`` is jsonschema's class for the dialect; ``oas30`` says it is OpenAPI 3.0's.
    The caller copies each schema, passing every node's copy through ``finish``, and hands the copies
    to ``failing``.
    """

    def __init__(self, validator_class: Any, *, oas30: bool) -> None:
        meta = validator_class.META_SCHEMA
        self._draft = _DRAFTS.get(meta.get("$schema", ""))
        self._oas30 = oas30
        self._keep = _READ_BY_OTHERS | {
            keyword
            for keyword, function in validator_class.VALIDATORS.items()
            if function is not oas_keywords.not_implemented
        }
        if oas30:
            self._keep -= {"$schema"}  # openapi-schema-validator's 3.0 class never switches dialect
        self._legacy = self._draft is jsonschema_rs.Draft4Validator

    @property
    def available(self) -> bool:
        """Whether jsonschema-rs knows the dialect's draft (draft 3 it does not)."""
        return self._draft is not None

    def finish(self, original: Mapping[str, Any], copy: dict[str, Any], declared: frozenset[str] | None) -> Any:
        """The node ``copy`` (its subschemas already rebuilt) as jsonschema-rs must see it; ``declared``,
        when not None, is the property names our strictness rule allows."""
        rebuilt = {keyword: value for keyword, value in copy.items() if keyword in self._keep}
        if self._oas30:
            self._translate_oas30(original, rebuilt)
        if declared is not None:
            rebuilt = self._strict(rebuilt, declared)
        if self._oas30 and "$ref" in rebuilt and len(rebuilt) > 1:
            # openapi-schema-validator applies a $ref's siblings; draft 4 ignores them.
            reference = {"$ref": rebuilt.pop("$ref")}
            rebuilt["allOf"] = [reference, *rebuilt.get("allOf", ())]
        return rebuilt

    def _strict(self, node: dict[str, Any], declared: frozenset[str]) -> dict[str, Any]:
        """``node`` admitting only the ``declared`` property names, in a form that adds no annotation
        (``unevaluatedProperties`` elsewhere must not see more properties as evaluated)."""
        names = sorted(declared)
        if not self._legacy:
            rule: dict[str, Any] = {"propertyNames": {"enum": names}}
            if "propertyNames" not in node:
                return {**node, **rule}
        else:  # draft 4 has no propertyNames, and no annotations to leak
            rule = {"properties": {name: {} for name in names}, "additionalProperties": False}
        return {**node, "allOf": [*node.get("allOf", ()), rule]}

    def _translate_oas30(self, original: Mapping[str, Any], node: dict[str, Any]) -> None:
        if "discriminator" in original and any(keyword in original for keyword in ("allOf", "anyOf", "oneOf")):
            raise Undecidable("a 3.0 discriminator picks one branch by the example's value")
        kind = node.get("type")
        if isinstance(kind, list) or isinstance(node.get("items"), list):
            raise Undecidable("openapi-schema-validator raises on a 3.0 type or items list")
        if isinstance(kind, str) and original.get("nullable") is True:
            node["type"] = [kind, "null"]
        if isinstance(required := node.get("required"), list):
            properties = original.get("properties", {})
            if not isinstance(properties, Mapping):
                raise Undecidable("openapi-schema-validator raises on properties that are not a map")
            node["required"] = [name for name in required if not _read_or_write_only(properties.get(name))]

    def failing(
        self,
        placed: Mapping[str, Any],
        references: Iterable[str],
        examples: Sequence[tuple[Any, Any, str, frozenset[str] | None]],
    ) -> set[int]:
        """The indexes of the ``examples`` that break their schemas.

        ``placed`` maps each placed schema's pointer to its rebuilt copy (one copy for equal schemas),
        ``references`` are the ``$ref``\\ s in them; an example is (its value, the rebuilt schema its
        schema is in, the pointer of its schema inside that one, the names the rule allows at its root).
        Raises Undecidable when jsonschema-rs cannot answer (a $ref it cannot resolve, a value that is
        not JSON).
        """
        # Only the placed schemas a $ref points into need to be at their pointers (jsonschema-rs copies
        # all it is given); a reference that is not a local pointer could point anywhere.
        targets = {unquote(reference[1:]) for reference in references if reference.startswith("#")}
        everything = any(not reference.startswith("#/") for reference in references)
        prefixes = {target[: match.start()] for target in targets for match in _TOKEN_END.finditer(target)}
        document: dict[str, Any] = {}
        for pointer, schema in placed.items():
            if everything or pointer in prefixes:
                _place(document, pointer, schema)
        # Each distinct schema once, and the examples grouped by (schema, pointer inside it, rule).
        shared: dict[int, str] = {}
        groups: dict[tuple[str, str, frozenset[str] | None], list[int]] = {}
        for index, (_, schema, suffix, declared) in enumerate(examples):
            name = shared.setdefault(id(schema), str(len(shared)))
            document.setdefault(_SHARED, {})[name] = schema
            groups.setdefault((name, suffix, declared), []).append(index)
        entries = [
            {"items": self.finish({}, {"$ref": f"#/{_SHARED}/{name}{quote(suffix)}"}, declared)}
            for name, suffix, declared in groups
        ]
        document["items" if self._draft is not jsonschema_rs.Draft202012Validator else "prefixItems"] = entries
        members = list(groups.values())
        values = [[examples[index][0] for index in indexes] for indexes in members]
        if self._draft is None:
            raise Undecidable("jsonschema-rs has no validator for the dialect's draft")
        try:
            validator = self._draft(document, validate_formats=False, offline=True)
            if validator.is_valid(values):
                return set()
            errors = list(validator.iter_errors(values))
        except (ValueError, jsonschema_rs.ReferencingError) as exc:  # ValidationError is a ValueError
            raise Undecidable(str(exc)) from exc
        if not errors or any(len(error.instance_path) < 2 for error in errors):
            raise Undecidable("jsonschema-rs reports an error outside the examples")
        return {members[int(error.instance_path[0])][int(error.instance_path[1])] for error in errors}


def _read_or_write_only(schema: Any) -> bool:
    if not schema:
        return False
    if not isinstance(schema, Mapping):
        raise Undecidable("openapi-schema-validator raises on a property schema that is not an object")
    return bool(schema.get("readOnly", False) or schema.get("writeOnly", False))


def _place(document: dict[str, Any], pointer: str, value: Any) -> None:
    """Put ``value`` at ``pointer`` in ``document``, creating the objects on the way (a list index is an
    object key here: JSON pointers resolve the same through both)."""
    *parents, last = (unescape_pointer_token(token) for token in pointer.split("/")[1:])
    node = document
    for token in parents:
        node = node.setdefault(token, {})
    node[last] = value
