"""specpipe.diff.unchanged: the new document takes the old one's schema nodes, and every report stays
byte-identical to the one built with both documents modelled in full (the unoptimised path).

Negative controls, each run by hand: with ``same_tree``'s marshal comparison removed (``==`` alone:
``true`` taken for ``1``), ``test_strictly_equal_only`` and the hypothesis test fail; with ``raise Aliased`` removed from
``normalize``, ``test_an_object_shared_with_a_reused_subtree_is_modelled`` fails (the pointer moves);
with ``detect_schema``'s ``old is new`` test removed, ``test_the_bench_pair_reports_as_without_reuse``
still passes (it only skips work) but ``test_a_reused_pair_is_not_compared`` fails; with the security
test removed from ``_reused_operations``, ``test_an_unchanged_path_item_keeps_the_old_operations`` fails.
"""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import scaled_spec
from specpipe import documents
from specpipe.diff import FORMATS, DiffReport, compare, render, report
from specpipe.diff.config import DiffConfig
from specpipe.diff.detect_schema import RESPONSE_BODY, SchemaDiffer
from specpipe.diff.document_model import Document, Schema, Slot
from specpipe.diff.normalize import normalize
from specpipe.diff.unchanged import Unchanged, same_tree
from specpipe.overlay import apply_overlays, load_overlay

from .all_cases import CASES
from .builders import Case, obj, request, response

ROOT = Path(__file__).resolve().parents[3]


def _reference(old: dict[str, Any], new: dict[str, Any], today: Any = None) -> DiffReport:
    """Both documents modelled in full, nothing reused: what every optimised report must equal."""
    return report._changes(normalize(old, "old document"), normalize(new, "new document"), today, None)


def _rendered(result: DiffReport) -> list[str]:
    return [render(result, fmt) for fmt in FORMATS]


def _models(old: dict[str, Any], new: dict[str, Any]) -> tuple[Document, Document, set[int]]:
    """Both models with reuse, and the ids of the old document's schema nodes."""
    unchanged = Unchanged()
    before = normalize(old, "old document", record=unchanged)
    after = normalize(new, "new document", reuse=unchanged)
    return before, after, {id(node) for _, node in unchanged.schemas.values()}


def _root_schemas(document: Document) -> list[Schema]:
    """The schema at the root of every parameter, body and response of every operation."""
    found = []
    for operation in document.operations.values():
        slots = [parameter.schema for parameter in operation.parameters.values()]
        bodies = [operation.request_body.content] if operation.request_body else []
        bodies += [item.content for item in operation.responses.values()]
        slots += [media.schema for content in bodies for media in content.values()]
        found += [slot.schema for slot in slots if slot is not None]
    return found


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_every_pair_reports_as_without_reuse(case: Case) -> None:
    """The differ's own pairs (shared builder dicts included: `S` is one object in many places)."""
    expected = _rendered(_reference(case.old, case.new, case.today))
    assert _rendered(compare(case.old, case.new, today=case.today)) == expected


