"""bench/run.py: one broken benchmark is reported by name and costs neither the others' rows nor the exit."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest


@pytest.fixture
def bench_run(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("run")


def test_a_failed_benchmark_is_named_and_the_others_are_kept(
    bench_run: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Negative control: stopping at the first failure (the old ``check=True``) loses the ``scale`` row."""
    measure = importlib.import_module("measure")
    row = measure.Row("scale: diff", "2000 operations", 1.0, 2.0, "s", "the 2 s goal", 1.0)

    def fake_run(command: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[str]:
        if command[1].endswith("floor.py"):
            return subprocess.CompletedProcess(command, 1, "", "Traceback: KeyError 'few'\n")
        return subprocess.CompletedProcess(command, 0, measure.to_json([row]), "")

    monkeypatch.setattr(bench_run.subprocess, "run", fake_run)
    monkeypatch.setattr(sys, "argv", ["run.py", "floor", "scale"])
    with pytest.raises(SystemExit) as exited:
        bench_run.main()
    assert exited.value.code == "bench/run.py: failed: floor"
    out, err = capsys.readouterr()
    assert "| scale: diff | 2000 operations |" in out
    assert "floor.py failed (exit 1):\nTraceback: KeyError 'few'" in err
