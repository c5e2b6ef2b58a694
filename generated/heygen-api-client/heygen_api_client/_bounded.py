"""Bounded body reads: at most a limit of bytes once decompressed, within an attempt's deadline."""

import time
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx

from ._deadlines import _deadline_passed, _Watch
from .errors import ResponseTooLargeError, describe_request

# Content codings decompressed here, in steps, instead of by httpx: its decoders inflate each network
# read whole, and a 64 KB read of a gzip bomb is 60 MB before any limit can be checked.
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
_STEP = 1024 * 1024
"""The most one decompression step produces."""


class _Inflater:
    """gzip or deflate (zlib-wrapped, else raw, as httpx reads it), at most ``_STEP`` bytes per step."""

    def __init__(self, encoding: str) -> None:
        self._wbits = _WBITS[encoding]
        self._decompressor = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self._decompressor.decompress(data, _STEP)
            except zlib.error as exc:
                if self._started or self._wbits != zlib.MAX_WBITS:
                    raise httpx.DecodingError(str(exc)) from exc
                self._wbits = -zlib.MAX_WBITS  # deflate without its zlib wrapper, which servers send too
                self._decompressor = zlib.decompressobj(self._wbits)
                continue
            self._started = True
            if out:
                yield out
            data = self._decompressor.unconsumed_tail

    def flush(self) -> bytes:
        return self._decompressor.flush()


def _content_encoding(response: httpx.Response) -> str:
    # get_list: get() raises and catches a KeyError for a missing header, as on most responses (bench).
    return ", ".join(response.headers.get_list("content-encoding")).strip().lower()


def _inflated(inflater: _Inflater, raw: Iterator[bytes]) -> Iterator[bytes]:
    for data in raw:
        yield from inflater.feed(data)
    yield inflater.flush()


async def _ainflated(inflater: _Inflater, raw: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    async for data in raw:
        for chunk in inflater.feed(data):
            yield chunk
    yield inflater.flush()


def _body_chunks(response: httpx.Response) -> Iterator[bytes]:
    """The decoded body, in bounded steps where we decompress it, else as httpx decodes it; a body the
    transport read already (httpx.MockTransport's, decoded by httpx, its encoded stream gone) as it is."""
    if response.is_stream_consumed:
        return iter((response.content,))
    encoding = _content_encoding(response)
    if encoding in _WBITS:
        return _inflated(_Inflater(encoding), response.iter_raw())
    # no coding: the raw bytes are the body, without httpx's decoder and chunker around them (bench)
    return response.iter_bytes() if encoding else response.iter_raw()


async def _in_memory(content: bytes) -> AsyncIterator[bytes]:
    yield content


def _abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    if response.is_stream_consumed:
        return _in_memory(response.content)
    encoding = _content_encoding(response)
    if encoding in _WBITS:
        return _ainflated(_Inflater(encoding), response.aiter_raw())
    return response.aiter_bytes() if encoding else response.aiter_raw()


def _read_bounded(response: httpx.Response, limit: int | None, watch: _Watch | None, secrets: tuple[str, ...]) -> None:
    """Reads a streamed body into ``response.content``, at most ``limit`` bytes once decompressed and
    within ``watch``'s deadline; httpx's ``read()`` has neither bound. The watchdog ends a read that
    blocks; the check on each chunk covers transports without a socket."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in _body_chunks(response):
            size += len(chunk)
            if limit is not None and size > limit:
                raise _too_large(response, limit, chunks, secrets)
            if watch is not None and time.monotonic() > watch.deadline_at:
                raise _deadline_passed(response.request)
            chunks.append(chunk)
        if watch is not None and watch.stop():
            raise _deadline_passed(response.request)
    finally:
        response.close()
    response._content = b"".join(chunks)  # what httpx's own read() sets: .content works as usual


async def _aread_bounded(response: httpx.Response, limit: int | None, secrets: tuple[str, ...]) -> None:
    """``_read_bounded`` for async clients, whose deadline is a cancel scope around the whole attempt."""
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in _abody_chunks(response):
            size += len(chunk)
            if limit is not None and size > limit:
                raise _too_large(response, limit, chunks, secrets)
            chunks.append(chunk)
    finally:
        await response.aclose()
    response._content = b"".join(chunks)


_TOO_LARGE_KEPT_BYTES = 64 * 1024


def _too_large(
    response: httpx.Response, limit: int, chunks: list[bytes], secrets: tuple[str, ...]
) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        limit,
        status_code=response.status_code,
        content=_head(chunks, _TOO_LARGE_KEPT_BYTES),
        headers=response.headers,
        request=describe_request(response.request),
        secrets=secrets,
    )


def _head(chunks: list[bytes], size: int) -> bytes:
    """The first ``size`` bytes of ``chunks``, without joining them all: they hold up to the whole limit."""
    kept = bytearray()
    for chunk in chunks:
        kept += chunk[: size - len(kept)]
        if len(kept) >= size:
            break
    return bytes(kept)
