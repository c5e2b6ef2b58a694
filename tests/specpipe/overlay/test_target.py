"""Compiled targets: the walked prefix selects exactly what jsonpath-rfc9535 selects, and refuses exactly
what it refuses, with its message."""

from __future__ import annotations

from typing import Any

import jsonpath_rfc9535
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonpath_rfc9535 import JSONPathNode

from specpipe.overlay.target import compile_target

# Pieces of queries, valid and not, chosen around the narrow pattern's edges: escapes, blank space,
# non-ASCII names, leading zeros, -0, the largest exact index and one past it, a name cut short.
FRAGMENTS = [
    ".a", ".b", ".é", ".A", ".a-b", ".1", "..a", ".*", "['a']", '["b"]', "['a\\'b']", "['\\u0041']", "['']",
    "[0]", "[1]", "[-1]", "[-3]", "[01]", "[-0]", "[9007199254740991]", "[9007199254740992]",
    "[-9007199254740991]", "[0, 1]", "[*]", "[?@.a == 1]", "[?@ == $.a]", "[?@.a]", " ", "\t", "[ 'a' ]",
    "[", "]", "'", "$", "['x]", "['\x01']", '["a\'b"]',
]  # fmt: skip
DOCUMENTS: list[Any] = [
    {"a": [{"a": 1}, {"a": 2}, [1, {"a": 1}]], "b": {"a": 1, "b": [0, 1]}, "a'b": 3, "é": {"a": 1}, "A": 4, "": 5},
    [{"a": [7, 8]}, {"b": 1}, 3],
    {"a": {"a": {"a": 1}}, "b": [[0], [1, [2]]]},
    "a",
]


def _outcome(compile_query: Any, text: str) -> tuple[str, Any]:
    try:
        return "compiled", compile_query(text)
    except jsonpath_rfc9535.JSONPathError as exc:
        return "refused", f"{type(exc).__name__}: {exc}"


def _selected(nodes: list[JSONPathNode]) -> list[tuple[Any, ...]]:
    """What apply relies on: each node's location, value and parent container, by identity."""
    return [(node.location, id(node.value), None if node.parent is None else id(node.parent.value)) for node in nodes]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.booleans())
def test_targets_agree_with_the_library(fragments: list[str], rooted: bool) -> None:
    text = ("$" if rooted else "") + "".join(fragments)
    ours, library = _outcome(compile_target, text), _outcome(jsonpath_rfc9535.compile, text)
    assert ours[0] == library[0], text
    if ours[0] == "refused":
        assert ours[1] == library[1]
        return
    for document in DOCUMENTS:
        assert _selected(ours[1].select(document)) == _selected(list(library[1].finditer(document))), text


@pytest.mark.parametrize(
    ("text", "steps", "rest"),
    [
        ("$", (), None),
        ("$.paths['/v1/video.delete'].delete.responses['200']", ("paths", "/v1/video.delete", "delete", "responses", "200"), None),
        ('$["a\'b"][0][-2].é', ("a'b", 0, -2, "é"), None),
        ("$.paths['/x'].get.parameters[?@.name == 'type'].schema", ("paths", "/x", "get", "parameters"), "$[?@['name'] == 'type']['schema']"),
        ("$.a..b", ("a",), "$..['b']"),
        ("$['a\\'b'].c", (), "$['a\\'b']['c']"),  # an escape: the library parses all of it
    ],
    ids=["root", "singular", "quotes-and-indexes", "filter-after-prefix", "descendant", "escape"],
)  # fmt: skip
def test_the_walked_prefix_and_the_compiled_rest(text: str, steps: tuple[str | int, ...], rest: str | None) -> None:
    target = compile_target(text)
    assert target.steps == steps
    assert (None if target.rest is None else str(target.rest)) == rest


def test_a_shared_rest_is_compiled_once() -> None:
    first = compile_target("$.paths['/a'].get.parameters[?@.in == 'query']")
    second = compile_target("$.paths['/b'].get.parameters[?@.in == 'query']")
    assert first.rest is not None
    assert first.rest is second.rest


def test_selected_nodes_can_be_changed_through_their_parent() -> None:
    document = {"a": [{"b": 1}, {"b": 2}]}
    (node,) = compile_target("$.a[-1].b").select(document)
    assert node.location == ("a", 1, "b")
    node.value = 3
    assert document == {"a": [{"b": 1}, {"b": 3}]}
