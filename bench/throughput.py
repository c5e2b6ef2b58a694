"""Throughput: 2,000 async deletes against a loopback server that answers after 20 ms, at concurrency
1, 10, 50 and 100, through the generated client.

The ideal is latency x calls / concurrency (every connection always waiting on the server, the client
costing nothing); the figure is the wall time against it. Goal: within 1.3x of ideal at concurrency 50.

Three configurations of the caller's side (see bench/RESULTS.md for what they show):
- ``default limits``: one client with its defaults: up to 100 connections, all kept alive, on
  httpcore's pool with the client's own request assignment (heygen_api_client/pool.py);
- ``limits = concurrency``: one client with ``httpx_args={"limits": httpx.Limits(max_connections=n,
  max_keepalive_connections=n)}``;
- ``httpx's pool as before``: ``httpx_args={"transport": httpx.AsyncHTTPTransport()}``, httpx's
  default limits on httpcore's own pool, which were the client's defaults before;
- ``10 clients``: ten clients of n/10 connections each, callers spread over them round-robin, which
  keeps each pool small;
- ``aiohttp transport``: one client with ``async_transport=aiohttp_transport()`` (the client's
  ``aiohttp`` extra): aiohttp's connection pool in place of httpcore's, default limits otherwise.

At concurrency 50 and 100, also:
- ``raw sockets``: one kept-alive socket per caller, a hand-written request and a read of the head and
  body, no HTTP library: what the server and the event loop allow, the floor any client can reach;
- ``delete_many``: the resource client with nothing chosen by the caller,
  ``HeyGen().videos.delete_many(ids, concurrency=n)`` on threads and ``AsyncHeyGen``'s on tasks
  (``DELETE /v3/videos/{id}``, answered with its documented example), and the async one on the
  aiohttp transport.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import delete_call
import httpx
import measure
from heygen_api_client import aiohttp_transport
from heygen_api_client.resources import AsyncHeyGen, HeyGen
from measure import Row
from servers import LoopbackServer

CALLS = 2000
LATENCY = 0.020
CONCURRENCY = (1, 10, 50, 100)
GOAL = {50: 1.3}
DELETE_MANY_GOAL = {50: 1.3, 100: 1.5}
SHARDS = 10
V3_PATH = "/v3/videos/{video_id}"


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


async def raw_calls(base_url: str, calls: int, concurrency: int) -> float:
    """Seconds ``calls`` requests take on ``concurrency`` kept-alive sockets, each request written by
    hand and its response read by its Content-Length: the server's and the event loop's share alone."""
    address = urlsplit(base_url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    request = f"DELETE {delete_call.PATH}?video_id={delete_call.VIDEO_ID} HTTP/1.1\r\nhost: {host}\r\n\r\n".encode()
    remaining = iter(range(calls))

    async def caller(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for _ in remaining:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(line for line in head.lower().split(b"\r\n") if line.startswith(b"content-length:"))
            await reader.readexactly(int(length.split(b":")[1]))

    connections = [await asyncio.open_connection(host, port) for _ in range(concurrency)]
    start = time.perf_counter()
    await asyncio.gather(*(caller(reader, writer) for reader, writer in connections))
    seconds = time.perf_counter() - start
    for _, writer in connections:
        writer.close()
    return seconds


def delete_many_threads(base_url: str, calls: int, concurrency: int) -> float:
    """Seconds ``HeyGen().videos.delete_many`` takes for ``calls`` ids on ``concurrency`` threads."""
    with HeyGen(base_url=base_url, token=delete_call.KEY) as heygen:
        heygen.videos.delete("first")  # a first call, so a failure shows up front
        start = time.perf_counter()
        result = heygen.videos.delete_many([f"v{index}" for index in range(calls)], concurrency=concurrency)
        seconds = time.perf_counter() - start
    _all_deleted(result.outcomes, calls)
    return seconds


async def delete_many_tasks(base_url: str, calls: int, concurrency: int, aiohttp: bool = False) -> float:
    """Seconds ``AsyncHeyGen().videos.delete_many`` takes for ``calls`` ids on ``concurrency`` tasks."""
    transport = aiohttp_transport() if aiohttp else None
    async with AsyncHeyGen(base_url=base_url, token=delete_call.KEY, async_transport=transport) as heygen:
        await heygen.videos.delete("first")
        start = time.perf_counter()
        result = await heygen.videos.delete_many([f"v{index}" for index in range(calls)], concurrency=concurrency)
        seconds = time.perf_counter() - start
    _all_deleted(result.outcomes, calls)
    return seconds


def _all_deleted(outcomes: list[Any], calls: int) -> None:
    failed = [outcome for outcome in outcomes if outcome.status != "deleted"]
    if len(outcomes) != calls or failed:
        raise RuntimeError(f"delete_many: {len(outcomes)} outcomes, {len(failed)} not deleted: {failed[:1]}")


def _delete_many_cases(base_url: str, concurrency: int) -> list[tuple[str, Callable[[], float]]]:
    """(name, measure) of the delete_many cases, with the client's defaults unless named."""
    return [
        ("delete_many, sync threads, defaults", lambda: delete_many_threads(base_url, CALLS, concurrency)),
        ("delete_many, async, defaults", lambda: asyncio.run(delete_many_tasks(base_url, CALLS, concurrency))),
        (
            "delete_many, async, aiohttp transport",
            lambda: asyncio.run(delete_many_tasks(base_url, CALLS, concurrency, aiohttp=True)),
        ),
    ]


