"""The benchmarks' shared helpers: rows, verdicts, the table and its JSON round trip."""

from __future__ import annotations

import pytest

from bench import measure
from bench.measure import Row


@pytest.mark.parametrize(
    ("measured", "goal", "verdict"),
    [
        pytest.param(1.1, 1.1, "met", id="at-the-goal"),
        pytest.param(1.2, 1.1, "MISSED", id="over-the-goal"),
        pytest.param(5.0, None, "", id="no-goal"),
    ],
)
def test_verdict_compares_the_ratio_with_the_goal(measured: float, goal: float | None, verdict: str) -> None:
    row = Row("b", "c", measured, 1.0, "s", "base", goal)
    assert row.verdict == verdict


def test_ratio_is_measured_over_baseline() -> None:
    assert Row("b", "c", 3.0, 2.0, "s", "base").ratio == 1.5


def test_median_per_call_is_in_microseconds() -> None:
    assert measure.median_per_call([0.3, 0.1, 0.2], 1000) == pytest.approx(200.0)


def test_table_has_one_line_per_row_with_ratio_and_verdict() -> None:
    rows = [Row("call", "sync", 150.0, 120.0, "µs/call", "httpx", 1.1), Row("scale", "n", 0.5, 2.0, "s", "goal")]
    lines = measure.table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert "| call | sync | 150 µs/call | 120 µs/call (httpx) | 1.25x | ≤ 1.1x | MISSED |" in lines
    assert lines[-1].endswith("| 0.25x |  |  |")


def test_rows_survive_the_json_round_trip() -> None:
    rows = [Row("b", "c", 1.5, 2.0, "s", "base", 1.3, note="n")]
    assert measure.from_json(measure.to_json(rows)) == rows


REPORT = """\
import time: self [us] | cumulative | imported package
import time:       100 |        100 | _io
import time:       300 |      78901 | httpx
import time:        50 |        900 |   attr
import time:       287 |      11564 | attrs
import time:        10 |         20 |     httpx
"""


def test_sums_the_named_top_level_imports_only() -> None:
    assert measure.importtime_cumulative(REPORT, ["httpx", "attrs"]) == 78901 + 11564


def test_a_module_not_imported_counts_nothing() -> None:
    assert measure.importtime_cumulative(REPORT, ["heygen_api_client"]) == 0
