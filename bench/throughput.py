"""Throughput: 2,000 async deletes against a loopback server that answers after 20 ms, at concurrency
1, 10, 50 and 100, through the generated client.

The ideal is latency x calls / concurrency (every connection always waiting on the server, the client
costing nothing); the figure is the wall time against it. Goal: within 1.3x of ideal at concurrency 50.

Three configurations of the caller's side (see bench/RESULTS.md for what they show):
- ``default limits``: one client; httpx keeps at most 20 idle connections (``max_keepalive_connections``),
  so above 20 concurrent calls the others open and close a connection per call;
- ``limits = concurrency``: one client with ``httpx_args={"limits": httpx.Limits(max_connections=n,
  max_keepalive_connections=n)}``; httpcore's async pool scans every pooled connection for every
  queued request (encode/httpx#3215), so more pooled connections cost more CPU per call;
- ``10 clients``: ten clients of n/10 connections each, callers spread over them round-robin, which
  keeps each pool small;
- ``aiohttp transport``: one client with ``async_transport=aiohttp_transport()`` (the client's
  ``aiohttp`` extra): aiohttp's connection pool in place of httpcore's, default limits otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from pathlib import Path
from typing import Any

import delete_call
import httpx
import measure
from heygen_api_client import aiohttp_transport
from measure import Row
from servers import LoopbackServer

CALLS = 2000
LATENCY = 0.020
CONCURRENCY = (1, 10, 50, 100)
GOAL = {50: 1.3}
SHARDS = 10


async def run_calls(
    base_url: str, calls: int, concurrency: int, clients: int = 1, aiohttp: bool = False, **httpx_args: Any
) -> float:
    """Seconds ``calls`` deletes take with ``concurrency`` callers spread over ``clients`` generated clients
    (on aiohttp's pool when ``aiohttp``)."""
    remaining = iter(range(calls))

    async def caller(client: Any) -> None:
        for _ in remaining:  # the callers share one iterator: together they make exactly `calls` calls
            await delete_call.generated_delete_async(client)

    async with contextlib.AsyncExitStack() as stack:
        pool = [
            await stack.enter_async_context(
                delete_call.generated_client(base_url, aiohttp_transport() if aiohttp else None, **httpx_args)
            )
            for _ in range(clients)
        ]
        for client in pool:
            await delete_call.generated_delete_async(client)  # a first call, so a failure shows up front
        start = time.perf_counter()
        await asyncio.gather(*(caller(pool[index % clients]) for index in range(concurrency)))
        return time.perf_counter() - start


def _configurations(concurrency: int) -> list[tuple[str, int, bool, dict[str, Any]]]:
    """(name, clients, aiohttp, httpx_args) of each configuration measured at ``concurrency``."""
    configurations: list[tuple[str, int, bool, dict[str, Any]]] = [("default limits", 1, False, {})]
    if concurrency > 1:
        configurations.append(("aiohttp transport", 1, True, {}))
    if concurrency > 20:
        for name, clients in (("limits = concurrency", 1), (f"{SHARDS} clients", SHARDS)):
            size = concurrency // clients
            limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
            configurations.append((name, clients, False, {"limits": limits}))
    return configurations


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        body_file = Path(folder) / "body.json"
        body_file.write_bytes(delete_call.documented_body())
        with LoopbackServer(body_file, delay=LATENCY) as server:
            for concurrency in CONCURRENCY:
                ideal = LATENCY * CALLS / concurrency
                for name, clients, aiohttp, httpx_args in _configurations(concurrency):
                    seconds = asyncio.run(run_calls(server.url, CALLS, concurrency, clients, aiohttp, **httpx_args))
                    rows.append(
                        Row(
                            "throughput",
                            f"concurrency {concurrency}, {name}",
                            seconds,
                            ideal,
                            "s",
                            "ideal: 20 ms x 2,000 / concurrency",
                            GOAL.get(concurrency),
                            note=f"{CALLS / seconds:,.0f} calls/s",
                        )
                    )
    return rows


if __name__ == "__main__":
    measure.main(run, __doc__)
