"""Scale against the I/O floor: ``overlay``, ``doctor`` and ``diff`` at 2,000 and 20,000 operations.

The floor of a step is what Python needs just to read its inputs and write its output with the same
JSON library the step uses (``specpipe.documents``): ``overlay`` reads the spec and the overlay and
writes the overlaid spec; ``doctor`` reads one spec; ``diff`` and ``diff-few`` read two (``diff``:
every operation changed; ``diff-few``: 1 % of them, the usual release). Each step and each floor runs
in a fresh process (imports not counted: timed from after the imports), and reports its wall time and
peak RSS (the median of three runs at 2,000 operations, one run at 20,000, three of the floor); the step's figures are
ratios against its own floor, measured in the same run.
Goals (issue 12): time ≤ 3x the floor, peak RSS ≤ 2x the floor's, t(20,000)/t(2,000) ≤ 12.
Inputs are bench/synthetic.py's (57 MB of JSON for the spec at 20,000 operations); building them
takes about a minute, and the whole script about five.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import measure
import scale
from measure import Row

from specpipe import documents
from specpipe.cli import main

SIZES = (2000, 20000)
# Runs per size, the median kept: a step at 2,000 operations takes about a second, where one run's noise
# alone moved the growth ratio by a third; at 20,000 it takes 10-20 s, long enough to measure once.
RUNS = {2000: 3, 20000: 1}
# The floor at 20,000 operations takes 2-8 s, where one run's noise moved a ratio by a tenth (doctor's
# floor read its input in 2.8 s in one run and 2.1 s in the next): the median of three.
FLOOR_RUNS = 3
TIME_GOAL = 3.0
MEMORY_GOAL = 2.0
GROWTH_GOAL = 12.0
# Which inputs each step reads and whether it writes a document (the floor dumps the largest input
# in its place: the overlaid spec is the spec plus a few keys).
# "diff-few": the spec against itself with 1 % of its operations overlaid, where the new document
# takes most of its model from the old one's (specpipe.diff.unchanged); "diff" changes every operation.
READS = {
    "overlay": ("spec", "overlay"),
    "doctor": ("overlaid",),
    "diff": ("spec", "overlaid"),
    "diff-few": ("spec", "few"),
}
WRITES = {"overlay": True, "doctor": False, "diff": False, "diff-few": False}


def _floor(step: str, inputs: dict[str, Path], output: Path) -> None:
    loaded = [documents.load(inputs[name]) for name in READS[step]]
    if WRITES[step]:
        output.write_text(documents.dumps(loaded[0]), encoding="utf-8")


def _step(step: str, inputs: dict[str, Path], output: Path) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        main(scale.command(step, inputs, output))


def _worker(kind: str, step: str, folder: Path, operations: int) -> dict[str, float]:
    """In a fresh process: run the step or its floor once; seconds and peak RSS in MiB."""
    inputs = {name: folder / f"{name}-{operations}.json" for name in ("spec", "overlay", "overlaid", "few")}
    output = folder / f"out-{kind}-{step}-{operations}.json"
    run = _step if kind == "step" else _floor
    start = time.perf_counter()
    run(step, inputs, output)
    seconds = time.perf_counter() - start
    output.unlink(missing_ok=True)
    return {"seconds": seconds, "rss_mib": _peak_rss_kib() / 1024}


def _peak_rss_kib() -> int:
    """This process's peak RSS. Not getrusage's ru_maxrss: Linux carries it over fork and exec, so a
    worker would report its parent's peak (the parent holds the synthetic documents)."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))


def _measure(kind: str, step: str, folder: Path, operations: int, times: int) -> dict[str, float]:
    """The run of median time among ``times``, each in a fresh process."""
    arguments = [sys.executable, __file__, "--worker", kind, step, str(folder), str(operations)]
    runs = [
        json.loads(subprocess.run(arguments, capture_output=True, text=True, check=True).stdout) for _ in range(times)
    ]
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]  # type: ignore[no-any-return]


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-floor-") as name:
        folder = Path(name)
        for operations in SIZES:
            scale.write_inputs(folder, operations)
        for step in READS:
            steps = {size: _measure("step", step, folder, size, RUNS[size]) for size in SIZES}
            floor = _measure("floor", step, folder, SIZES[-1], FLOOR_RUNS)
            large = steps[SIZES[-1]]
            case = f"{SIZES[-1]:,} operations"
            rows += [
                Row(f"floor: {step}", f"{case}, time", large["seconds"], floor["seconds"], "s", "I/O floor", TIME_GOAL),
                Row(
                    f"floor: {step}",
                    f"{case}, peak RSS",
                    large["rss_mib"],
                    floor["rss_mib"],
                    "MiB",
                    "I/O floor",
                    MEMORY_GOAL,
                ),
                Row(
                    f"floor: {step}",
                    f"growth t({SIZES[-1]:,})/t({SIZES[0]:,})",
                    large["seconds"],
                    steps[SIZES[0]]["seconds"],
                    "s",
                    f"t({SIZES[0]:,})",
                    GROWTH_GOAL,
                ),
            ]
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        kind, step, folder, operations = sys.argv[2:6]
        print(json.dumps(_worker(kind, step, Path(folder), int(operations))))
    else:
        measure.main(run, __doc__)
