"""Applying Overlays: update, remove, copy, strictness, no mutation of the input, and our real overlay."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specpipe import documents
from specpipe.errors import OverlayError, UnmatchedTargetError
from specpipe.overlay import Overlay, apply_overlays, load_overlay, parse_overlay

SOURCE = "test.overlay.yaml"
ROOT = Path(__file__).resolve().parents[3]


def _overlay(*actions: dict[str, Any], source: str = SOURCE) -> Overlay:
    return parse_overlay({"overlay": "1.1.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}, source)


def _apply(document: dict[str, Any], *actions: dict[str, Any]) -> dict[str, Any]:
    return apply_overlays(document, [_overlay(*actions)]).document


def _spec() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "API", "version": "1"},
        "servers": [{"url": f"https://{name}", "description": name} for name in ("a", "dev", "b", "dev", "dev", "c")],
        "paths": {
            "/a": {"get": {"parameters": [{"name": "q", "in": "query"}], "responses": {"200": {"description": "ok"}}}},
            "/b": {"get": {"responses": {"200": {"description": "ok"}, "500": {"description": "boom"}}}},
        },
    }


def test_update_merges_into_each_target() -> None:
    result = _apply(_spec(), {"target": "$.paths.*.get", "update": {"x-safe": True, "responses": {"200": {"x": 1}}}})
    for path in ("/a", "/b"):
        assert result["paths"][path]["get"]["x-safe"] is True
        assert result["paths"][path]["get"]["responses"]["200"] == {"description": "ok", "x": 1}


def test_update_of_an_array_target_appends_the_value() -> None:
    parameter = {"name": "page", "in": "query"}
    result = _apply(_spec(), {"target": "$.paths['/a'].get.parameters", "update": parameter})
    assert result["paths"]["/a"]["get"]["parameters"] == [{"name": "q", "in": "query"}, parameter]


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0", "1.2.0"])
def test_an_array_update_of_an_array_target_is_concatenated_in_every_version(version: str) -> None:
    """1.1 and 1.2: "an array to concatenate with each selected array, or an object or primitive value to
    append"; 1.0 is ambiguous, and we read it the same way."""
    overlay = parse_overlay(
        {
            "overlay": version,
            "info": {"title": "t", "version": "1"},
            "actions": [
                {"target": "$.tags", "update": ["b", "c"]},
                {"target": "$.tags", "update": "d"},
                {"target": "$.tags", "update": {"e": 1}},
                {"target": "$.tags", "update": [["f"]]},
            ],
        },
        SOURCE,
    )
    assert apply_overlays({"tags": ["a"]}, [overlay]).document == {"tags": ["a", "b", "c", "d", {"e": 1}, ["f"]]}


def test_copy_of_an_array_into_an_array_target_is_concatenated() -> None:
    assert _apply({"from": [2, 3], "to": [1]}, {"target": "$.to", "copy": "$.from"})["to"] == [1, 2, 3]


def test_a_location_selected_twice_is_updated_once() -> None:
    assert _apply({"l": [1]}, {"target": "$['l', 'l']", "update": 2}) == {"l": [1, 2]}


def test_update_of_a_primitive_target_replaces_it() -> None:
    result = _apply(
        _spec(), {"target": "$.info.title", "update": "Renamed"}, {"target": "$.servers[*].url", "update": "x"}
    )
    assert result["info"]["title"] == "Renamed"
    assert {server["url"] for server in result["servers"]} == {"x"}


def test_update_of_the_root() -> None:
    result = _apply(_spec(), {"target": "$", "update": {"info": {"x-overlaid": True}, "tags": []}})
    assert result["info"] == {"title": "API", "version": "1", "x-overlaid": True}
    assert result["tags"] == []


def test_a_refused_merge_names_the_action_and_the_place() -> None:
    with pytest.raises(OverlayError) as error:
        _apply(_spec(), {"target": "$.info"}, {"target": "$.info", "update": {"title": {"text": "no"}}})
    assert str(error.value) == (
        f"{SOURCE}: action 2 (target $.info): cannot merge an object into a string at $['info']['title']"
    )


def test_remove_wins_over_update() -> None:
    result = _apply(_spec(), {"target": "$.paths['/b'].get.responses['500']", "remove": True, "update": {"x": 1}})
    assert result["paths"]["/b"]["get"]["responses"] == {"200": {"description": "ok"}}


