"""Per-attempt deadlines at their source (templates/runtime/_deadlines.py)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import httpx
import pytest

from templates.runtime._deadlines import _loop_deadlines, _shut, _Watchdog


def test_an_unarmed_watch_past_its_deadline_says_so_when_stopped() -> None:
    """Negative control: the same watch with a deadline ahead reports the deadline not passed."""
    watchdog = _Watchdog()
    request = httpx.Request("GET", "https://api.example.test/")
    assert watchdog.watch(request, time.monotonic() - 1).stop()
    assert not watchdog.watch(request, time.monotonic() + 60).stop()


def test_the_watchdog_shuts_the_socket_a_blocked_read_waits_on() -> None:
    """Without the watchdog the ``recv`` below would block until the 5 s socket timeout."""
    watchdog = _Watchdog()
    reader, writer = socket.socketpair()
    reader.settimeout(5)
    try:
        watch = watchdog.watch(httpx.Request("GET", "https://api.example.test/"), time.monotonic() + 0.2)
        watch._watch(reader)
        started = time.monotonic()
        assert reader.recv(1) == b""  # end of file: the watchdog shut the socket
        assert time.monotonic() - started < 4
        assert watch.stop()
    finally:
        reader.close()
        writer.close()


def test_shut_wakes_a_reader_in_another_thread_and_ignores_a_closed_socket() -> None:
    reader, writer = socket.socketpair()
    reader.settimeout(5)
    received: list[bytes] = []
    thread = threading.Thread(target=lambda: received.append(reader.recv(1)))
    thread.start()
    time.sleep(0.1)
    _shut(reader)
    thread.join(4)
    assert received == [b""]
    reader.close()
    writer.close()
    _shut(reader)  # closed: no error
    _shut(None)


def test_the_loop_timer_cancels_an_attempt_at_its_deadline() -> None:
    """Negative control: the attempt without an entry in the loop's deadlines sleeps its 0.5 s out."""

    async def attempt(watched: bool) -> str:
        running = _loop_deadlines()
        assert running is not None
        loop, deadlines = running
        async with asyncio.timeout(None) as timeout:
            entry = deadlines.add(loop, 0.05, timeout) if watched else None
            try:
                await asyncio.sleep(0.5)
            finally:
                if entry is not None:
                    entry[2] = None
        return "finished"

    with pytest.raises(TimeoutError):
        asyncio.run(attempt(watched=True))
    assert asyncio.run(attempt(watched=False)) == "finished"


def test_no_loop_no_loop_deadlines() -> None:
    assert _loop_deadlines() is None
