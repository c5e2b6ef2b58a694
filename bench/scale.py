"""Scale: synthetic specs of 10, 200 and 2,000 operations through ``specpipe overlay``, ``doctor`` and
``diff``; seconds, peak memory, and the growth ratio t(2000)/t(200).

The specs are the vendored document's operation copied N times with every schema and example, and the
overlay is ours with each action repeated for every copy (bench/synthetic.py): 6 actions per
operation, 12,000 at 2,000 operations. ``doctor`` checks the overlaid spec (clean, as in
``specpipe generate``) and ``diff`` compares the raw spec with the overlaid one (6 changes per
operation). Each step runs as its command would (``specpipe.cli.main``: read, run, write), in a fresh
process per step and size, timed after one warm-up run on the 10-operation spec so that imports are
not counted; the figure is the median of 3 runs, and the peak memory is tracemalloc's over one more.
Goals: t(2000)/t(200) at most 12 (linear: 10 for 10x the operations, plus slack) and under 2 s at
2,000 operations.
"""

from __future__ import annotations

import contextlib
import io
import json
import statistics
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import measure
import synthetic
from measure import Row

from specpipe import documents
from specpipe.cli import main
from specpipe.overlay import apply_overlays, parse_overlay

ROOT = Path(__file__).resolve().parents[1]
SIZES = (10, 200, 2000)
STEPS = ("overlay", "doctor", "diff")
RUNS = 3
GROWTH_GOAL = 12.0
SECONDS_GOAL = 2.0


def write_inputs(folder: Path, operations: int) -> dict[str, Path]:
    """The raw spec, the overlay, the overlaid spec and the spec with 1 % of it overlaid ("few") of
    ``operations`` operations, as files."""
    vendored = documents.load_mapping(ROOT / "openapi" / "heygen-api.json")
    overlay_path = ROOT / "overlay" / "heygen-api.overlay.yaml"  # the scaled document's own source's overlay
    spec = synthetic.scaled_spec(vendored, operations)
    overlay = synthetic.scaled_overlay(documents.load_mapping(overlay_path), vendored, operations)
    paths = {name: folder / f"{name}-{operations}.json" for name in ("spec", "overlay", "overlaid", "few")}
    paths["spec"].write_text(documents.dumps(spec))
    paths["overlay"].write_text(documents.dumps(overlay))
    overlaid = apply_overlays(spec, [parse_overlay(overlay, str(paths["overlay"]))]).document
    paths["overlaid"].write_text(documents.dumps(overlaid))
    paths["few"].write_text(documents.dumps(synthetic.few_changed(spec, overlaid)))
    return paths


def command(step: str, inputs: dict[str, Path], output: Path) -> list[str]:
    """The ``specpipe`` arguments that run ``step`` on ``inputs``."""
    return {
        "overlay": ["overlay", str(inputs["spec"]), str(inputs["overlay"]), "-o", str(output)],
        "doctor": ["doctor", str(inputs["overlaid"])],
        "diff": ["diff", str(inputs["spec"]), str(inputs["overlaid"]), "--fail-on", "never"],
        "diff-few": ["diff", str(inputs["spec"]), str(inputs["few"]), "--fail-on", "never"],
    }[step]


def _worker(step: str, folder: Path, operations: int) -> dict[str, float]:
    """In a fresh process: warm up on the smallest inputs, then time ``step`` (and trace its memory)."""

    def run(size: int) -> float:
        inputs = {name: folder / f"{name}-{size}.json" for name in ("spec", "overlay", "overlaid", "few")}
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return measure.timed(lambda: main(command(step, inputs, folder / f"out-{step}-{size}.json")))

    run(SIZES[0])
    seconds = statistics.median(run(operations) for _ in range(RUNS))
    tracemalloc.start()
    run(operations)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"seconds": seconds, "peak_mib": peak / 2**20}


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as name:
        folder = Path(name)
        for operations in SIZES:
            write_inputs(folder, operations)
        for step in STEPS:
            figures = {}
            for operations in SIZES:
                completed = subprocess.run(
                    [sys.executable, __file__, "--worker", step, str(folder), str(operations)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                figures[operations] = json.loads(completed.stdout)
            small, large = figures[200], figures[2000]
            for operations in SIZES:
                rows.append(
                    Row(
                        f"scale: {step}",
                        f"{operations} operations",
                        figures[operations]["seconds"],
                        SECONDS_GOAL,
                        "s",
                        "the 2 s goal",
                        1.0 if operations == 2000 else None,
                        note=f"peak {figures[operations]['peak_mib']:.0f} MiB",
                    )
                )
            rows.append(
                Row(
                    f"scale: {step}",
                    "growth t(2000)/t(200)",
                    large["seconds"],
                    small["seconds"],
                    "s",
                    "t(200)",
                    GROWTH_GOAL,
                    note=f"memory growth {large['peak_mib'] / small['peak_mib']:.1f}x",
                )
            )
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        step, folder, operations = sys.argv[2:5]
        print(json.dumps(_worker(step, Path(folder), int(operations))))
    else:
        measure.main(run, __doc__)
