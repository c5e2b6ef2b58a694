"""Read what ``sync SOURCE`` names: a file, or an http(s) URL fetched within bounds.

The upstream page is whatever bytes a server sends, so a download is bounded three ways: the body on
the wire and the body after decompression each by ``max_bytes`` (a 1 MB gzip bomb stops at the cap,
decompressed piece by piece, never whole), and the whole fetch (connect, redirects, every read) by one
deadline that a server dripping a byte at a time cannot extend. Local files are read whole: large
documents are legitimate, and a file is not an attacker.

Decoding is done here rather than by httpx, whose decoders inflate a received chunk at once, however
large its output: ``zlib``'s ``max_length`` is what keeps memory at the cap.
"""

from __future__ import annotations

import threading
import time
import zlib
from pathlib import Path

import httpx

from specpipe.errors import LimitError, SyncError
from specpipe.limits import FetchLimits

# zlib window bits that accept a gzip or a zlib header (HTTP's "deflate" is zlib-wrapped).
_GZIP_OR_ZLIB = zlib.MAX_WBITS | 32
_DECODED = {"gzip", "x-gzip", "deflate"}


def fetch(source: str, limits: FetchLimits | None = None) -> bytes:
    """The published page (or raw JSON) at ``source``: an http(s) URL or a file path."""
    if source.startswith(("http://", "https://")):
        return _download(source, limits or FetchLimits())
    if "://" in source:
        raise SyncError(f"{source}: sync: only http(s) URLs and file paths are supported")
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise SyncError(f"{source}: sync: cannot read: {exc}") from exc


def _size_error(url: str, where: str, limits: FetchLimits) -> LimitError:
    return LimitError(
        f"{url}: sync: fetch failed: the body {where} exceeds the limit of {limits.max_bytes} bytes "
        f"(raise it with --max-download BYTES)"
    )


def _download(url: str, limits: FetchLimits) -> bytes:
    """Run the download in a worker thread and wait for it at most ``limits.timeout`` seconds.

    The worker checks the deadline between reads too, so it stops soon after; waiting on it with a
    timeout is what makes the deadline hold even while a read is blocked.
    """
    outcome: list[bytes | BaseException] = []
    deadline = time.monotonic() + limits.timeout

    def work() -> None:
        try:
            outcome.append(_stream(url, limits, deadline))
        except BaseException as exc:  # handed to the waiting thread, which raises it
            outcome.append(exc)

    worker = threading.Thread(target=work, name="specpipe-fetch", daemon=True)
    worker.start()
    worker.join(limits.timeout)
    if not outcome:
        raise _deadline_error(url, limits)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _deadline_error(url: str, limits: FetchLimits) -> LimitError:
    return LimitError(
        f"{url}: sync: fetch failed: no complete response within {limits.timeout:g} s "
        f"(raise the limit with --fetch-timeout SECONDS)"
    )


def _stream(url: str, limits: FetchLimits, deadline: float) -> bytes:
    timeout = httpx.Timeout(limits.timeout)
    headers = {"User-Agent": "specpipe-sync", "Accept-Encoding": "gzip, deflate"}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                status = response.status_code
                raise SyncError(f"{url}: sync: fetch failed: HTTP {status} {httpx.codes.get_reason_phrase(status)}")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise _size_error(url, "announced in Content-Length", limits)
            return _read_body(url, response, limits, deadline)
    except httpx.HTTPError as exc:
        raise SyncError(f"{url}: sync: fetch failed: {type(exc).__name__}: {exc}") from exc


def _read_body(url: str, response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding not in _DECODED | {"identity", ""}:
        raise SyncError(f"{url}: sync: fetch failed: unsupported Content-Encoding {encoding!r}")
    inflater = zlib.decompressobj(_GZIP_OR_ZLIB) if encoding in _DECODED else None
    body = bytearray()
    received = 0
    for chunk in response.iter_raw():
        received += len(chunk)
        if received > limits.max_bytes:
            raise _size_error(url, "on the wire", limits)
        if time.monotonic() > deadline:
            raise _deadline_error(url, limits)
        if inflater is None:
            body += chunk
            continue
        pending = chunk
        while pending:
            try:
                body += inflater.decompress(pending, limits.max_bytes - len(body) + 1)
            except zlib.error as exc:
                raise SyncError(f"{url}: sync: fetch failed: the {encoding} body is corrupt ({exc})") from exc
            if len(body) > limits.max_bytes:
                raise _size_error(url, "after decompression", limits)
            pending = inflater.unconsumed_tail
    if inflater is not None and not inflater.eof:
        raise SyncError(f"{url}: sync: fetch failed: the {encoding} body is truncated")
    return bytes(body)
