"""bench/scale.py: each step's worker runs on the inputs ``write_inputs`` wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture
def scale(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("scale")


@pytest.mark.parametrize("step", ["overlay", "doctor", "diff"])
def test_each_step_runs_on_the_written_inputs(scale: ModuleType, step: str, tmp_path: Path) -> None:
    """Negative control: the worker naming only spec, overlay and overlaid (not "few", which the diff-few
    command reads) fails every step with a KeyError, as the full bench run did."""
    scale.write_inputs(tmp_path, scale.SIZES[0])
    figures = scale._worker(step, tmp_path, scale.SIZES[0])
    assert figures["seconds"] > 0
    assert figures["peak_mib"] >= 0
