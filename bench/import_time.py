"""Import time: ``import heygen_api_client`` versus importing httpx and attrs alone.

Each import runs in a fresh interpreter with ``python -X importtime``; the figure is the sum of the
cumulative times of the top-level modules named, median over the runs. The ratio says what the
generated package (its modules and httpx-retries) adds on top of the two libraries it is built on.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

import measure
from measure import Row

RUNS = 9


def import_microseconds(modules: list[str]) -> int:
    """Microseconds a fresh interpreter spends importing ``modules`` (their cumulative -X importtime)."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import " + ", ".join(modules)],
        capture_output=True,
        text=True,
        check=True,
    )
    return measure.importtime_cumulative(completed.stderr, modules)


def run() -> list[Row]:
    client, baseline = [], []
    for _ in range(RUNS):  # alternating, so drift hits both
        client.append(import_microseconds(["heygen_api_client"]))
        baseline.append(import_microseconds(["httpx", "attrs"]))
    return [
        Row(
            "import time",
            "import heygen_api_client",
            statistics.median(client) / 1000,
            statistics.median(baseline) / 1000,
            "ms",
            "import httpx, attrs",
        )
    ]


if __name__ == "__main__":
    measure.main(run, __doc__)
