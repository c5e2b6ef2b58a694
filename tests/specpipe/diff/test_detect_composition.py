"""match(): old and new subschemas paired as oasdiff pairs them, so a reordering is no change."""

from __future__ import annotations

from typing import Any

from specpipe.diff.detect_composition import match
from specpipe.diff.document_model import Branch
from specpipe.diff.normalize import normalize

from .builders import endpoint, op

S, INTEGER = {"type": "string"}, {"type": "integer"}
COMPONENTS = {"A": {"type": "object", "title": "A", "properties": {"a": S}}, "B": INTEGER}


def _branches(*branches: Any) -> tuple[Branch, ...]:
    content = {"application/json": {"schema": {"oneOf": list(branches)}}}
    document = endpoint(
        op(responses={"200": {"description": "ok", "content": content}}), components={"schemas": COMPONENTS}
    )
    (operation,) = normalize(document, "t").operations.values()
    slot = operation.responses["200"].content["application/json"].schema
    assert slot is not None
    return slot.schema.structure.one_of


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _indexes(old: tuple[Branch, ...], new: tuple[Branch, ...]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    matched = match(old, new)
    pairs = [(left.index, right.index) for left, right in matched.pairs]
    return sorted(pairs), [item.index for item in matched.removed], [item.index for item in matched.added]


def test_refs_match_by_target_whatever_their_order() -> None:
    assert _indexes(_branches(_ref("A"), _ref("B")), _branches(_ref("B"), _ref("A"))) == ([(0, 1), (1, 0)], [], [])


def test_identical_inline_branches_match_whatever_their_order() -> None:
    assert _indexes(_branches(S, INTEGER, {"type": "boolean"}), _branches(INTEGER, S)) == ([(0, 1), (1, 0)], [2], [])


def test_titled_branches_match_by_title() -> None:
    old = _branches({**S, "title": "Name"}, INTEGER)
    new = _branches(INTEGER, {"type": "string", "maxLength": 3, "title": "Name"})
    assert _indexes(old, new) == ([(0, 1), (1, 0)], [], [])


def test_one_untitled_leftover_on_each_side_is_one_modified_branch() -> None:
    assert _indexes(_branches(S, INTEGER), _branches(S, {"type": "number"})) == ([(0, 0), (1, 1)], [], [])


def test_two_untitled_leftovers_are_removed_and_added() -> None:
    """Negative control for the rule above: with two leftovers there is no telling which became which."""
    old, new = _branches(S, INTEGER), _branches({"type": "number"}, {"type": "boolean"})
    assert _indexes(old, new) == ([], [0, 1], [0, 1])


def test_an_inline_branch_moved_to_a_component_matches_it() -> None:
    inline = {"type": "object", "properties": {"a": S}}  # A without its title: the same contract
    assert _indexes(_branches(inline, S), _branches(S, _ref("A"))) == ([(0, 1), (1, 0)], [], [])


def test_a_renamed_component_is_removed_and_added() -> None:
    assert _indexes(_branches(_ref("A")), _branches(_ref("B"))) == ([], [0], [0])
