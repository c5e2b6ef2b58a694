"""Throughput: 2,000 async deletes against a loopback server that answers after 20 ms, at concurrency
1, 10, 50 and 100, through the generated client.

The ideal is latency x calls / concurrency (every connection always waiting on the server, the client
costing nothing); the figure is the wall time against it. Goal: within 1.3x of ideal at concurrency 50
(and for ``delete_many``, 1.5x at 100). Each row's note gives calls/s, the client's CPU per call and the
client process's and the server's CPU as a share of the row's wall time: on a shared machine the CPU per
call is the figure to compare, the wall time moves with the load (the load average is printed).

Configurations of the caller's side (see bench/RESULTS.md for what they show):
- ``defaults``: one client with nothing chosen: for async calls aiohttp's pool when the ``aiohttp``
  extra is installed (heygen_api_client/_aiohttp_pool.py), else httpx's;
- ``httpx's pool``: ``async_pool="httpx"``: httpcore's pool with the client's limits (100 connections,
  all kept alive) and request assignment (heygen_api_client/_pool.py);
- ``httpx's pool as before`` (at 50 and 100): ``httpx_args={"transport": httpx.AsyncHTTPTransport()}``,
  httpx's default limits on httpcore's own pool, the client's defaults before issue 22.

At concurrency 50 and 100, also:
- ``raw sockets``: one kept-alive socket per caller, a hand-written request and a read of the head and
  body, no HTTP library: what the server and the event loop allow, the floor any client can reach;
- ``delete_many``: the resource client with nothing chosen by the caller,
  ``HeyGen().videos.delete_many(ids, concurrency=n)`` (on an event loop of its own) and ``AsyncHeyGen``'s
  (``DELETE /v3/videos/{id}``, answered with its documented example); the async one on httpx's pool; and
  the sync one on threads, as it runs for a client whose ``httpx_args`` hold event hooks.
  Where a ``delete_many`` row with the defaults misses its goal, its note says where the client's CPU
  goes: a second run under cProfile (process time; the sync one's in the thread running its loop), each
  package's share of the CPU and the top functions.
"""

from __future__ import annotations

import asyncio
import cProfile
import functools
import os
import pstats
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import delete_call
import httpx
import measure
from heygen_api_client.resources import AsyncHeyGen, HeyGen
from measure import Row
from servers import LoopbackServer

CALLS = 2000
LATENCY = 0.020
CONCURRENCY = (1, 10, 50, 100)
GOAL = {50: 1.3}
DELETE_MANY_GOAL = {50: 1.3, 100: 1.5}
V3_PATH = "/v3/videos/{video_id}"


async def run_calls(
    base_url: str, calls: int, concurrency: int, async_pool: Literal["auto", "httpx"] = "auto", **httpx_args: Any
) -> float:
    """Seconds ``calls`` deletes take with ``concurrency`` callers on one generated client."""
    remaining = iter(range(calls))

    async def caller(client: Any) -> None:
        for _ in remaining:  # the callers share one iterator: together they make exactly `calls` calls
            await delete_call.generated_delete_async(client)

    async with delete_call.generated_client(base_url, None, async_pool, **httpx_args) as client:
        await delete_call.generated_delete_async(client)  # a first call, so a failure shows up front
        start = time.perf_counter()
        await asyncio.gather(*(caller(client) for _ in range(concurrency)))
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


SYNC_ON_THREADS: dict[str, Any] = {"httpx_args": {"event_hooks": {"request": [], "response": []}}}
"""A client whose sync ``delete_many`` keeps to threads (hooks may work on the sync pool only)."""


def delete_many_sync(base_url: str, calls: int, concurrency: int, **options: Any) -> float:
    """Seconds ``HeyGen(**options).videos.delete_many`` takes for ``calls`` ids at ``concurrency``."""
    with HeyGen(base_url=base_url, token=delete_call.KEY, **options) as heygen:
        heygen.videos.delete("first")  # a first call, so a failure shows up front
        start = time.perf_counter()
        result = heygen.videos.delete_many([f"v{index}" for index in range(calls)], concurrency=concurrency)
        seconds = time.perf_counter() - start
    _all_deleted(result.outcomes, calls)
    return seconds


async def delete_many_tasks(
    base_url: str, calls: int, concurrency: int, async_pool: Literal["auto", "httpx"] = "auto"
) -> float:
    """Seconds ``AsyncHeyGen().videos.delete_many`` takes for ``calls`` ids on ``concurrency`` tasks."""
    async with AsyncHeyGen(base_url=base_url, token=delete_call.KEY, async_pool=async_pool) as heygen:
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


def _delete_many_cases(
    base_url: str, concurrency: int
) -> list[tuple[str, Callable[[], float], Literal["main", "threads", None]]]:
    """(name, measure, where to profile it when it misses: the main thread, the threads it starts, or
    not at all) of the delete_many cases, with the client's defaults unless named."""
    return [
        ("delete_many, sync, defaults", lambda: delete_many_sync(base_url, CALLS, concurrency), "threads"),
        (
            "delete_many, sync threads (a client with event hooks)",
            lambda: delete_many_sync(base_url, CALLS, concurrency, **SYNC_ON_THREADS),
            None,
        ),
        ("delete_many, async, defaults", lambda: asyncio.run(delete_many_tasks(base_url, CALLS, concurrency)), "main"),
        (
            "delete_many, async, httpx's pool",
            lambda: asyncio.run(delete_many_tasks(base_url, CALLS, concurrency, "httpx")),
            None,
        ),
    ]


