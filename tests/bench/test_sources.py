"""The sources benchmark: its synthetic project goes through sync's multi-source step whole (every
source's operations merged, each overlaid), and its floor writes a document of the same paths."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from bench import synthetic
from specpipe import documents


@pytest.fixture
def sources(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("sources")


def test_the_step_merges_every_source_overlaid_and_the_floor_writes_as_many_paths(
    sources: ModuleType, tmp_path: Path
) -> None:
    """Negative control: without the per-source path prefix in ``_source_documents`` the merge refuses
    the second source (the same operation in two sources) and this test fails."""
    root = sources.write_project(tmp_path, 3, 4)
    sources._step(root, tmp_path / "step.json")
    merged = documents.load_mapping(tmp_path / "step.json")
    assert synthetic.operation_count(merged) == 12
    assert {path.split("/")[1] for path in merged["paths"]} == {"s0", "s1", "s2"}
    assert {name.split("@")[0] for name in merged["info"]["version"].split(", ")} == {
        "source-0",
        "source-1",
        "source-2",
    }
    # The overlay applied to every source: the raw pages lack what it adds.
    raw = (root / "pages" / "source-2.md").read_text(encoding="utf-8")
    assert documents.dumps(merged["paths"]["/s2/copy3/v1/video.delete"]) not in raw
    sources._floor(root, tmp_path / "floor.json")
    assert set(documents.load_mapping(tmp_path / "floor.json")["paths"]) == set(merged["paths"])


def test_a_size_measured_several_times_keeps_the_median_of_each_figure(
    sources: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runs = iter([{"seconds": 3.0, "cpu": 1.0}, {"seconds": 1.0, "cpu": 3.0}, {"seconds": 2.0, "cpu": 2.0}])
    monkeypatch.setattr(
        sources.subprocess, "run", lambda *_args, **_kwargs: SimpleNamespace(stdout=json.dumps(next(runs)))
    )
    assert sources._measure("step", tmp_path, 3) == {"seconds": 2.0, "cpu": 2.0}


def test_growth_rows_compare_with_the_smaller_size_scaled_by_the_size_ratio(
    sources: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linear growth is a ratio of 1 (negative control: a baseline of the unscaled time reads 5x and 10x)."""

    def measured(kind: str, size: tuple[int, int], _runs: int) -> dict[str, float]:
        seconds = size[0] * size[1] * 0.001 * (1.0 if kind == "step" else 0.5)  # the floor: half the step
        return {"seconds": seconds, "cpu": seconds}

    monkeypatch.setattr(sources, "write_project", lambda _folder, count, operations: (count, operations))
    monkeypatch.setattr(sources, "_measure", measured)
    rows = {row.case: row for row in sources.run()}
    growth = [row for case, row in rows.items() if case.startswith("growth")]
    assert len(growth) == 4
    assert all(row.ratio == pytest.approx(1.0) for row in growth)
    assert rows["10 x 2,000 operations, time"].ratio == pytest.approx(2.0)
