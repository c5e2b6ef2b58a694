"""Per-attempt deadlines: a watchdog thread for sync calls, one shared timer per event loop for async ones."""

import asyncio
import contextlib
import heapq
import itertools
import math
import os
import socket
import sys
import threading
import time
import weakref
from collections.abc import Awaitable, Callable
from types import FrameType
from typing import Any

import httpx


def _deadline_passed(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout("the response outlasted the client's deadline", request=request)


class _Watch:
    """One sync attempt's deadline: the socket it reads from, once known, and whether the deadline passed.
    The stream comes from httpcore's ``trace`` request extension: the connect event's return value on a
    new connection; on a pooled one (httpcore traces no event that carries it) the ``_network_stream`` of
    the HTTP/1.1 connection whose ``send_request_headers`` event calls back. The watchdog learns of a
    watch only once its socket is known (armed): before, it has nothing to shut, and an attempt without a
    socket (an in-process transport) costs no lock and no heap entry."""

    __slots__ = ("_armed", "_socket", "_stream", "_watchdog", "caller_trace", "deadline_at", "fired", "stopped")

    def __init__(
        self, deadline_at: float, watchdog: "_Watchdog", caller_trace: Callable[[str, dict[str, Any]], Any] | None
    ) -> None:
        self.deadline_at = deadline_at
        self.fired = False
        self.stopped = False
        self.caller_trace = caller_trace
        self._armed = False
        self._watchdog = watchdog
        self._socket: socket.socket | None = None
        self._stream: Any = None

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback."""
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            self._stream = info["return_value"]
        elif event == "http11.send_request_headers.started":  # HTTP/2 multiplexes calls: its socket is left alone
            stream = self._stream if self._stream is not None else _caller_stream()
            if stream is not None:
                self._watch(stream.get_extra_info("socket"))
            self._untrace(info["request"].extensions)
        if self.caller_trace is not None:
            self.caller_trace(event, info)

    def _untrace(self, extensions: dict[str, Any]) -> None:
        """Nothing left to learn in this attempt: httpcore stops tracing (each traced event costs)."""
        if self.caller_trace is None:
            del extensions["trace"]
        else:
            extensions["trace"] = self.caller_trace

    def _watch(self, sock: socket.socket | None) -> None:
        self._socket = sock
        self._armed = True
        self._watchdog.arm(self)  # a deadline already past: the watchdog shuts the socket at once

    def expire(self) -> None:
        """Called by the watchdog, under its lock."""
        if not self.stopped:
            self.fired = True
            _shut(self._socket)

    def stop(self) -> bool:
        """Ends the watch before the connection goes back to the pool (where another call may take it);
        True if the deadline had passed."""
        if self.stopped:  # stopped under the lock before: the watchdog no longer changes it
            return self.fired
        if not self._armed:  # the watchdog never had it: the clock says whether the deadline passed
            self.stopped = True
            self.fired = time.monotonic() > self.deadline_at
            self._stream = None
            return self.fired
        with self._watchdog.lock:
            self.stopped = True
            self._socket = self._stream = None  # the heap keeps a stopped watch until its deadline
            return self.fired


def _caller_stream() -> Any:
    """The network stream of the httpcore connection whose ``handle_request`` is up the stack (a trace
    callback runs inside it); only that frame's locals are read (reading them costs)."""
    frame: FrameType | None = sys._getframe(2)
    for _ in range(4):
        if frame is None:
            return None
        if frame.f_code.co_name == "handle_request":
            return getattr(frame.f_locals.get("self"), "_network_stream", None)
        frame = frame.f_back
    return None


def _shut(sock: socket.socket | None) -> None:
    """Wakes a read blocked on ``sock`` at once (with end of file; close() would not wake it). The plain
    socket's shutdown, also for TLS: ssl.SSLSocket's own would unset its SSL object under the reading thread."""
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watchdog:
    """One daemon thread for the deadlines of every sync attempt, earliest first in a heap: a
    threading.Timer per attempt would start a thread per attempt. Written by hand: no library found
    that shuts a socket at a deadline without a thread per call."""

    def __init__(self) -> None:
        self._start_afresh()
        if hasattr(os, "register_at_fork"):  # a forked child has none of its parent's threads
            os.register_at_fork(after_in_child=self._start_afresh)

    def _start_afresh(self) -> None:
        self.lock = threading.Lock()
        self._wake = threading.Condition(self.lock)
        self._heap: list[tuple[float, int, _Watch]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None
        self._waiting_until = math.inf
        """What the thread sleeps until: with calls one after another, a new deadline is later and the
        thread is left asleep."""

    def watch(self, request: httpx.Request, deadline_at: float) -> _Watch:
        """A watch in ``request``'s trace extension (calling the caller's trace too), armed once it knows its socket."""
        caller_trace = request.extensions.get("trace")
        if isinstance(caller_trace, _Watch):  # a retry: the previous attempt's
            caller_trace = caller_trace.caller_trace
        watch = _Watch(deadline_at, self, caller_trace)
        request.extensions["trace"] = watch
        return watch

    def arm(self, watch: _Watch) -> None:
        """From now on the watchdog expires ``watch`` at its deadline."""
        deadline_at = watch.deadline_at
        with self.lock:
            # Stopped watches stay until they reach the top: with calls one after another, the earliest is
            # long done; concurrent ones wait at most for the deadline of the oldest running attempt.
            while self._heap and self._heap[0][2].stopped:
                heapq.heappop(self._heap)
            heapq.heappush(self._heap, (deadline_at, next(self._order), watch))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="heygen-deadlines", daemon=True)
                self._thread.start()
            elif deadline_at < self._waiting_until:  # only then: a wake per call made calls 1.17x slower (bench)
                self._wake.notify()

    def _run(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].stopped or self._heap[0][0] <= now):
                    heapq.heappop(self._heap)[2].expire()
                self._waiting_until = self._heap[0][0] if self._heap else math.inf
                self._wake.wait(None if not self._heap else self._waiting_until - now)


