"""The floor benchmark's worker reports its own peak memory, not its parent's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
