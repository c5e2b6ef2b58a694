"""``specpipe doctor SPEC --suggest FILE``: the overlay that makes the schemas agree with their examples.

Doctor's findings say where a documented example contradicts its schema; this module writes the
Overlay actions a person would otherwise write by hand, each the minimal change the examples prove and
each with a description quoting its evidence. Four kinds are fixable:

- a type the examples give as an array of that type (every example, none disagreeing): ``string`` →
  ``type: array, items: {type: string}``;
- a ``null`` in an example: nullable, in the document's own dialect (3.0 ``nullable: true``; 3.1 and
  later a type array, which takes two actions: Overlay merging cannot turn a string into an array);
- properties an example carries that its object schema does not declare: those properties, each typed
  from the examples' values;
- an enum value an example uses that the enum lacks: the enum widened.

Anything else (a number where a string is declared, examples that disagree, a schema reached through
allOf/anyOf/oneOf) is listed as a comment, never guessed. ``required`` is never suggested: which fields
are always present is a decision the examples cannot prove. The overlay is Overlay 1.0.0, so every tool
reads it, and its targets are in the style of ours (``$.paths['/v1/video.delete'].delete...``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from jsonpath_rfc9535.serialize import canonical_string

from specpipe import documents
from specpipe.doctor import Finding, documented_examples
from specpipe.doctor.naming import name_actions
from specpipe.documents import escape_pointer_token, unescape_pointer_token
from specpipe.errors import InputError
from specpipe.overlay import parse_overlay
from specpipe.overlay.dumper import OverlayDumper

# JSON Schema's primitive type names, by the Python type of a parsed JSON value (bool before int).
_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "number"),
    (str, "string"),
    (list, "array"),
    (dict, "object"),
)
_COMBINATORS = ("allOf", "anyOf", "oneOf")


def _json_type(value: Any) -> str:
    return "null" if value is None else next(name for types, name in _JSON_TYPES if isinstance(value, types))


def _fits(value: Any, declared: str) -> bool:
    """``value`` is an instance of the JSON Schema type ``declared`` (an integer is a number too)."""
    actual = _json_type(value)
    return actual == declared or (declared == "number" and actual == "integer")


def _tokens(pointer: str) -> list[str]:
    return [unescape_pointer_token(token) for token in pointer.split("/")[1:]]


def _child(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape_pointer_token(str(token)) for token in tokens)


_SHORTHAND = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _quote(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "…"


@dataclass
class _Evidence:
    """The examples' values at one schema node, and doctor's findings about them."""

    values: list[tuple[str, Any]] = field(default_factory=list)  # (value pointer, value)
    findings: list[Finding] = field(default_factory=list)


class _Document:
    """The document's schemas, walked along its examples: which schema node each example value meets."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.nodes: dict[str, _Evidence] = defaultdict(_Evidence)
        self.located: dict[str, str] = {}  # value pointer → the pointer of the schema node it meets
        for pointer, value, schema in documented_examples(document):
            self._observe(schema, value, pointer)

    def node(self, pointer: str) -> Any:
        node: Any = self.document
        for token in _tokens(pointer):
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def jsonpath(self, pointer: str) -> str:
        """The JSONPath of a JSON pointer, in our overlay's style: member-name shorthand where RFC 9535
        allows it, ``['…']`` elsewhere, a parameter by name and location rather than by index
        (``$.paths['/v1/video.delete'].delete.parameters[?@.name == 'type' && @.in == 'query']``)."""
        path, node = "$", self.document
        for token in _tokens(pointer):
            if isinstance(node, list):
                node = node[int(token)]
                if isinstance(node, Mapping) and isinstance(node.get("name"), str) and isinstance(node.get("in"), str):
                    path += f"[?@.name == {canonical_string(node['name'])} && @.in == {canonical_string(node['in'])}]"
                else:
                    path += f"[{token}]"
            else:
                node = node[token]
                path += f".{token}" if _SHORTHAND.fullmatch(token) else f"[{canonical_string(token)}]"
        return path

    def _resolved(self, pointer: str) -> str | None:
        """``pointer``, or where its chain of local $refs ends; None when one does not resolve."""
        seen: set[str] = set()
        while isinstance(ref := self._get(pointer, "$ref"), str):
            if not ref.startswith("#") or ref in seen:
                return None
            seen.add(ref)
            pointer = unquote(ref[1:])
            try:
                self.node(pointer)
            except (KeyError, IndexError, ValueError, TypeError):
                return None
        return pointer

    def _get(self, pointer: str, key: str) -> Any:
        node = self.node(pointer)
        return node.get(key) if isinstance(node, Mapping) else None

    def _observe(self, schema: str, value: Any, value_pointer: str) -> None:
        resolved = self._resolved(schema)
        if resolved is None:
            return
        self.nodes[resolved].values.append((value_pointer, value))
        self.located[value_pointer] = resolved
        if isinstance(value, Mapping) and isinstance(properties := self._get(resolved, "properties"), Mapping):
            for key, item in value.items():
                if key in properties:
                    self._observe(_child(resolved, "properties", key), item, _child(value_pointer, key))
        elif isinstance(value, list) and isinstance(self._get(resolved, "items"), Mapping):
            for index, item in enumerate(value):
                self._observe(_child(resolved, "items"), item, _child(value_pointer, index))


