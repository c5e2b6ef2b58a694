"""Read a command's input (``sync SOURCE``, ``diff OLD NEW``...): a file, or an http(s) URL fetched within bounds.

The upstream page is whatever bytes a server sends, so a download is bounded three ways: the body on
the wire and the body after decompression each by ``max_bytes`` (a 1 MB gzip bomb stops at the cap,
decompressed piece by piece, never whole), and the whole fetch (connect, redirects, every read) by one
deadline that a server dripping a byte at a time cannot extend. Local files are read whole: large
documents are legitimate, and a file is not an attacker.

Decoding is done here rather than by httpx, whose decoders inflate a received chunk at once, however
large its output: ``zlib``'s ``max_length`` is what keeps memory at the cap.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from specpipe.errors import LimitError, SyncError
from specpipe.limits import FetchLimits

if TYPE_CHECKING:
    import httpx

# zlib window bits that accept a gzip or a zlib header (HTTP's "deflate" is zlib-wrapped).
_GZIP_OR_ZLIB = zlib.MAX_WBITS | 32
_DECODED = {"gzip", "x-gzip", "deflate"}


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def fetch(source: str, limits: FetchLimits | None = None, step: str = "sync") -> bytes:
    """The published page (or raw JSON) at ``source``: an http(s) URL or a file path.

    ``step`` (the command reading it) prefixes every error message."""
    if is_url(source):
        return _download(source, limits or FetchLimits(), step)
    if "://" in source:
        raise SyncError(f"{source}: {step}: only http(s) URLs and file paths are supported")
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise SyncError(f"{source}: {step}: cannot read: {exc}") from exc


def _size_error(url: str, where: str, limits: FetchLimits, step: str) -> LimitError:
    return LimitError(
        f"{url}: {step}: fetch failed: the body {where} exceeds the limit of {limits.max_bytes} bytes "
        f"(raise it with --max-download BYTES)"
    )


class _DeadlinePassed(Exception):
    """Raised by the alarm into whatever the download is blocked in; not an OSError, so httpx lets it through."""


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt a blocked connect or read when ``seconds`` have passed (a timer signal, main thread only).

    Per-read timeouts cannot bound the whole (each drip resets them) and a worker thread blocked in a read
    cannot be abandoned safely; a signal interrupts the read itself. Elsewhere (a non-main thread, a
    platform without ``setitimer``) the deadline is checked between reads, and each read is bounded by it.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _DeadlinePassed

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _download(url: str, limits: FetchLimits, step: str) -> bytes:
    deadline = time.monotonic() + limits.timeout
    try:
        with _alarm(limits.timeout):
            return _stream(url, limits, deadline, step)
    except _DeadlinePassed as exc:
        raise _deadline_error(url, limits, step) from exc


def _deadline_error(url: str, limits: FetchLimits, step: str) -> LimitError:
    return LimitError(
        f"{url}: {step}: fetch failed: no complete response within {limits.timeout:g} s "
        f"(raise the limit with --fetch-timeout SECONDS)"
    )


def _stream(url: str, limits: FetchLimits, deadline: float, step: str) -> bytes:
    # Imported here: with its command-line extras installed, importing httpx loads click, rich and pygments
    # (0.3 s), which every command reading a file (diff, overlay, doctor) would otherwise pay.
    import httpx  # noqa: PLC0415

    timeout = httpx.Timeout(limits.timeout)
    headers = {"User-Agent": f"specpipe-{step}", "Accept-Encoding": "gzip, deflate"}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                status = response.status_code
                raise SyncError(f"{url}: {step}: fetch failed: HTTP {status} {httpx.codes.get_reason_phrase(status)}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise _size_error(url, "announced in Content-Length", limits, step)
            return _read_body(url, response, limits, deadline, step)
    except httpx.HTTPError as exc:
        raise SyncError(f"{url}: {step}: fetch failed: {type(exc).__name__}: {exc}") from exc


def _read_body(url: str, response: httpx.Response, limits: FetchLimits, deadline: float, step: str) -> bytes:
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in _DECODED | {"identity", ""}:
        raise SyncError(f"{url}: {step}: fetch failed: unsupported Content-Encoding {encoding!r}")
    inflater = zlib.decompressobj(_GZIP_OR_ZLIB) if encoding in _DECODED else None
    body = bytearray()
    received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > limits.max_bytes:
            raise _size_error(url, "on the wire", limits, step)
        if time.monotonic() > deadline:
            raise _deadline_error(url, limits, step)
        if inflater is None:
            body += chunk
            continue
        pending = chunk
        while pending:
            try:
                body += inflater.decompress(pending, limits.max_bytes - len(body) + 1)
            except zlib.error as exc:
                raise SyncError(f"{url}: {step}: fetch failed: the {encoding} body is corrupt ({exc})") from exc
            if len(body) > limits.max_bytes:
                raise _size_error(url, "after decompression", limits, step)
            pending = inflater.unconsumed_tail
    if inflater is not None and not inflater.eof:
        raise SyncError(f"{url}: {step}: fetch failed: the {encoding} body is truncated")
    return bytes(body)