def _configurations(concurrency: int) -> list[tuple[str, int, bool, dict[str, Any]]]:
    """(name, clients, aiohttp, httpx_args) of each configuration measured at ``concurrency``."""
    configurations: list[tuple[str, int, bool, dict[str, Any]]] = [("default limits", 1, False, {})]
    if concurrency > 1:
        configurations.append(("aiohttp transport", 1, True, {}))
    if concurrency > 20:
        # the client's defaults before: httpx's Limits (20 kept alive of 100) on httpcore's own assignment
        configurations.append(("httpx's pool as before", 1, False, {"transport": httpx.AsyncHTTPTransport()}))
        for name, clients in (("limits = concurrency", 1), (f"{SHARDS} clients", SHARDS)):
            size = concurrency // clients
            limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
            configurations.append((name, clients, False, {"limits": limits}))
    return configurations


def _measured(server: LoopbackServer, case: Callable[[], float]) -> tuple[float, str]:
    """Seconds ``case`` takes, and the share of that wall time the client process and the server spent
    on a CPU (above 100 % the client used both cores: sync threads and the GIL's hand-offs)."""
    client_before, server_before = time.process_time(), server.cpu_seconds()
    seconds = case()
    client, server_after = time.process_time() - client_before, server.cpu_seconds()
    share = f"client CPU {client / seconds:.0%}"
    if server_before is not None and server_after is not None:
        share += f", server CPU {(server_after - server_before) / seconds:.0%}"
    return seconds, share


def _row(concurrency: int, name: str, measured: tuple[float, str], goal: float | None) -> Row:
    seconds, share = measured
    return Row(
        "throughput",
        f"concurrency {concurrency}, {name}",
        seconds,
        LATENCY * CALLS / concurrency,
        "s",
        "ideal: 20 ms x 2,000 / concurrency",
        goal,
        note=f"{CALLS / seconds:,.0f} calls/s; {share}",
    )


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        body_file, v3_body_file = Path(folder) / "body.json", Path(folder) / "v3.json"
        body_file.write_bytes(delete_call.documented_body())
        v3_body_file.write_bytes(delete_call.documented_body(path=V3_PATH))
        with LoopbackServer(body_file, delay=LATENCY) as server, LoopbackServer(v3_body_file, delay=LATENCY) as v3:
            for concurrency in CONCURRENCY:
                if concurrency in DELETE_MANY_GOAL:
                    raw = _measured(server, functools.partial(asyncio.run, raw_calls(server.url, CALLS, concurrency)))
                    rows.append(_row(concurrency, "raw sockets", raw, None))
                for name, clients, aiohttp, httpx_args in _configurations(concurrency):
                    measured = _measured(
                        server,
                        functools.partial(
                            asyncio.run, run_calls(server.url, CALLS, concurrency, clients, aiohttp, **httpx_args)
                        ),
                    )
                    rows.append(_row(concurrency, name, measured, GOAL.get(concurrency)))
                if concurrency in DELETE_MANY_GOAL:
                    for name, case in _delete_many_cases(v3.url, concurrency):
                        rows.append(_row(concurrency, name, _measured(v3, case), DELETE_MANY_GOAL[concurrency]))
    return rows


if __name__ == "__main__":
    measure.main(run, __doc__)
