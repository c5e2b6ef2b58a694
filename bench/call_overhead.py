"""Call overhead: one delete through the generated client versus bare httpx plus json.loads.

Both run sync and async, on an in-process httpx.MockTransport (no socket: what is left is the client's
own work) and over loopback against a local server (what a caller sees). Batches of the two alternate,
so drift in the machine's speed hits both alike; a run's figure is the median time per call, and each
in-process case is run three times, the run of median ratio kept (the three ratios in the row's note).
Beside it, the instructions per in-process call, counted under valgrind (cachegrind: the host's drift
does not move them): a worker makes N calls of one side after warming up both, and the count of a
worker making none is subtracted. Without valgrind, CPU time per call (``time.process_time``) over
the same interleaved batches is reported instead.
Goal: at most 1.10x the baseline in-process.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import delete_call
import measure
from heygen_api_client.models import DeleteVideoResponse
from measure import Row
from servers import LoopbackServer

BATCHES = 21
CALLS = {"in-process": 300, "loopback": 100}
WARMUP = 50
RUNS = 3
SIDES = ("client", "baseline")
COUNTED_CALLS = 300
_INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")
GOAL_IN_PROCESS = 1.10
BASELINE = "httpx + json.loads"
BASE_URL = "http://bench.invalid"


def _check(generated: Any, bare: Any) -> None:
    """Both sides really made the call and decoded the documented body (timing errors would be cheap)."""
    if not isinstance(generated, DeleteVideoResponse) or bare.get("code") != 100:
        raise RuntimeError(f"the benchmark call failed: {generated!r} / {bare!r}")


Figures = dict[str, tuple[float, float]]
"""Per call, client and baseline: "wall" and "cpu" microseconds (medians over the batches)."""


def _figures(sides: list[list[tuple[float, float]]], calls: int) -> Figures:
    return {
        kind: tuple(measure.median_per_call([batch[index] for batch in batches], calls) for batches in sides)  # type: ignore[misc]
        for index, kind in enumerate(("wall", "cpu"))
    }


def _sync(base_url: str, calls: int, **httpx_args: Any) -> Figures:
    with (
        delete_call.generated_client(base_url, **httpx_args) as generated,
        delete_call.bare_client(base_url, **httpx_args) as bare,
    ):
        _check(delete_call.generated_delete(generated), delete_call.bare_delete(bare))
        sides: list[tuple[Callable[[], object], list[tuple[float, float]]]] = [
            (lambda: delete_call.generated_delete(generated), []),
            (lambda: delete_call.bare_delete(bare), []),
        ]
        for call, _ in sides:
            for _ in range(WARMUP):
                call()
        for _ in range(BATCHES):
            for call, batches in sides:
                start, cpu = time.perf_counter(), time.process_time()
                for _ in range(calls):
                    call()
                batches.append((time.perf_counter() - start, time.process_time() - cpu))
        return _figures([batches for _, batches in sides], calls)


async def _async(base_url: str, calls: int, **httpx_args: Any) -> Figures:
    async with (
        delete_call.generated_client(base_url, **httpx_args) as generated,
        delete_call.bare_async_client(base_url, **httpx_args) as bare,
    ):
        _check(await delete_call.generated_delete_async(generated), await delete_call.bare_delete_async(bare))
        sides: list[tuple[Callable[[], Awaitable[object]], list[tuple[float, float]]]] = [
            (lambda: delete_call.generated_delete_async(generated), []),
            (lambda: delete_call.bare_delete_async(bare), []),
        ]
        for call, _ in sides:
            for _ in range(WARMUP):
                await call()
        for _ in range(BATCHES):
            for call, batches in sides:
                start, cpu = time.perf_counter(), time.process_time()
                for _ in range(calls):
                    await call()
                batches.append((time.perf_counter() - start, time.process_time() - cpu))
        return _figures([batches for _, batches in sides], calls)


def _median_run(runs: list[Figures], kind: str) -> tuple[tuple[float, float], str]:
    """The run whose ratio is the median of ``runs``' ratios, and all the ratios as a note."""
    ratios = [run[kind][0] / run[kind][1] for run in runs]
    median = statistics.median_low(ratios)
    note = f"median of {len(runs)} runs: {', '.join(f'{ratio:.2f}x' for ratio in ratios)}"
    return runs[ratios.index(median)][kind], note


