"""The floor benchmark: its worker reports its own peak memory, not its parent's; a short step is
measured several times and keeps its median."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_worker_peak_rss_is_its_own_not_the_parents(tmp_path: Path) -> None:
    # The parent holds 400 MiB when it starts the worker, as bench/floor.py's parent holds the
    # synthetic documents; getrusage's ru_maxrss would hand that peak down through fork and exec.
    script = f"""
import json, subprocess, sys
sys.path.insert(0, {str(BENCH)!r})
import scale
from pathlib import Path
folder = Path({str(tmp_path)!r})
scale.write_inputs(folder, 10)
ballast = bytearray(400 * 2**20)
worker = [sys.executable, {str(BENCH / "floor.py")!r}, "--worker", "floor", "doctor", str(folder), "10"]
print(subprocess.run(worker, capture_output=True, text=True, check=True).stdout)
"""
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=BENCH)
    figures = json.loads(completed.stdout)
    assert 0 < figures["rss_mib"] < 300, figures
    assert figures["seconds"] > 0


def test_a_size_measured_several_times_keeps_its_median_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    floor = importlib.import_module("floor")
    runs = iter(
        [{"seconds": 3.0, "rss_mib": 30.0}, {"seconds": 1.0, "rss_mib": 10.0}, {"seconds": 2.0, "rss_mib": 20.0}]
    )
    monkeypatch.setattr(
        floor.subprocess, "run", lambda *_args, **_kwargs: SimpleNamespace(stdout=json.dumps(next(runs)))
    )
    assert floor.RUNS[2000] == floor.FLOOR_RUNS == 3
    assert floor._measure("step", "diff", tmp_path, 2000, 3) == {"seconds": 2.0, "rss_mib": 20.0}