@dataclass(frozen=True)
class Suggestion:
    """The overlay's actions (none when nothing is fixable) and the findings left to a person."""

    actions: tuple[dict[str, Any], ...]
    unfixable: tuple[str, ...]

    def render(self, spec_name: str) -> str:
        """The Overlay 1.0.0 document as YAML, the unfixable findings as comments above it."""
        header = [
            f"# Suggested by `specpipe doctor {spec_name} --suggest`: review each action before applying it.",
            "# Each description quotes the example that proves the change, or says how a suggested name was derived;",
            "# no field is made required.",
        ]
        if self.unfixable:
            header.append("# Findings this overlay does not fix (a person decides):")
            header += ["#   " + " ".join(line.splitlines()) for line in self.unfixable]  # one comment line each
        document = {
            "overlay": "1.0.0",
            "info": {"title": f"suggested fixes for {spec_name}", "version": "1.0.0"},
            "actions": list(self.actions),
        }
        body = yaml.dump(document, Dumper=OverlayDumper, sort_keys=False, allow_unicode=True, width=100)
        return "\n".join(header) + "\n" + body


def suggest(document: Mapping[str, Any], findings: Iterable[Finding], *, names: bool = False) -> Suggestion:
    """The fix doctor's ``findings`` on ``document`` prove, one action per fixable finding and node; with
    ``names``, then an operationId and a tag for each operation lacking one (``specpipe.doctor.naming``)."""
    walked = _Document(document)
    unfixable: list[str] = []
    for finding in findings:
        node = walked.located.get(finding.pointer)
        if node is None or finding.keyword not in ("type", "enum", "unevaluatedProperties"):
            unfixable.append(str(finding))
        else:
            walked.nodes[node].findings.append(finding)
    actions: list[dict[str, Any]] = []
    dialect_30 = str(document.get("openapi", "")).startswith("3.0")
    for pointer, evidence in walked.nodes.items():
        if evidence.findings:
            fixed = list(_fix(walked, pointer, evidence, dialect_30))
            if fixed:
                actions += fixed
            else:
                unfixable += [str(finding) for finding in evidence.findings]
    if names:
        actions += name_actions(document)
    suggestion = Suggestion(tuple(actions), tuple(sorted(unfixable)))
    if actions:  # our own output must be a valid overlay: parse it as any overlay is parsed
        parse_overlay(
            documents.parse_text(suggestion.render("check"), "the suggested overlay"), "the suggested overlay"
        )
    return suggestion


def write_suggestion(
    document: Mapping[str, Any], findings: Iterable[Finding], output: Path, spec_name: str, *, names: bool = False
) -> str:
    """Write the suggested overlay to ``output`` when it has an action; a sentence saying what happened.

    With no fixable finding no file is written (an overlay needs at least one action), and an existing
    ``output`` is left as it was.
    """
    suggestion = suggest(document, findings, names=names)
    left = f"{len(suggestion.unfixable)} finding(s) it cannot fix"
    if not suggestion.actions:
        return f"no fixable finding ({left}): {output} not written"
    try:
        documents.write_atomic(output, suggestion.render(spec_name))
    except OSError as exc:
        raise InputError(f"{output}: doctor --suggest: cannot write the suggested overlay: {exc}") from exc
    return f"suggested overlay written to {output}: {len(suggestion.actions)} action(s), {left} listed as comments"


