"""A loopback HTTP/1.1 server for the benchmarks: every request gets one fixed JSON body, after an
optional delay, on a kept-alive connection.

It runs in a process of its own (``LoopbackServer`` starts it), so its work does not compete with the
client under measurement for one interpreter lock. HTTP is parsed by h11, which httpx already depends
on. The server binds 127.0.0.1 only and stops by itself: when its parent closes its stdin, or after
``--lifetime`` seconds at most.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType

import h11


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, body: bytes, delay: float) -> None:
    connection = h11.Connection(h11.SERVER)
    headers = [("content-type", "application/json"), ("content-length", str(len(body)))]
    try:
        while True:
            event = connection.next_event()
            if event is h11.NEED_DATA:
                connection.receive_data(await reader.read(65536))
            elif isinstance(event, h11.EndOfMessage):
                if delay:
                    await asyncio.sleep(delay)
                writer.write(
                    connection.send(h11.Response(status_code=200, headers=headers))
                    + connection.send(h11.Data(data=body))
                    + connection.send(h11.EndOfMessage())
                )
                await writer.drain()
                if connection.our_state is not h11.DONE or connection.their_state is not h11.DONE:
                    break  # the client asked to close
                connection.start_next_cycle()
            elif isinstance(event, h11.ConnectionClosed) or event is h11.PAUSED:
                break
    except (h11.RemoteProtocolError, ConnectionError):
        pass
    finally:
        writer.close()


async def serve(body: bytes, delay: float, lifetime: float, stop: asyncio.Event) -> None:
    """Serve on a free loopback port, print the port, and run until ``stop`` is set or ``lifetime`` ends."""
    server = await asyncio.start_server(
        lambda reader, writer: _serve(reader, writer, body, delay), "127.0.0.1", 0, backlog=1024
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), lifetime)


def _main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("body", type=Path, help="file holding the JSON body to answer with")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each response")
    parser.add_argument("--lifetime", type=float, default=600.0, help="stop after this many seconds at most")
    args = parser.parse_args()
    body = args.body.read_bytes()

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()

        def watch_stdin() -> None:
            sys.stdin.read()  # returns when the parent closes the pipe (or exits)
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=watch_stdin, daemon=True).start()
        await serve(body, args.delay, args.lifetime, stop)

    asyncio.run(run())


class LoopbackServer:
    """The server in a child process, as a context manager; ``url`` is its base URL."""

    def __init__(self, body_file: Path, delay: float = 0.0, lifetime: float = 600.0) -> None:
        self._command = [
            sys.executable, str(Path(__file__).resolve()), str(body_file),
            "--delay", str(delay), "--lifetime", str(lifetime),
        ]  # fmt: skip
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> LoopbackServer:
        self._process = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        port = self._process.stdout.readline().strip()
        if not port.isdigit():
            self._process.kill()
            raise RuntimeError(f"the loopback server did not start: {port!r}")
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        assert self._process is not None
        assert self._process.stdin is not None
        self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def cpu_seconds(self) -> float | None:
        """The server process's CPU time so far (user + system), where /proc tells it (Linux)."""
        if self._process is None:
            return None
        try:
            fields = Path(f"/proc/{self._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.returncode


if __name__ == "__main__":
    _main()