_WATCHDOG = _Watchdog()


class _LoopDeadlines:
    """The deadlines of one event loop's running async attempts, earliest first, behind one timer handle.

    ``asyncio.timeout(seconds)`` schedules and cancels a timer handle per attempt, and cancelled handles
    stay in the loop's heap, ordered by a Python ``__lt__``, until the loop next runs: an in-process call
    (which never yields to the loop) paid ~20 µs for it in bench/call_overhead.py. Here each attempt
    enters ``asyncio.timeout(None)`` (no handle) and the one handle reschedules the timeout that is due,
    which asyncio then cancels and turns into TimeoutError as usual. Nothing here refers to the loop
    (the handle only weakly), so that a finished loop, which keys this object weakly, can be collected.
    Written by hand: no library keeps such a shared timer for asyncio."""

    __slots__ = ("_handle", "_handle_at", "_heap", "_order")

    def __init__(self) -> None:
        self._heap: list[list[Any]] = []
        """[deadline, order, timeout or None once the attempt ended]: lists, so that an entry can be marked ended."""
        self._order = itertools.count()
        self._handle: weakref.ref[asyncio.TimerHandle] | None = None
        self._handle_at = math.inf

    def add(self, loop: asyncio.AbstractEventLoop, seconds: float, timeout: asyncio.Timeout) -> list[Any]:
        """Watches ``timeout`` (entered) for ``seconds``, until its entry's last item is set to None."""
        when = loop.time() + seconds
        heap = self._heap
        while heap and heap[0][2] is None:  # ended attempts leave when they reach the top
            heapq.heappop(heap)
        entry = [when, next(self._order), timeout]
        heapq.heappush(heap, entry)
        if when < self._handle_at:  # calls one after another: a later deadline, the handle stays
            self._schedule(loop, when)
        return entry

    def _schedule(self, loop: asyncio.AbstractEventLoop, when: float) -> None:
        handle = self._handle() if self._handle is not None else None
        if handle is not None:
            handle.cancel()
        self._handle, self._handle_at = weakref.ref(loop.call_at(when, self._expire)), when

    def _expire(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        heap = self._heap
        while heap and (heap[0][2] is None or heap[0][0] <= now):
            timeout = heapq.heappop(heap)[2]
            if timeout is not None:
                timeout.reschedule(now)  # due now: asyncio cancels the attempt on its next step
        self._handle, self._handle_at = None, math.inf
        if heap:
            self._schedule(loop, heap[0][0])


_LOOP_DEADLINES: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopDeadlines]" = weakref.WeakKeyDictionary()


def _loop_deadlines() -> tuple[asyncio.AbstractEventLoop, _LoopDeadlines] | None:
    """The running asyncio loop and its deadlines; None when not under asyncio (trio, through anyio)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    deadlines = _LOOP_DEADLINES.get(loop)
    if deadlines is None:
        deadlines = _LOOP_DEADLINES[loop] = _LoopDeadlines()
    return loop, deadlines


async def _within_anyio(attempt: Awaitable[httpx.Response], seconds: float) -> httpx.Response:
    import anyio  # noqa: PLC0415

    with anyio.fail_after(seconds):
        return await attempt
