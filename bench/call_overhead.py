"""Call overhead: one delete through the generated client versus bare httpx plus json.loads.

Both run sync and async, on an in-process httpx.MockTransport (no socket: what is left is the client's
own work) and over loopback against a local server (what a caller sees). Batches of the two alternate,
so drift in the machine's speed hits both alike; the figure is the median time per call.
Goal: at most 1.10x the baseline in-process.
"""

from __future__ import annotations

import asyncio
import tempfile
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
GOAL_IN_PROCESS = 1.10
BASELINE = "httpx + json.loads"


def _check(generated: Any, bare: Any) -> None:
    """Both sides really made the call and decoded the documented body (timing errors would be cheap)."""
    if not isinstance(generated, DeleteVideoResponse) or bare.get("code") != 100:
        raise RuntimeError(f"the benchmark call failed: {generated!r} / {bare!r}")


def _sync(base_url: str, calls: int, **httpx_args: Any) -> tuple[float, float]:
    with (
        delete_call.generated_client(base_url, **httpx_args) as generated,
        delete_call.bare_client(base_url, **httpx_args) as bare,
    ):
        _check(delete_call.generated_delete(generated), delete_call.bare_delete(bare))
        sides: list[tuple[Callable[[], object], list[float]]] = [
            (lambda: delete_call.generated_delete(generated), []),
            (lambda: delete_call.bare_delete(bare), []),
        ]
        for call, _ in sides:
            for _ in range(WARMUP):
                call()
        for _ in range(BATCHES):
            for call, batches in sides:
                batches.append(measure.timed(lambda call=call: [call() for _ in range(calls)]))  # type: ignore[misc]
        return measure.median_per_call(sides[0][1], calls), measure.median_per_call(sides[1][1], calls)


async def _async(base_url: str, calls: int, **httpx_args: Any) -> tuple[float, float]:
    async with (
        delete_call.generated_client(base_url, **httpx_args) as generated,
        delete_call.bare_async_client(base_url, **httpx_args) as bare,
    ):
        _check(await delete_call.generated_delete_async(generated), await delete_call.bare_delete_async(bare))
        sides: list[tuple[Callable[[], Awaitable[object]], list[float]]] = [
            (lambda: delete_call.generated_delete_async(generated), []),
            (lambda: delete_call.bare_delete_async(bare), []),
        ]
        loop = asyncio.get_running_loop()
        for call, _ in sides:
            for _ in range(WARMUP):
                await call()
        for _ in range(BATCHES):
            for call, batches in sides:
                start = loop.time()
                for _ in range(calls):
                    await call()
                batches.append(loop.time() - start)
        return measure.median_per_call(sides[0][1], calls), measure.median_per_call(sides[1][1], calls)


def _row(case: str, figures: tuple[float, float], goal: float | None) -> Row:
    generated, bare = figures
    return Row("call overhead", case, generated, bare, "µs/call", BASELINE, goal)


def run() -> list[Row]:
    body = delete_call.documented_body()
    # The in-process base URL is never resolved: the transport answers without a socket.
    offline = {"transport": delete_call.mock_transport(body)}
    rows = [
        _row("sync, in-process", _sync("http://bench.invalid", CALLS["in-process"], **offline), GOAL_IN_PROCESS),
        _row(
            "async, in-process",
            asyncio.run(_async("http://bench.invalid", CALLS["in-process"], **offline)),
            GOAL_IN_PROCESS,
        ),
    ]
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        body_file = Path(folder) / "body.json"
        body_file.write_bytes(body)
        with LoopbackServer(body_file) as server:
            rows.append(_row("sync, loopback", _sync(server.url, CALLS["loopback"]), None))
            rows.append(_row("async, loopback", asyncio.run(_async(server.url, CALLS["loopback"])), None))
    return rows


if __name__ == "__main__":
    measure.main(run, __doc__)