def test_removing_several_array_items_shifts_no_index() -> None:
    result = _apply(_spec(), {"target": "$.servers[?@.description == 'dev']", "remove": True})
    assert [server["description"] for server in result["servers"]] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("target", "left"),
    [
        ("$.list[0, 2, 4]", [1, 3]),
        ("$.list[4, 0, 2]", [1, 3]),
        ("$.list[0, 0]", [1, 2, 3, 4]),
        ("$.list[-1, 0]", [1, 2, 3]),
        ("$.list[1:4]", [0, 4]),
        ("$.list[*]", []),
    ],
    ids=["ascending", "unordered", "same-index-twice", "negative-index", "slice", "all"],
)
def test_remove_array_items_by_index(target: str, left: list[int]) -> None:
    assert _apply({"list": [0, 1, 2, 3, 4]}, {"target": target, "remove": True})["list"] == left


def test_remove_a_node_and_its_descendant_in_one_action() -> None:
    document = {"a": {"x": {"x": {"keep": 1}}, "y": 2}}
    assert _apply(document, {"target": "$..x", "remove": True}) == {"a": {"y": 2}}


def test_removing_the_root_is_refused() -> None:
    with pytest.raises(OverlayError, match=r"action 1 \(target \$\): the document root cannot be removed"):
        _apply(_spec(), {"target": "$", "remove": True})


def test_copy_merges_the_source_into_each_target() -> None:
    result = _apply(_spec(), {"target": "$.paths['/b'].get.responses", "copy": "$.paths['/a'].get.responses"})
    assert result["paths"]["/b"]["get"]["responses"] == {"200": {"description": "ok"}, "500": {"description": "boom"}}
    result = _apply(_spec(), {"target": "$.paths.*.get", "copy": "$.info"})
    assert all(result["paths"][path]["get"]["title"] == "API" for path in ("/a", "/b"))


def test_copy_into_an_array_appends_and_targets_get_independent_copies() -> None:
    result = _apply({"one": {"n": 1}, "l": [], "m": []}, {"target": "$['l', 'm']", "copy": "$.one"})
    assert result["l"] == result["m"] == [{"n": 1}]
    result["l"][0]["n"] = 2
    assert (result["one"], result["m"]) == ({"n": 1}, [{"n": 1}])


def test_copy_into_its_own_descendant_uses_a_snapshot() -> None:
    assert _apply({"a": {"b": {}}}, {"target": "$.a.b", "copy": "$.a"}) == {"a": {"b": {"b": {}}}}


@pytest.mark.parametrize(("source", "count"), [("$.nothing", 0), ("$.paths.*", 2)], ids=["none", "two"])
def test_copy_source_must_select_exactly_one_node(source: str, count: int) -> None:
    with pytest.raises(OverlayError) as error:
        _apply(_spec(), {"target": "$.info", "copy": source})
    assert str(error.value) == (
        f"{SOURCE}: action 1 (target $.info): copy {source} selected {count} nodes; it must select exactly one"
    )


UNMATCHED = [
    {"target": "$.info", "update": {"x-first": 1}},
    {"target": "$.paths['/gone'].get", "update": {"x": 1}},
    {"target": "$.info", "update": {"x-last": 1}},
]


def test_strict_an_unmatched_target_is_an_error_naming_file_action_and_target() -> None:
    with pytest.raises(UnmatchedTargetError) as error:
        apply_overlays(_spec(), [_overlay(*UNMATCHED)])
    assert str(error.value) == f"{SOURCE}: action 2 (target $.paths['/gone'].get) matched nothing"


@pytest.mark.parametrize("operation", [{"remove": True}, {"copy": "$.info"}, {}], ids=["remove", "copy", "none"])
def test_strict_applies_to_every_kind_of_action(operation: dict[str, Any]) -> None:
    with pytest.raises(UnmatchedTargetError):
        apply_overlays(_spec(), [_overlay({"target": "$.nope", **operation})])


def test_lenient_an_unmatched_target_is_a_warning_and_the_rest_applies() -> None:
    result = apply_overlays(_spec(), [_overlay(*UNMATCHED)], strict=False)
    assert result.warnings == (f"{SOURCE}: action 2 (target $.paths['/gone'].get) matched nothing",)
    assert (result.document["info"]["x-first"], result.document["info"]["x-last"]) == (1, 1)
    assert result.document["paths"] == _spec()["paths"]


