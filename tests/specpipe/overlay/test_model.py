"""Parsing an Overlay document: one value per action, JSONPaths compiled up front, errors naming file and action."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from specpipe.errors import InputError, OverlayError
from specpipe.overlay import Copy, Remove, Update, load_overlay, parse_overlay
from tests.shared import shared_cases, shared_path

SOURCE = "fixes.overlay.yaml"
# RFC 9535 member-name shorthand has no '-': the OAI example's `@.x-oai-traits` must be
# `@['x-oai-traits']` (the OAI's own 1.0→1.1 upgrade guide says so), so it is refused as JSONPath.
NOT_RFC9535 = {"actions-traits-example.yaml"}


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
    assert [node.value for node in action.query.find({"a": [{"n": 1}, {"n": 2}]})] == [{"n": 2}]
    assert isinstance(action.operation, Copy)
    assert action.operation.query.find({"b": 7})[0].value == 7


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


@pytest.mark.parametrize(
    "case", shared_cases("conformance/overlay-schemas", "OAI Overlay schema tests", "v1.*/pass/*.yaml")
)
def test_oai_pass_documents_parse_unless_their_jsonpath_is_not_rfc9535(case: str) -> None:
    path = shared_path(case, "OAI Overlay schema tests")
    if path.name in NOT_RFC9535:
        with pytest.raises(OverlayError, match="invalid RFC 9535 JSONPath"):
            load_overlay(path)
    else:
        assert len(load_overlay(path).actions) >= 1


def test_our_overlay_parses_and_every_action_says_why() -> None:
    overlay = load_overlay(Path(__file__).resolve().parents[3] / "overlay" / "heygen-api.overlay.yaml")
    assert overlay.actions
    assert all(action.description for action in overlay.actions)
