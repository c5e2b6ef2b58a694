"""Hostile conditions for tests: a 200 MB box with a clock, raw loopback servers, failing writes."""

from __future__ import annotations

import builtins
import contextlib
import io
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from specpipe import transaction

ADDRESS_SPACE = 200 * 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    code: int
    stderr: str
    seconds: float


# The limit is set by the child itself before it imports specpipe: a preexec_fn is unsafe in a test
# process whose server threads are running.
_LIMITED = (
    "import resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE})); "
    "sys.argv[0] = 'specpipe'; "
    "runpy.run_module('specpipe', run_name='__main__')"
)


def run_limited(*args: str, timeout: float = 60.0) -> Outcome:
    """``python -m specpipe ARGS`` under the address-space limit; fails the test if it outlives ``timeout``."""
    start = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-c", _LIMITED, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Outcome(completed.returncode, completed.stderr, time.monotonic() - start)


Responder = Callable[[socket.socket], None]


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self.request.recv(65536)  # one GET; its content does not matter here
        respond: Responder = self.server.respond  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):  # the client gave up, which is what these servers test
            respond(self.request)


@contextmanager
def raw_server(respond: Responder) -> Iterator[str]:
    """A loopback HTTP server that answers every request by handing its socket to ``respond``; yields its URL."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.respond = respond  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/page.md"
    finally:
        server.shutdown()
        server.server_close()


def headers(*lines: str) -> bytes:
    return ("HTTP/1.1 200 OK\r\n" + "".join(f"{line}\r\n" for line in lines) + "\r\n").encode()


def _under(path: object, root: Path) -> bool:
    if not isinstance(path, str | os.PathLike):
        return False
    return Path(os.path.abspath(os.fsdecode(path))).is_relative_to(root)


def failing_writes(monkeypatch: pytest.MonkeyPatch, root: Path, error: int, *, folders_too: bool = True) -> None:
    """Make writing under ``root`` fail with ``error`` (errno), as a read-only mount or a full disk does.

    Files opened for writing fail; with ``folders_too``, so do creating, renaming and removing entries
    (a read-only file system), else only file writes fail (a full disk still lets an empty folder be made).
    Running as root, permission bits would not stop anything, hence the simulation.
    """

    def refuse(path: object) -> OSError:
        return OSError(error, os.strerror(error), os.fsdecode(path))  # type: ignore[arg-type]

    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if _under(file, root) and any(flag in mode for flag in "wxa+"):
            raise refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if _under(path, root) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise refuse(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    if not folders_too:
        return
    for name in ("mkdir", "rmdir", "unlink", "remove", "rename", "replace"):
        real = getattr(os, name)

        def guarded(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            for path in args[:2]:
                if _under(path, root):
                    raise refuse(path)
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, guarded)

    def guarded_exchange(first: Path, second: Path) -> bool:  # renameat2, which os.rename's guard misses
        if _under(first, root) or _under(second, root):
            raise refuse(second)
        return real_exchange(first, second)

    real_exchange = transaction._exchange
    monkeypatch.setattr(transaction, "_exchange", guarded_exchange)


def alias_bomb(levels: int = 9, key: str = "x-bomb") -> str:
    """'Billion laughs': each level lists the previous one ten times, 10**levels strings in all."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]" for level in range(1, levels + 1)]
    return f"{key}:\n" + "".join(f"  {line}\n" for line in lines)
