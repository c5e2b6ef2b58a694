"""Loopback test doubles the fault tests share: a raw TCP server for faults HTTP servers cannot stage.

pytest-httpserver answers with whole HTTP responses; a connection reset halfway through a body needs
a socket closed with an RST, which only a hand-made server can send.
"""

from __future__ import annotations

import socket
import struct
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket], None]


def read_request_head(connection: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return
        data += chunk


def reset_mid_body(connection: socket.socket) -> None:
    """Promise 1000 bytes of JSON, send 20, then abort the connection (RST, not FIN)."""
    read_request_head(connection)
    connection.sendall(
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"code": 100, "data"'
    )
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def respond(body: bytes, *, status: str = "200 OK", content_type: str = "application/json") -> Behaviour:
    def behaviour(connection: socket.socket) -> None:
        read_request_head(connection)
        connection.sendall(
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n".encode()
            + body
        )

    return behaviour


def keep_alive(body: bytes, requests: int) -> Behaviour:
    """Answer ``requests`` requests on one kept-alive connection (werkzeug always closes them)."""

    def behaviour(connection: socket.socket) -> None:
        for _ in range(requests):
            read_request_head(connection)
            connection.sendall(
                f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body
            )

    return behaviour


class ScriptedServer:
    """Serves connection n with ``behaviours[n]`` on 127.0.0.1; counts connections and records errors."""

    def __init__(self, behaviours: list[Behaviour]) -> None:
        self._behaviours = list(behaviours)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self.connections = 0
        self.errors: list[str] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()
        return f"http://{host}:{port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            with connection:
                index = self.connections
                self.connections += 1
                if index >= len(self._behaviours):
                    self.errors.append(f"unexpected connection #{index + 1}")
                    continue
                try:
                    self._behaviours[index](connection)
                except OSError:
                    self.errors.append(traceback.format_exc())

    @contextmanager
    def running(self) -> Iterator[ScriptedServer]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join(timeout=5)
            self._listener.close()


def unused_loopback_url() -> str:
    """A loopback URL nothing listens on: connecting to it is refused."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        host, port = probe.getsockname()
    return f"http://{host}:{port}"
