"""Stale overlay actions: an update that changes nothing, or one adding a path or operation upstream now
has, is reported by ``doctor --overlay`` (index, description's first words, target) and ``--suggest``
writes the overlay without it.

Negative controls: the same overlays on a document that still lacks what they set are not stale
(``test_an_action_that_still_changes_something_is_not_stale``, the ``missing`` cases below).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from specpipe import documents
from specpipe.cli import EXIT_FINDINGS, EXIT_OK, main
from specpipe.errors import OverlayError
from specpipe.overlay import load_overlay, parse_overlay
from specpipe.overlay.stale import find_stale, pruned

OPERATION = {"summary": "Get a thing", "responses": {"200": {"description": "ok"}}}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {"/v1/a": {"get": {**OPERATION, "deprecated": True}}},
}


def _overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "fixes", "version": "1"}, "actions": list(actions)}


FIX = {
    "target": "$.paths['/v1/a'].get",
    "description": "Mark it deprecated as the changelog says.",
    "update": {"deprecated": True},
}
ADD_PATH = {
    "target": "$.paths",
    "description": "The v3 endpoint HeyGen documents but does not publish here yet.",
    "update": {"/v3/a": {"get": OPERATION}},
}
ADD_OPERATION = {
    "target": "$.paths['/v1/a']",
    "description": "The delete HeyGen forgot.",
    "update": {"delete": OPERATION},
}
CHANGES = {"target": "$.paths['/v1/a'].get", "description": "A better summary.", "update": {"summary": "Get one thing"}}


def _stale(document: dict[str, Any], *actions: dict[str, Any]) -> list[str]:
    _, stale = find_stale(copy.deepcopy(document), [parse_overlay(_overlay(*actions), "fixes.overlay.yaml")])
    return [str(item) for item in stale]


def test_an_update_equal_to_what_is_there_is_stale() -> None:
    (line,) = _stale(DOCUMENT, CHANGES, FIX)
    assert line.startswith("fixes.overlay.yaml: action 2 (target $.paths['/v1/a'].get): stale: ")
    assert "'Mark it deprecated as the changelog says.'" in line
    assert "applying it changes nothing" in line


def test_an_action_that_still_changes_something_is_not_stale() -> None:
    assert _stale(DOCUMENT, CHANGES) == []
    undeprecated = copy.deepcopy(DOCUMENT)
    del undeprecated["paths"]["/v1/a"]["get"]["deprecated"]
    assert _stale(undeprecated, FIX) == []
    # true is not 1: a boolean replacing a number changes the document
    numbered = copy.deepcopy(DOCUMENT)
    numbered["paths"]["/v1/a"]["get"]["deprecated"] = 1
    assert _stale(numbered, FIX) == []


@pytest.mark.parametrize(("action", "upstream"), [(ADD_PATH, ("/v3/a", "get")), (ADD_OPERATION, ("/v1/a", "delete"))])
def test_an_addition_upstream_now_has_is_stale(action: dict[str, Any], upstream: tuple[str, str]) -> None:
    missing = copy.deepcopy(DOCUMENT)
    assert _stale(missing, action) == []  # negative control: upstream lacks it, the action adds it
    published = copy.deepcopy(DOCUMENT)
    path, method = upstream
    published["paths"].setdefault(path, {})[method] = {**OPERATION, "summary": "upstream's own words"}
    (line,) = _stale(published, action)
    assert "upstream now has the" in line
    assert path in line


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data), encoding="utf-8")
    return path


def test_doctor_names_it_and_suggest_writes_the_overlay_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _write(tmp_path, "spec.json", DOCUMENT)
    overlay = _write(tmp_path, "fixes.overlay.yaml", _overlay(CHANGES, FIX, ADD_OPERATION))
    suggestion = tmp_path / "suggested.overlay.yaml"
    argv = ["doctor", str(spec), "--overlay", str(overlay), "--today", "2026-01-01"]
    assert main([*argv, "--suggest", str(suggestion)]) == EXIT_FINDINGS
    out, err = capsys.readouterr()
    assert f"{overlay}: action 2 (target $.paths['/v1/a'].get): stale: 'Mark it deprecated" in out
    assert "1 stale overlay action(s)" in err
    kept = load_overlay(suggestion)
    assert [action.target for action in kept.actions] == [CHANGES["target"], ADD_OPERATION["target"]]
    assert [action.description for action in kept.actions] == [CHANGES["description"], ADD_OPERATION["description"]]
    assert suggestion.read_text(encoding="utf-8").startswith("# fixes.overlay.yaml without its stale action(s) 2")
    # The suggested overlay makes the same document, and is itself clean.
    assert main(["doctor", str(spec), "--overlay", str(suggestion), "--today", "2026-01-01"]) == EXIT_OK


def test_doctor_without_overlays_is_unchanged(tmp_path: Path) -> None:
    assert main(["doctor", str(_write(tmp_path, "spec.json", DOCUMENT)), "--today", "2026-01-01"]) == EXIT_OK


def test_a_json_overlay_stays_json(tmp_path: Path) -> None:
    overlay = _write(tmp_path, "fixes.overlay.json", _overlay(CHANGES, FIX))
    assert documents.parse_text(pruned(overlay, [2]), "x")["actions"] == [CHANGES]


def test_a_refused_merge_is_still_the_overlay_error_naming_the_action() -> None:
    wrong = {"target": "$.paths['/v1/a'].get.summary", "description": "x", "update": {"not": "a string"}}
    with pytest.raises(OverlayError, match=r"fixes.overlay.yaml: action 1 \(target"):
        _stale(DOCUMENT, wrong)