def _bench_pair(operations: int, changed: int | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """bench/scale.py's inputs (the vendored operation copied, our overlay on every copy); with
    ``changed``, only that many copies take the overlay's changes (a release that changes a few)."""
    vendored = documents.load_mapping(ROOT / "openapi" / "heygen-api.json")
    spec = scaled_spec(vendored, operations)
    overlaid = scaled_spec(
        apply_overlays(vendored, [load_overlay(ROOT / "overlay" / "heygen-api.overlay.yaml")]).document, operations
    )
    if changed is None:
        return spec, overlaid
    new = copy.deepcopy(spec)
    for path in list(new["paths"])[:changed]:
        new["paths"][path] = overlaid["paths"][path]
    return spec, new


@pytest.mark.parametrize("changed", [None, 2])
def test_the_bench_pair_reports_as_without_reuse(changed: int | None) -> None:
    old, new = _bench_pair(20, changed)
    result = compare(old, new)
    assert result.changes  # the pair has changes to get right
    assert _rendered(result) == _rendered(_reference(old, new))
    _, after, olds = _models(old, new)
    reused = [schema for schema in _root_schemas(after) if id(schema) in olds]
    assert reused  # and the new model did take nodes from the old one


def test_an_unchanged_path_item_keeps_the_old_operations() -> None:
    old, new = _bench_pair(3, 1)
    before, after, _ = _models(old, new)
    kept = [key for key, operation in after.operations.items() if operation is before.operations[key]]
    assert len(kept) == 2  # the two copies the overlay did not change
    changed = copy.deepcopy(old)
    changed["security"] = [{"key": []}]  # what an operation without its own security inherits
    before, after, _ = _models(old, changed)
    assert not any(operation is before.operations[key] for key, operation in after.operations.items())
    assert _rendered(compare(old, changed)) == _rendered(_reference(old, changed))


def test_a_reused_pair_is_not_compared() -> None:
    _, after, olds = _models(*_bench_pair(1, 0))
    assert all(id(schema) in olds for schema in _root_schemas(after))
    differ = SchemaDiffer(DiffConfig(date(2026, 1, 1)))
    schema = _root_schemas(after)[-1]
    assert list(differ.findings(Slot(schema.pointer, schema), Slot(schema.pointer, schema), RESPONSE_BODY, "x")) == []
    assert not any(walker._compared for walker in differ._walkers.values())  # the skip itself


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"default": 1}, {"default": True}),
        ({"default": 1}, {"default": 1.0}),
        ({"default": 0.0}, {"default": -0.0}),
        ({"type": "string", "description": "d"}, {"description": "d", "type": "string"}),
        ({"items": {"type": "string"}}, {"items": MappingProxyType({"type": "string"})}),
    ],
    ids=["bool-for-int", "float-for-int", "negative-zero", "key-order", "mapping-for-dict"],
)
def test_strictly_equal_only(old: dict[str, Any], new: dict[str, Any]) -> None:
    assert same_tree(old, copy.deepcopy(old), set(), set())  # negative control: an exact copy is reused
    assert not same_tree(old, new, set(), set())


def test_a_subtree_with_a_ref_is_modelled() -> None:
    """Its target may differ between the documents, whatever the text of the ``$ref``."""
    assert same_tree({"items": {"type": "string"}}, {"items": {"type": "string"}}, set(), set())
    assert not same_tree({"items": {"$ref": "#/A"}}, {"items": {"$ref": "#/A"}}, set(), set())


def test_a_value_json_has_no_type_for_is_modelled() -> None:
    """A caller's Mapping that is no dict, on both sides: not compared here, left to the normalizer."""
    assert not same_tree({"items": MappingProxyType({})}, {"items": MappingProxyType({})}, set(), set())


def test_an_object_twice_in_the_new_document_is_not_claimed_twice() -> None:
    shared = {"type": "string"}
    claimed: set[int] = set()
    assert not same_tree({"a": {"type": "string"}, "b": {"type": "string"}}, {"a": shared, "b": shared}, set(), claimed)
    assert claimed == set()
    assert not same_tree({"type": "string"}, shared, {id(shared)}, set())  # already modelled in the new document