def test_strict_clean_run_has_no_warnings() -> None:
    assert apply_overlays(_spec(), [_overlay({"target": "$.info", "update": {}})]).warnings == ()


def test_overlays_apply_in_order_each_seeing_the_last() -> None:
    first = _overlay({"target": "$.info", "update": {"x-step": 1}}, source="first.yaml")
    second = _overlay({"target": "$.info[?@ == 1]", "remove": True}, {"target": "$.info", "update": {"x-step": 2}})
    assert apply_overlays(_spec(), [first, second]).document["info"] == {"title": "API", "version": "1", "x-step": 2}
    with pytest.raises(UnmatchedTargetError, match=r"^first\.yaml: action 1"):
        apply_overlays({"openapi": "3.1.0"}, [first, second])


@pytest.mark.parametrize(
    ("actions", "fails"),
    [
        ([{"target": "$.paths.*.get", "update": {"responses": {"200": {"x": [1]}}}}], False),
        ([{"target": "$.servers[?@.description == 'dev']", "remove": True}], False),
        ([{"target": "$.paths['/a'].get.parameters", "update": {"name": "p"}}], False),
        ([{"target": "$.paths['/b']", "copy": "$.paths['/a']"}], False),
        ([{"target": "$.info", "update": {"x": 1}}, {"target": "$.info", "update": {"title": {}}}], True),
    ],
    ids=["update", "remove", "append", "copy", "error-midway"],
)
def test_the_input_document_is_not_mutated(actions: list[dict[str, Any]], fails: bool) -> None:
    document = _spec()
    try:
        apply_overlays(document, [_overlay(*actions)])
    except OverlayError:
        assert fails
    else:
        assert not fails
    assert document == _spec()


def test_in_place_the_handed_over_document_is_the_result() -> None:
    document = _spec()
    result = apply_overlays(document, [_overlay({"target": "$.info", "update": {"x": 1}})], in_place=True).document
    assert result is document
    assert document["info"] == {"title": "API", "version": "1", "x": 1}


def test_results_share_nothing_with_the_overlay() -> None:
    overlay = _overlay({"target": "$.paths.*.get", "update": {"tags": ["t"]}})
    first = apply_overlays(_spec(), [overlay]).document
    first["paths"]["/a"]["get"]["tags"].append("mutated")
    second = apply_overlays(_spec(), [overlay]).document
    assert second["paths"]["/a"]["get"]["tags"] == ["t"]
    assert first["paths"]["/b"]["get"]["tags"] == ["t"]


@given(st.lists(st.integers(min_value=-5, max_value=5), max_size=12), st.integers(min_value=-5, max_value=5))
def test_property_remove_leaves_none_of_the_matched_and_the_rest_in_order(items: list[int], bound: int) -> None:
    overlay = _overlay({"target": f"$.items[?@ > {bound}]", "remove": True})
    result = apply_overlays({"items": items}, [overlay], strict=False).document
    assert result["items"] == [item for item in items if item <= bound]


@given(
    st.dictionaries(st.sampled_from("abcd"), st.integers(), max_size=4),
    st.dictionaries(st.sampled_from("cdef"), st.integers(), max_size=4),
)
def test_property_update_then_read_gives_the_merged_object(existing: dict[str, int], value: dict[str, int]) -> None:
    result = _apply({"node": copy.deepcopy(existing)}, {"target": "$.node", "update": value})
    assert result["node"] == {**existing, **value}


def test_our_overlay_fixes_the_seed_document() -> None:
    # The vendored document is the seed page's (tests/conformance/specpipe/test_extract.py proves it).
    document = documents.load_mapping(ROOT / "openapi" / "heygen-api.json")
    fields = ("paths", "/v1/video.delete", "delete", "responses", "200", "content", "application/json", "schema")

    def data_properties(spec: dict[str, Any]) -> dict[str, Any]:
        node: Any = spec
        for key in fields:
            node = node[key]
        return dict(node["properties"]["data"]["properties"])

    assert {name: field["type"] for name, field in data_properties(document).items()} == {
        "Deleted": "string",
        "Failed": "string",
    }
    result = apply_overlays(document, [load_overlay(ROOT / "overlay" / "heygen-api.overlay.yaml")])
    assert result.warnings == ()
    for field in data_properties(result.document).values():
        assert (field["type"], field["items"]) == ("array", {"type": "string"})
        assert field["description"].startswith("ID(s)")  # merged, not replaced


