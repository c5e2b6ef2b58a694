"""Parsing an Overlay document: one value per action, JSONPaths compiled up front, errors naming file and action."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from specpipe.errors import InputError, OverlayError
from specpipe.overlay import Copy, Remove, Update, load_overlay, parse_overlay

SOURCE = "fixes.overlay.yaml"


def _document(*actions: dict[str, Any], version: str = "1.1.0") -> dict[str, Any]:
    return {"overlay": version, "info": {"title": "fixes", "version": "1"}, "actions": list(actions)}


def test_actions_become_operations_in_order() -> None:
    overlay = parse_overlay(
        _document(
            {"target": "$.a", "update": {"x": 1}, "description": "why"},
            {"target": "$.b", "remove": True, "update": {"ignored": True}},
            {"target": "$.c", "remove": False, "update": None},
            {"target": "$.d", "copy": "$.e"},
            {"target": "$"},
        ),
        SOURCE,
    )
    assert (overlay.source, overlay.version, overlay.title) == (SOURCE, "1.1.0", "fixes")
    operations = [action.operation for action in overlay.actions]
    assert operations[:3] == [Update({"x": 1}), Remove(), Update(None)]
    assert isinstance(operations[3], Copy)
    assert operations[3].source == "$.e"
    assert operations[4] is None
    assert [action.number for action in overlay.actions] == [1, 2, 3, 4, 5]
    assert overlay.actions[0].description == "why"
    assert overlay.actions[1].label == f"{SOURCE}: action 2 (target $.b)"


def test_each_jsonpath_is_compiled_once_at_parse_time() -> None:
    action = parse_overlay(_document({"target": "$.a[?@.n > 1]", "copy": "$.b"}), SOURCE).actions[0]
    assert [node.value for node in action.query.select({"a": [{"n": 1}, {"n": 2}]})] == [{"n": 2}]
    assert isinstance(action.operation, Copy)
    assert action.operation.query.select({"b": 7})[0].value == 7


@pytest.mark.parametrize(
    ("action", "where"),
    [
        ({"target": "$.x-y", "update": 1}, "action 2 (target $.x-y): invalid RFC 9535 JSONPath: "),
        ({"target": "$[?@.a ==]", "remove": True}, "action 2 (target $[?@.a ==]): invalid RFC 9535 JSONPath: "),
        ({"target": "$.a", "copy": "$..["}, "action 2 (target $.a): copy $..[: invalid RFC 9535 JSONPath: "),
    ],
    ids=["dash-shorthand", "incomplete-filter", "copy-source"],
)
def test_invalid_jsonpath_names_file_action_and_target(action: dict[str, Any], where: str) -> None:
    with pytest.raises(OverlayError) as error:
        parse_overlay(_document({"target": "$"}, action), SOURCE)
    assert str(error.value).startswith(f"{SOURCE}: {where}")


def test_update_and_copy_together_are_refused() -> None:
    with pytest.raises(OverlayError, match=r"action 1 \(target \$\.a\): has both update and copy"):
        parse_overlay(_document({"target": "$.a", "update": {}, "copy": "$.b"}), SOURCE)


def test_remove_makes_update_and_copy_moot() -> None:
    action = parse_overlay(_document({"target": "$.a", "update": {}, "copy": "$.b", "remove": True}), SOURCE).actions[0]
    assert action.operation == Remove()


def test_an_invalid_document_is_refused_before_any_jsonpath() -> None:
    with pytest.raises(OverlayError) as error:
        parse_overlay(_document({"target": "$.x-y", "copy": "$.a"}, version="1.0.0"), SOURCE)
    assert str(error.value) == (
        f"{SOURCE}: not a valid Overlay document (1 error(s)):\n"
        "  /actions/0: Unevaluated properties are not allowed ('copy' was unexpected)"
    )


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_load_reads_yaml_and_json(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"fixes.overlay{suffix}"
    path.write_text(json.dumps(_document({"target": "$['200']", "update": {"200": "ok"}})), encoding="utf-8")
    overlay = load_overlay(path)
    assert overlay.source == str(path)
    assert overlay.actions[0].operation == Update({"200": "ok"})


def test_load_names_the_file_when_invalid(tmp_path: Path) -> None:
    path = tmp_path / "bad.overlay.yaml"
    path.write_text("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []\n", encoding="utf-8")
    with pytest.raises(
        OverlayError,
        match=rf"^{re.escape(str(path))}: not a valid Overlay document .*\n  /actions: \[\] should be non-empty",
    ):
        load_overlay(path)


def test_load_names_the_file_when_unparseable(tmp_path: Path) -> None:
    path = tmp_path / "broken.overlay.yaml"
    path.write_text("overlay: [1.0.0\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(path))}: invalid YAML"):
        load_overlay(path)


def test_our_overlay_parses_and_every_action_says_why() -> None:
    overlay = load_overlay(Path(__file__).resolve().parents[3] / "overlay" / "heygen-api.overlay.yaml")
    assert overlay.actions
    assert all(action.description for action in overlay.actions)


# --- Overlay 1.2: Reusable Action Reference Objects and $self, from the 1.2.0 text -----------------


def _v12(actions: list[dict[str, Any]], reusable: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {**_document(*actions, version="1.2.0"), "components": {"actions": reusable}, **fields}


def test_a_reference_takes_the_reusable_fields_and_its_own_target() -> None:
    overlay = parse_overlay(
        _v12(
            [{"$ref": "#/components/actions/mark", "target": "$.a"}, {"target": "$.b", "remove": True}],
            {"mark": {"description": "about the reusable action", "fields": {"update": {"x": 1}, "description": "d"}}},
        ),
        SOURCE,
    )
    first, second = overlay.actions
    assert (first.target, first.operation, first.ref) == ("$.a", Update({"x": 1}), "#/components/actions/mark")
    # The Reusable Action Object's own description documents it, not the action: the fields' one is used.
    assert first.description == "d"
    assert first.label == f"{SOURCE}: action 1 (target $.a, $ref #/components/actions/mark)"
    assert (second.number, second.operation, second.ref) == (2, Remove(), None)


def test_the_reference_description_wins_over_the_reusable_one() -> None:
    overlay = parse_overlay(
        _v12(
            [{"$ref": "#/components/actions/r", "target": "$.a", "description": "this use"}],
            {"r": {"fields": {"remove": True, "description": "generic"}}},
        ),
        SOURCE,
    )
    assert (overlay.actions[0].description, overlay.actions[0].operation) == ("this use", Remove())


@pytest.mark.parametrize(
    ("key", "ref"),
    [
        ("a/b", "#/components/actions/a~1b"),
        ("a~b", "#/components/actions/a~0b"),
        ("~1", "#/components/actions/~01"),  # ~0 is decoded last: ~01 is "~1", not "/"
        ("with space", "#/components/actions/with%20space"),  # a URI fragment is percent-encoded
    ],
    ids=["slash", "tilde", "tilde-one", "percent-encoded"],
)
def test_a_reference_key_is_decoded_per_rfc_6901(key: str, ref: str) -> None:
    reusable = {key: {"fields": {"update": {"k": key}}}, "a": {"fields": {"remove": True}}, "/": {"fields": {}}}
    overlay = parse_overlay(_v12([{"$ref": ref, "target": "$"}], reusable), SOURCE)
    assert overlay.actions[0].operation == Update({"k": key})


def test_a_reference_to_a_missing_action_names_the_action() -> None:
    document = _v12(
        [{"target": "$.a"}, {"$ref": "#/components/actions/nope", "target": "$.b"}], {"mark": {"fields": {}}}
    )
    with pytest.raises(OverlayError) as error:
        parse_overlay(document, SOURCE)
    assert str(error.value) == (
        f"{SOURCE}: action 2 (target $.b, $ref #/components/actions/nope): "
        "no reusable action 'nope' in components.actions"
    )


def test_a_reference_without_components_names_the_action() -> None:
    document = _document({"$ref": "#/components/actions/a", "target": "$"}, version="1.2.0")
    with pytest.raises(OverlayError, match=r"action 1 \(target \$, \$ref #/components/actions/a\): no reusable"):
        parse_overlay(document, SOURCE)


@pytest.mark.parametrize(
    ("fields", "extends"),
    [
        (
            {"$self": "https://example.com/overlays/tictactoe.overlay.yaml", "extends": "../openapi/tictactoe.yaml"},
            "https://example.com/openapi/tictactoe.yaml",
        ),
        (
            {"extends": "https://api.example.com/openapi/tictactoe.yaml"},
            "https://api.example.com/openapi/tictactoe.yaml",
        ),
        ({"$self": "sub/o.yaml", "extends": "../api.json"}, "{folder}/api.json"),
        ({"extends": "api.json"}, "{folder}/api.json"),
        ({}, None),
    ],
    ids=["spec-example", "absolute", "relative-self", "retrieval-uri", "none"],
)
def test_extends_is_resolved_against_the_base_uri(fields: dict[str, Any], extends: str | None, tmp_path: Path) -> None:
    """1.2, Establishing the Base URI: $self (itself resolved against the retrieval URI), else the file."""
    source = tmp_path / "o.yaml"
    overlay = parse_overlay(_v12([{"target": "$"}], {}, **fields), str(source))
    assert overlay.extends == (extends.format(folder=tmp_path.resolve().as_uri()) if extends else None)
