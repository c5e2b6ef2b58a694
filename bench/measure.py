"""What every benchmark script shares: a result row, the median of timed batches, and the output.

Every figure is a ratio against a baseline measured in the same run, so a slower or busier machine
moves both sides alike. A script prints its rows as a table, or as JSON with ``--json`` so that
``bench/run.py`` can gather every script's rows into one table.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure next to its baseline; ``goal`` is the highest acceptable ratio, if any."""

    benchmark: str
    case: str
    measured: float
    baseline: float
    unit: str
    baseline_name: str
    goal: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.measured / self.baseline

    @property
    def verdict(self) -> str:
        if self.goal is None:
            return ""
        return "met" if self.ratio <= self.goal else "MISSED"


def median_per_call(batches: Sequence[float], calls_per_batch: int) -> float:
    """The median over batches of the time per call, in microseconds."""
    return statistics.median(batches) / calls_per_batch * 1e6


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def importtime_cumulative(report: str, modules: list[str]) -> int:
    """The summed cumulative microseconds of ``modules`` in an ``-X importtime`` report.

    Lines read ``import time: <self> | <cumulative> | <indented name>``; a top-level import is one
    whose name is not indented. A module imported earlier by another one on the list is counted once.
    """
    total = 0
    for line in report.splitlines():
        if not line.startswith("import time:"):
            continue
        _, cumulative_us, name = line.split("|", 2)
        if name.strip() in modules and not name[1:].startswith(" "):
            total += int(cumulative_us)
    return total


def _figure(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:.3g} {unit}"


def table(rows: Sequence[Row]) -> str:
    """The rows as one Markdown table: figure, baseline, ratio, goal and verdict."""
    lines = [
        "| benchmark | case | measured | baseline | ratio | goal | verdict |",
        "| --- | --- | ---: | --- | ---: | ---: | --- |",
    ]
    for row in rows:
        goal = f"≤ {row.goal:g}x" if row.goal is not None else ""
        baseline = f"{_figure(row.baseline, row.unit)} ({row.baseline_name})"
        case = f"{row.case} ({row.note})" if row.note else row.case
        lines.append(
            f"| {row.benchmark} | {case} | {_figure(row.measured, row.unit)} | {baseline} "
            f"| {row.ratio:.2f}x | {goal} | {row.verdict} |"
        )
    return "\n".join(lines) + "\n"


def machine() -> str:
    """The machine the figures come from, as RESULTS.md records it."""
    return (
        f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def to_json(rows: Sequence[Row]) -> str:
    return json.dumps([dataclasses.asdict(row) for row in rows])


def from_json(text: str) -> list[Row]:
    return [Row(**fields) for fields in json.loads(text)]


def main(measure: Callable[[], list[Row]], description: str | None) -> None:
    """A benchmark script's entry point: measure, then print a table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=(description or "").strip().splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for bench/run.py)")
    as_json = parser.parse_args().json
    rows = measure()
    sys.stdout.write(to_json(rows) + "\n" if as_json else f"{machine()}\n\n{table(rows)}")
