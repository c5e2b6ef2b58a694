"""Bounded reads and the inflater at their source (templates/runtime/_bounded.py), on in-memory responses."""

from __future__ import annotations

import gzip
import zlib

import httpx
import pytest

from templates.runtime._bounded import _STEP, _head, _Inflater, _read_bounded
from templates.runtime.errors import ResponseTooLargeError

BOMB = gzip.compress(b"\0" * (8 * _STEP))
"""8 MiB of zeros in about 8 KB."""


def test_a_gzip_bomb_inflates_a_step_at_a_time() -> None:
    """Negative control: ``zlib.decompress`` of the same bytes returns all 8 MiB in one piece."""
    pieces = list(_Inflater("gzip").feed(BOMB))
    assert len(pieces) >= 8
    assert max(map(len, pieces)) <= _STEP
    assert sum(map(len, pieces)) == 8 * _STEP
    assert len(zlib.decompress(BOMB, 16 + zlib.MAX_WBITS)) > _STEP


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib-wrapped", "raw"])
def test_deflate_is_read_with_or_without_its_wrapper(wbits: int) -> None:
    compressor = zlib.compressobj(wbits=wbits)
    data = compressor.compress(b"hello " * 100) + compressor.flush()
    inflater = _Inflater("deflate")
    assert b"".join([*inflater.feed(data), inflater.flush()]) == b"hello " * 100


def test_a_corrupt_body_is_a_decoding_error() -> None:
    with pytest.raises(httpx.DecodingError):
        list(_Inflater("gzip").feed(b"not gzip at all"))


def _streamed(body: bytes, headers: dict[str, str]) -> httpx.Response:
    request = httpx.Request("GET", "https://api.example.test/v1/items?key=sk-secret")
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body), request=request)


def test_a_body_past_the_limit_stops_the_read_and_keeps_only_its_head() -> None:
    """Negative control: the same response under ``limit=None`` reads all 8 MiB."""
    response = _streamed(BOMB, {"Content-Encoding": "gzip"})
    with pytest.raises(ResponseTooLargeError) as caught:
        _read_bounded(response, 2 * _STEP, None, ("sk-secret",))
    assert response.is_closed
    assert len(caught.value.content) <= 64 * 1024
    assert "sk-secret" not in str(caught.value)
    whole = _streamed(BOMB, {"Content-Encoding": "gzip"})
    _read_bounded(whole, None, None, ())
    assert len(whole.content) == 8 * _STEP


def test_a_body_within_the_limit_is_the_response_content() -> None:
    response = _streamed(gzip.compress(b'{"ok": true}'), {"Content-Encoding": "gzip"})
    _read_bounded(response, 100, None, ())
    assert response.json() == {"ok": True}


def test_head_takes_the_first_bytes_across_chunks() -> None:
    assert _head([b"abc", b"def", b"ghi"], 5) == b"abcde"
    assert _head([b"ab"], 5) == b"ab"
