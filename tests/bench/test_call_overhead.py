"""The call overhead benchmark's figures: the median of three runs, and instructions per call counted
as the difference between a worker making calls and one making none."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture
def call_overhead(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("call_overhead")


def test_the_run_of_median_ratio_is_kept_and_every_ratio_noted(call_overhead: ModuleType) -> None:
    """Negative control: keeping the first run (or the median of each side apart: 300/200) fails."""
    runs = [
        {"wall": (130.0, 100.0), "cpu": (1.0, 1.0)},
        {"wall": (300.0, 200.0), "cpu": (1.0, 1.0)},
        {"wall": (110.0, 100.0), "cpu": (1.0, 1.0)},
    ]
    figures, note = call_overhead._median_run(runs, "wall")
    assert figures == (130.0, 100.0)
    assert note == "median of 3 runs: 1.30x, 1.50x, 1.10x"


def test_instructions_per_call_subtract_a_worker_making_no_calls(
    call_overhead: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = {("client", 0): 900_000_000, ("client", 300): 1_200_000_000, ("baseline", 300): 1_170_000_000}
    asked: list[tuple[str, str, int]] = []

    def counted(mode: str, side: str, calls: int) -> int:
        asked.append((mode, side, calls))
        return counts[side, calls]

    monkeypatch.setattr(call_overhead, "_instructions", counted)
    row = call_overhead._instruction_row("async")
    assert (row.measured, row.baseline) == (1_000_000, 900_000)
    assert row.case == "async, in-process, instructions"
    assert {mode for mode, _, _ in asked} == {"async"}


def test_valgrinds_count_is_read_from_its_summary(call_overhead: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = "==12== Cachegrind, a cache and branch-prediction profiler\n==12==\n==12== I   refs:      1,234,567,890\n"
    seen: dict[str, Any] = {}

    def run(arguments: list[str], **kwargs: Any) -> SimpleNamespace:
        seen.update(arguments=arguments, env=kwargs["env"])
        return SimpleNamespace(stderr=summary)

    monkeypatch.setattr(call_overhead.subprocess, "run", run)
    assert call_overhead._instructions("sync", "baseline", 300) == 1_234_567_890
    assert seen["arguments"][0] == "valgrind"
    assert seen["arguments"][-4:] == ["--calls", "sync", "baseline", "300"]
    assert seen["env"]["PYTHONHASHSEED"] == "0"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_the_worker_makes_its_calls_in_process(mode: str) -> None:
    """The worker valgrind runs, without valgrind: it must run cleanly (a failure would be counted)."""
    completed = subprocess.run(
        [sys.executable, str(BENCH / "call_overhead.py"), "--calls", mode, "client", "3"],
        capture_output=True,
        text=True,
        check=False,
        cwd=BENCH,
    )
    assert completed.returncode == 0, completed.stderr