def _aliasing_pair(first: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Old: ``a`` (an object with ``x``) and ``c`` (an integer). New: ``a`` unchanged, but its ``x`` is
    also ``c`` (one object in two places: a YAML alias), so ``c`` changed to a string; ``first`` is
    the property written first."""
    x = {"type": "string"}
    old_a = obj(x={"type": "string"})
    properties_old = {"a": old_a, "c": {"type": "integer"}}
    properties_new = {"a": obj(x=x), "c": x}
    order = [first, "c" if first == "a" else "a"]
    old = response({"type": "object", "properties": {name: properties_old[name] for name in order}})
    new = response({"type": "object", "properties": {name: properties_new[name] for name in order}})
    return old, new


@pytest.mark.parametrize("first", ["a", "c"])
def test_an_object_shared_with_a_reused_subtree_is_modelled(first: str) -> None:
    old, new = _aliasing_pair(first)
    result = compare(old, new)
    assert _rendered(result) == _rendered(_reference(old, new))
    pointers = {change.new_pointer for change in result.changes}
    shared_at = "a/properties/x" if first == "a" else "c"  # the shared node keeps the pointer it was first met at
    assert any(pointer and pointer.endswith(f"/properties/{shared_at}") for pointer in pointers), pointers


def test_an_old_document_with_shared_objects_is_not_reused() -> None:
    x = {"type": "string"}
    old = response({"type": "object", "properties": {"c": x, "a": obj(x=x)}})
    unchanged = Unchanged()
    normalize(old, "old document", record=unchanged)
    assert not unchanged.usable
    new = copy.deepcopy(old)
    new["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["c"] = {
        "type": "integer"
    }
    assert _rendered(compare(old, new)) == _rendered(_reference(old, new))


# Hypothesis: random pairs of schemas that agree in random places, compared with and without reuse.
_VALUES = st.sampled_from([0, 1, 1.0, 0.0, -0.0, True, False, "1", None])
_SPELLINGS = {
    repr(value): [1, 1.0, True] if value else [0, 0.0, -0.0, False] for value in (0, 1, 1.0, 0.0, -0.0, True, False)
}
_LEAF = st.fixed_dictionaries(
    {"type": st.sampled_from(["string", "integer", "number", "boolean"])},
    optional={
        "default": _VALUES,
        "enum": st.lists(_VALUES, min_size=1, max_size=3),
        "description": st.sampled_from(["a", "b"]),
        "readOnly": st.booleans(),
    },
)


@st.composite
def _schema_pairs(draw: st.DrawFn, depth: int = 0) -> tuple[Any, Any]:
    kind = draw(
        st.sampled_from(["same", "leaf", "respelled", "object", "array"] if depth < 3 else ["same", "respelled"])
    )
    if kind == "same":
        old, _ = draw(_schema_pairs(depth + 1)) if depth < 3 else (draw(_LEAF), None)
        return old, copy.deepcopy(old)
    if kind == "leaf":
        return draw(_LEAF), draw(_LEAF)
    if kind == "respelled":  # the same text to Python's `==` (1, 1.0, true), not to the differ
        old = draw(_LEAF)
        spelling = {key: draw(st.sampled_from(_SPELLINGS.get(repr(value), [value]))) for key, value in old.items()}
        return old, spelling
    if kind == "array":
        old_item, new_item = draw(_schema_pairs(depth + 1))
        return {"type": "array", "items": old_item}, {"type": "array", "items": new_item}
    names = draw(st.lists(st.sampled_from("abcd"), unique=True, max_size=3))
    children = {name: draw(_schema_pairs(depth + 1)) for name in names}
    old_properties = {name: pair[0] for name, pair in children.items()}
    new_names = draw(st.permutations(names)) if draw(st.booleans()) else names
    new_properties = {name: children[name][1] for name in new_names}
    required = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    return (
        {"type": "object", "properties": old_properties, "required": required},
        {"type": "object", "properties": new_properties, "required": draw(st.sampled_from([required, names]))},
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_schema_pairs())
def test_random_pairs_report_as_without_reuse(pair: tuple[Any, Any]) -> None:
    old_schema, new_schema = pair
    old = request(old_schema)
    new = request(new_schema)
    old["paths"]["/things"]["get"] = response(copy.deepcopy(old_schema))["paths"]["/things"]["get"]
    new["paths"]["/things"]["get"] = response(copy.deepcopy(new_schema))["paths"]["/things"]["get"]
    assert _rendered(compare(old, new)) == _rendered(_reference(old, new))