def _offline() -> dict[str, Any]:
    # The in-process base URL is never resolved: the transport answers without a socket.
    return {"transport": delete_call.mock_transport(delete_call.documented_body())}


def _calls(mode: str, side: str, calls: int) -> None:
    """In a valgrind worker: warm both sides of ``mode`` up, then make ``calls`` calls of ``side`` only."""
    offline = _offline()
    if mode == "sync":
        with (
            delete_call.generated_client(BASE_URL, **offline) as generated,
            delete_call.bare_client(BASE_URL, **offline) as bare,
        ):
            pair: dict[str, Callable[[], object]] = {
                "client": lambda: delete_call.generated_delete(generated),
                "baseline": lambda: delete_call.bare_delete(bare),
            }
            for _ in range(WARMUP):
                pair["client"](), pair["baseline"]()
            for _ in range(calls):
                pair[side]()
        return

    async def calls_async() -> None:
        async with (
            delete_call.generated_client(BASE_URL, **offline) as generated,
            delete_call.bare_async_client(BASE_URL, **offline) as bare,
        ):
            pair: dict[str, Callable[[], Awaitable[object]]] = {
                "client": lambda: delete_call.generated_delete_async(generated),
                "baseline": lambda: delete_call.bare_delete_async(bare),
            }
            for _ in range(WARMUP):
                await pair["client"](), await pair["baseline"]()
            for _ in range(calls):
                await pair[side]()

    asyncio.run(calls_async())


def _instructions(mode: str, side: str, calls: int) -> int:
    """The instructions a worker running ``_calls`` executes, all of its process (start and imports too)."""
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    completed = subprocess.run(
        [*valgrind, sys.executable, __file__, "--calls", mode, side, str(calls)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},  # the same hashes, the same work, run after run
    )
    found = _INSTRUCTIONS.search(completed.stderr)
    if found is None:
        raise RuntimeError(f"valgrind reported no instruction count:\n{completed.stderr[-2000:]}")
    return int(found[1].replace(",", ""))


def _instruction_row(mode: str) -> Row:
    """Instructions per in-process call: a worker's count for ``COUNTED_CALLS`` calls less a worker's for none."""
    idle = _instructions(mode, "client", 0)
    client, baseline = ((_instructions(mode, side, COUNTED_CALLS) - idle) / COUNTED_CALLS for side in SIDES)
    return Row(
        "call overhead", f"{mode}, in-process, instructions", client, baseline, "instr/call", f"{BASELINE}, valgrind"
    )


def _row(case: str, figures: tuple[float, float], goal: float | None, note: str = "") -> Row:
    generated, bare = figures
    return Row("call overhead", case, generated, bare, "µs/call", BASELINE, goal, note)


def _in_process(mode: str) -> list[Row]:
    """The wall-time row (median of ``RUNS`` runs) and, beside it, instructions or else CPU time."""
    measured = {"sync": lambda: _sync(BASE_URL, CALLS["in-process"], **_offline())}
    measured["async"] = lambda: asyncio.run(_async(BASE_URL, CALLS["in-process"], **_offline()))
    runs = [measured[mode]() for _ in range(RUNS)]
    wall, note = _median_run(runs, "wall")
    rows = [_row(f"{mode}, in-process", wall, GOAL_IN_PROCESS, note)]
    if shutil.which("valgrind") is not None:
        return [*rows, _instruction_row(mode)]
    cpu, note = _median_run(runs, "cpu")
    return [*rows, _row(f"{mode}, in-process, CPU time (no valgrind here)", cpu, None, note)]


def run() -> list[Row]:
    rows = _in_process("sync") + _in_process("async")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        body_file = Path(folder) / "body.json"
        body_file.write_bytes(delete_call.documented_body())
        with LoopbackServer(body_file) as server:
            rows.append(_row("sync, loopback", _sync(server.url, CALLS["loopback"])["wall"], None))
            rows.append(_row("async, loopback", asyncio.run(_async(server.url, CALLS["loopback"]))["wall"], None))
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["--calls"]:
        _calls(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        measure.main(run, __doc__)