# --- Overlay 1.2: reusable actions, applied in order with inline actions (examples from the 1.2.0 text)


def _v12(actions: list[dict[str, Any]], reusable: dict[str, Any], **fields: Any) -> Overlay:
    document = {
        "overlay": "1.2.0",
        "info": {"title": "t", "version": "1"},
        "components": {"actions": reusable},
        "actions": actions,
        **fields,
    }
    return parse_overlay(document, SOURCE)


def _items_and_some_items() -> dict[str, Any]:
    """The Source Description of the 1.2.0 text's copy and reusable action examples."""
    ok = {"200": {"description": "OK"}}
    return {
        "openapi": "3.2.0",
        "info": {"title": "Example API", "version": "1.0.0"},
        "paths": {"/items": {"get": {"responses": dict(ok)}}, "/some-items": {"delete": {"responses": dict(ok)}}},
    }


def test_the_1_2_reusable_action_example_inserts_the_error_response_at_each_target() -> None:
    """ "Reusable Action Reference Example - Overrides": one reusable update, two targets."""
    not_found = {
        "description": "Not Found",
        "content": {"application/json": {"schema": {"type": "object", "properties": {"message": {"type": "string"}}}}},
    }
    overlay = _v12(
        [
            {"$ref": "#/components/actions/errorResponse", "target": "$.paths['/items'].get.responses"},
            {"$ref": "#/components/actions/errorResponse", "target": "$.paths['/some-items'].delete.responses"},
        ],
        {"errorResponse": {"fields": {"update": {"404": not_found}}, "description": "Adds an error response"}},
    )
    result = apply_overlays(_items_and_some_items(), [overlay]).document
    assert result["paths"]["/items"]["get"]["responses"] == {"200": {"description": "OK"}, "404": not_found}
    assert result["paths"]["/some-items"]["delete"]["responses"] == {"200": {"description": "OK"}, "404": not_found}
    # Each target got its own copy: changing one leaves the other and the overlay alone.
    result["paths"]["/items"]["get"]["responses"]["404"]["description"] = "changed"
    assert result["paths"]["/some-items"]["delete"]["responses"]["404"]["description"] == "Not Found"


def test_the_1_2_move_example_through_reusable_actions_in_order_with_inline_ones() -> None:
    """The "Move Example" (update, copy, remove) with copy and remove as reusable actions."""
    overlay = _v12(
        [
            {"target": "$.paths", "update": {"/new-items": {}}},
            {"$ref": "#/components/actions/copyItems", "target": "$.paths['/new-items']"},
            {"$ref": "#/components/actions/drop", "target": "$.paths['/items']", "description": "the old path"},
        ],
        {"copyItems": {"fields": {"copy": "$.paths['/items']"}}, "drop": {"fields": {"remove": True}}},
    )
    result = apply_overlays(_items_and_some_items(), [overlay]).document
    assert result["paths"] == {
        "/some-items": {"delete": {"responses": {"200": {"description": "OK"}}}},
        "/new-items": {"get": {"responses": {"200": {"description": "OK"}}}},
    }


def test_a_reusable_action_with_a_special_character_key_applies() -> None:
    overlay = _v12(
        [{"$ref": "#/components/actions/x~1y~0z", "target": "$.info"}],
        {"x/y~z": {"fields": {"update": {"x-tag": "v"}}}, "x": {"fields": {"remove": True}}},
    )
    assert apply_overlays(_items_and_some_items(), [overlay]).document["info"]["x-tag"] == "v"


def test_a_reference_target_matching_nothing_fails_strictly_naming_the_reference_and_extends() -> None:
    overlay = _v12(
        [{"$ref": "#/components/actions/drop", "target": "$.paths['/gone']"}],
        {"drop": {"fields": {"remove": True}}},
        **{"$self": "https://example.com/overlays/o.yaml", "extends": "../openapi/api.yaml"},
    )
    with pytest.raises(UnmatchedTargetError) as error:
        apply_overlays(_items_and_some_items(), [overlay])
    assert str(error.value) == (
        f"{SOURCE}: action 1 (target $.paths['/gone'], $ref #/components/actions/drop) matched nothing"
        " (the overlay extends https://example.com/openapi/api.yaml: is this that document?)"
    )
