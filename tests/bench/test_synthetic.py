"""The synthetic specs of the scale benchmark: N operations, valid, with the real overlay's fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synthetic
from specpipe import documents
from specpipe.diff import compare
from specpipe.doctor import diagnose
from specpipe.overlay import apply_overlays, parse_overlay

ROOT = Path(__file__).resolve().parents[2]
VENDORED = documents.load_mapping(ROOT / "openapi" / "heygen-api.json")
OVERLAY = documents.load_mapping(ROOT / "overlay" / "heygen-api.overlay.yaml")


@pytest.mark.parametrize("operations", [1, 10, 37])
def test_the_spec_has_exactly_n_distinct_operations(operations: int) -> None:
    spec = synthetic.scaled_spec(VENDORED, operations)
    assert synthetic.operation_count(spec) == operations
    ids = [item["delete"]["operationId"] for item in spec["paths"].values()]
    assert len(set(ids)) == operations


@pytest.mark.parametrize("operations", [1, 12])
def test_overlaid_the_spec_is_doctor_clean_and_raw_it_has_each_defect_per_copy(operations: int) -> None:
    spec = synthetic.scaled_spec(VENDORED, operations)
    overlay = synthetic.scaled_overlay(OVERLAY, VENDORED, operations)
    assert len(overlay["actions"]) == len(OVERLAY["actions"]) * operations
    overlaid = apply_overlays(spec, [parse_overlay(overlay, "scaled")]).document  # strict: every target matches
    assert diagnose(overlaid) == []
    assert len(diagnose(spec)) == len(diagnose(VENDORED)) * operations


def test_the_diff_reports_the_same_changes_for_every_copy() -> None:
    def changes(operations: int) -> int:
        spec = synthetic.scaled_spec(VENDORED, operations)
        overlay = parse_overlay(synthetic.scaled_overlay(OVERLAY, VENDORED, operations), "scaled")
        report = compare(spec, apply_overlays(spec, [overlay]).document)
        return sum(change.operation is not None for change in report.changes)  # not info.version's, once

    assert changes(1) > 0
    assert changes(5) == 5 * changes(1)


def test_the_vendored_document_is_not_changed() -> None:
    before = documents.dumps(VENDORED)
    synthetic.scaled_spec(VENDORED, 3)
    synthetic.scaled_overlay(OVERLAY, VENDORED, 3)
    assert documents.dumps(VENDORED) == before


def test_an_action_outside_paths_is_kept_once() -> None:
    overlay = {**OVERLAY, "actions": [*OVERLAY["actions"], {"target": "$.info", "update": {"x-bench": True}}]}
    scaled = synthetic.scaled_overlay(overlay, VENDORED, 4)
    assert scaled["actions"].count({"target": "$.info", "update": {"x-bench": True}}) == 1


def test_a_count_that_is_not_a_multiple_is_refused() -> None:
    two = {**VENDORED, "paths": {**VENDORED["paths"], "/b": VENDORED["paths"]["/v1/video.delete"]}}
    with pytest.raises(ValueError, match="not a multiple"):
        synthetic.scaled_spec(two, 3)


def test_few_changed_takes_one_path_item_in_every_hundred_from_the_overlaid_spec() -> None:
    spec = synthetic.scaled_spec(VENDORED, 200)
    overlaid = apply_overlays(
        spec, [parse_overlay(synthetic.scaled_overlay(OVERLAY, VENDORED, 200), "overlay")]
    ).document
    few = synthetic.few_changed(spec, overlaid)
    changed = [path for path, item in few["paths"].items() if item != spec["paths"][path]]
    assert changed == [synthetic.copy_path("/v1/video.delete", index) for index in (0, 100)]
    assert all(few["paths"][path] == overlaid["paths"][path] for path in changed)