def _configurations(concurrency: int) -> list[tuple[str, Literal["auto", "httpx"], dict[str, Any]]]:
    """(name, async_pool, httpx_args) of each configuration measured at ``concurrency``."""
    configurations: list[tuple[str, Literal["auto", "httpx"], dict[str, Any]]] = [
        ("defaults", "auto", {}),
        ("httpx's pool", "httpx", {}),
    ]
    if concurrency > 20:
        # the client's defaults before: httpx's Limits (20 kept alive of 100) on httpcore's own assignment
        configurations.append(("httpx's pool as before", "auto", {"transport": httpx.AsyncHTTPTransport()}))
    return configurations


_PACKAGES = (
    re.compile(r"site-packages/([^/]+)/"),
    re.compile(r"(heygen_api_client)/"),
    re.compile(r"/python3\.\d+/([^/]+?)(?:\.py)?(?:/|$)"),  # the standard library
)


def _package(filename: str) -> str:
    """The package a profiled function's file belongs to, tried in that order; C functions (``~``) apart."""
    if filename == "~":
        return "C builtins"
    return next((match[1] for pattern in _PACKAGES if (match := pattern.search(filename))), "other")


def where_the_time_goes(case: Callable[[], float], top: int = 3, threads: bool = False) -> str:
    """``case`` run again under cProfile on process time: each package's share of the client's CPU
    (its functions' own time), then the ``top`` functions by their own time. ``threads``: profile the
    threads the case starts instead of the main thread (which then only waits)."""
    profile = cProfile.Profile(time.process_time)
    if threads:
        # A new thread calls this hook on its first event; enabling the profiler there replaces the hook.
        threading.setprofile(lambda *_: profile.enable())
        try:
            case()
        finally:
            threading.setprofile(None)
    else:
        profile.runcall(case)
    entries = pstats.Stats(profile).stats  # type: ignore[attr-defined]  # pstats keeps them untyped
    by_package: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    for (filename, line, function), (_, _, own, _, _) in entries.items():
        by_package[_package(filename)] += own
        by_function[f"{_package(filename)}:{function}" + (f":{line}" if line else "")] += own
    total = sum(by_package.values()) or 1.0
    packages = ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in by_package.most_common(6))
    functions = ", ".join(f"{name} {seconds / total:.0%}" for name, seconds in by_function.most_common(top))
    return f"client CPU by package: {packages}; top functions: {functions}"


def _measured(server: LoopbackServer, case: Callable[[], float]) -> tuple[float, str]:
    """Seconds ``case`` takes, and the client's CPU per call and share of that wall time, and the server's
    share (above 100 % the client used both cores: sync threads and the GIL's hand-offs)."""
    client_before, server_before = time.process_time(), server.cpu_seconds()
    seconds = case()
    client, server_after = time.process_time() - client_before, server.cpu_seconds()
    share = f"client CPU {client / CALLS * 1e3:.2f} ms/call, {client / seconds:.0%}"
    if server_before is not None and server_after is not None:
        share += f"; server CPU {(server_after - server_before) / seconds:.0%}"
    return seconds, share


def _row(concurrency: int, name: str, measured: tuple[float, str], goal: float | None, where: str = "") -> Row:
    seconds, share = measured
    return Row(
        "throughput",
        f"concurrency {concurrency}, {name}",
        seconds,
        LATENCY * CALLS / concurrency,
        "s",
        "ideal: 20 ms x 2,000 / concurrency",
        goal,
        note=f"{CALLS / seconds:,.0f} calls/s; {share}; load {os.getloadavg()[0]:.1f}"
        + (f"; {where}" if where else ""),
    )


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        body_file, v3_body_file = Path(folder) / "body.json", Path(folder) / "v3.json"
        body_file.write_bytes(delete_call.documented_body())
        v3_body_file.write_bytes(delete_call.documented_body(path=V3_PATH))
        # an hour's lifetime: under load the whole run outlasted the servers' default ten minutes
        with (
            LoopbackServer(body_file, delay=LATENCY, lifetime=3600) as server,
            LoopbackServer(v3_body_file, delay=LATENCY, lifetime=3600) as v3,
        ):
            for concurrency in CONCURRENCY:
                if concurrency in DELETE_MANY_GOAL:
                    raw = _measured(server, functools.partial(asyncio.run, raw_calls(server.url, CALLS, concurrency)))
                    rows.append(_row(concurrency, "raw sockets", raw, None))
                for name, async_pool, httpx_args in _configurations(concurrency):
                    calls = functools.partial(
                        asyncio.run, run_calls(server.url, CALLS, concurrency, async_pool, **httpx_args)
                    )
                    rows.append(_row(concurrency, name, _measured(server, calls), GOAL.get(concurrency)))
                if concurrency in DELETE_MANY_GOAL:
                    goal = DELETE_MANY_GOAL[concurrency]
                    for name, case, profiled in _delete_many_cases(v3.url, concurrency):
                        measured = _measured(v3, case)
                        missed = measured[0] > goal * LATENCY * CALLS / concurrency
                        where = ""
                        if missed and profiled is not None:
                            where = where_the_time_goes(case, threads=profiled == "threads")
                        rows.append(_row(concurrency, name, measured, goal, where))
                        if where:
                            print(f"concurrency {concurrency}, {name}: {where}", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    measure.main(run, __doc__)