def _fix(walked: _Document, pointer: str, evidence: _Evidence, dialect_30: bool) -> Iterator[dict[str, Any]]:
    """The actions for one schema node, or none when its findings are not all of a fixable kind."""
    schema = walked.node(pointer)
    if not isinstance(schema, Mapping) or any(keyword in schema for keyword in _COMBINATORS):
        return
    keywords = {finding.keyword for finding in evidence.findings}
    declared = schema.get("type")
    nulls = [(where, value) for where, value in evidence.values if value is None]
    others = [(where, value) for where, value in evidence.values if value is not None]
    where = f"the schema at {pointer}"
    if "unevaluatedProperties" in keywords:
        if keywords != {"unevaluatedProperties"}:
            return
        yield from _properties(walked, pointer, schema, evidence)
        return
    if (
        isinstance(declared, str)
        and declared != "array"
        and others
        and all(isinstance(value, list) and all(_fits(item, declared) for item in value) for _, value in others)
    ):
        if nulls:
            return  # an array type and a null: two changes the examples do not single out
        quoted = "; ".join(
            f"the example value at {value_pointer} is {_quote(value)}" for value_pointer, value in others
        )
        yield {
            "target": walked.jsonpath(pointer),
            "description": f"Every example gives an array of {declared} values where {where} says type "
            f"{declared}: an array whose items keep the declared type. Evidence: {quoted}.",
            "update": {"type": "array", "items": {"type": declared}},
        }
        return
    enum = schema.get("enum")
    outside = [
        (value_pointer, value)
        for value_pointer, value in others
        if isinstance(enum, list) and value not in enum and (not isinstance(declared, str) or _fits(value, declared))
    ]
    mistyped = [value for _, value in others if isinstance(declared, str) and not _fits(value, declared)]
    if mistyped or (keywords - {"type", "enum"}) or ("type" in keywords and not nulls):
        return
    if nulls and not _nullable(schema, dialect_30):
        quoted = "; ".join(f"the example value at {value_pointer} is null" for value_pointer, _ in nulls)
        description = f"The examples give null where {where} does not allow it. Evidence: {quoted}."
        yield from _make_nullable(walked, pointer, schema, description, dialect_30)
    if outside:
        widened: list[Any] = []
        for _, value in outside:
            if value not in widened:
                widened.append(value)
        quoted = "; ".join(
            f"the example value at {value_pointer} is {_quote(value)}" for value_pointer, value in outside
        )
        yield {
            "target": walked.jsonpath(pointer),
            "description": f"The examples use values the enum of {where} lacks ({_quote(enum)}). Evidence: {quoted}.",
            "update": {"enum": widened},  # Overlay merging concatenates arrays: the enum keeps its values
        }


def _nullable(schema: Mapping[str, Any], dialect_30: bool) -> bool:
    declared = schema.get("type")
    if dialect_30:
        return schema.get("nullable") is True
    return declared is None or declared == "null" or (isinstance(declared, list) and "null" in declared)


def _make_nullable(
    walked: _Document, pointer: str, schema: Mapping[str, Any], description: str, dialect_30: bool
) -> Iterator[dict[str, Any]]:
    update: dict[str, Any] = {}
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        update["enum"] = [None]  # an enum admits null only when it lists it
    declared = schema.get("type")
    if dialect_30:
        yield {"target": walked.jsonpath(pointer), "description": description, "update": {"nullable": True, **update}}
    elif isinstance(declared, list):
        yield {"target": walked.jsonpath(pointer), "description": description, "update": {"type": ["null"], **update}}
    else:
        yield {
            "target": walked.jsonpath(_child(pointer, "type")),
            "description": f"{description} (Step 1 of 2: Overlay merging cannot turn the type string into an "
            "array, so it is removed first.)",
            "remove": True,
        }
        yield {
            "target": walked.jsonpath(pointer),
            "description": f"{description} (Step 2 of 2.)",
            "update": {"type": [declared, "null"], **update},
        }


def _inferred(values: list[Any]) -> dict[str, Any] | None:
    """The schema every value in ``values`` proves, or None when they disagree or one is null."""
    types = {_json_type(value) for value in values}
    if types == {"integer", "number"}:
        types = {"number"}
    if len(types) != 1 or "null" in types:
        return None
    (kind,) = types
    if kind == "array":
        items = [item for value in values for item in value]
        inner = _inferred(items) if items else None
        return {"type": "array", "items": inner} if inner is not None else None
    if kind == "object":
        keys: dict[str, list[Any]] = defaultdict(list)
        for value in values:
            for key, item in value.items():
                keys[key].append(item)
        properties = {key: _inferred(items) for key, items in keys.items()}
        if any(schema is None for schema in properties.values()):
            return None
        return {"type": "object", "properties": properties}
    return {"type": kind}


def _properties(
    walked: _Document, pointer: str, schema: Mapping[str, Any], evidence: _Evidence
) -> Iterator[dict[str, Any]]:
    """The properties an object schema's examples carry and it does not declare, typed from the values."""
    declared = schema.get("properties")
    if not isinstance(declared, Mapping) or "$ref" in schema:
        return
    carried: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for value_pointer, value in evidence.values:
        if isinstance(value, Mapping):
            for key, item in value.items():
                if key not in declared:
                    carried[key].append((_child(value_pointer, key), item))
    properties = {key: _inferred([item for _, item in found]) for key, found in carried.items()}
    if not carried or any(inferred is None for inferred in properties.values()):
        return
    quoted = "; ".join(
        f"the example value at {value_pointer} is {_quote(item)}"
        for found in carried.values()
        for value_pointer, item in found
    )
    yield {
        "target": walked.jsonpath(pointer),
        "description": f"The examples carry properties the schema at {pointer} does not declare: "
        f"{', '.join(sorted(carried))}. Evidence: {quoted}. None is made required: the examples do not "
        "prove a field is always present.",
        "update": {"properties": properties},
    }
