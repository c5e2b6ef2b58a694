"""Bounded downloads: size caps on the wire and after decompression, one deadline, and bombs in a small box."""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from specpipe.errors import LimitError, SyncError
from specpipe.fetch import fetch
from specpipe.limits import MB, FetchLimits
from tests.shared import copy_pipeline, local_sources
from tests.specpipe.hostile import headers, raw_server, run_limited

PAGE = b'# Page\n\n```json\n{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}\n```\n'
SMALL = FetchLimits(max_bytes=1000, timeout=10)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """256 MiB of zeros in one gzip member of about 256 KB: more than the 200 MB box holds once inflated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    return b"".join(compressor.compress(zeros) for _ in range(256)) + compressor.flush()


def _drip(connection: socket.socket, interval: float, lasting: float = 20) -> None:
    """A response that never ends in time: one byte every ``interval`` seconds; after ``lasting`` seconds
    it hangs up, so a client without a deadline fails (on the truncated body) instead of hanging the suite."""
    connection.sendall(headers("Content-Type: text/markdown", "Content-Length: 100000"))
    end = time.monotonic() + lasting
    while time.monotonic() < end:
        connection.sendall(b"#")
        time.sleep(min(interval, max(end - time.monotonic(), 0)))


def _endless(connection: socket.socket) -> None:
    """A body without a length that goes on and on (until the client hangs up)."""
    connection.sendall(headers("Content-Type: text/markdown", "Connection: close"))
    chunk = b"#" * MB
    while True:
        connection.sendall(chunk)


def test_a_page_is_fetched(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page.md").respond_with_data(PAGE, content_type="text/markdown")
    assert fetch(httpserver.url_for("/page.md"), SMALL) == PAGE


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compressed_page_is_inflated(httpserver: HTTPServer, encoding: str) -> None:
    body = gzip.compress(PAGE) if encoding == "gzip" else zlib.compress(PAGE)
    httpserver.expect_request("/page.md").respond_with_data(body, headers={"Content-Encoding": encoding})
    assert fetch(httpserver.url_for("/page.md"), SMALL) == PAGE


@pytest.mark.parametrize(
    ("body", "encoding", "where"),
    [
        pytest.param(b"#" * 1001, "identity", "announced in Content-Length", id="content-length"),
        pytest.param(gzip.compress(b"#" * 5000), "gzip", "after decompression", id="inflated"),
    ],
)
def test_a_body_over_the_cap_is_refused(httpserver: HTTPServer, body: bytes, encoding: str, where: str) -> None:
    httpserver.expect_request("/page.md").respond_with_data(body, headers={"Content-Encoding": encoding})
    url = httpserver.url_for("/page.md")
    with pytest.raises(LimitError, match=f"the body {where} exceeds the limit of 1000 bytes") as error:
        fetch(url, SMALL)
    assert str(error.value).startswith(f"{url}: sync: fetch failed:")
    assert "--max-download" in str(error.value)


def test_a_body_without_a_length_is_cut_on_the_wire() -> None:
    with raw_server(_endless) as url, pytest.raises(LimitError, match="the body on the wire exceeds"):
        fetch(url, FetchLimits(max_bytes=3 * MB, timeout=10))


def test_the_deadline_holds_against_a_dripping_server() -> None:
    """Each byte arrives well within any read timeout; only an overall deadline stops this."""
    start = time.monotonic()
    with raw_server(lambda connection: _drip(connection, 0.2, lasting=5)) as url:
        with pytest.raises(LimitError, match=r"no complete response within 1 s \(raise the limit with --fetch-timeout"):
            fetch(url, FetchLimits(timeout=1))
        assert time.monotonic() - start < 2.5


def test_the_deadline_holds_against_a_silent_server() -> None:
    """Headers, then nothing: the worker is blocked in a read, the caller still returns on time."""
    start = time.monotonic()
    with raw_server(lambda connection: _drip(connection, 30, lasting=5)) as url:
        with pytest.raises(LimitError, match="no complete response within 1 s"):
            fetch(url, FetchLimits(timeout=1))
        assert time.monotonic() - start < 2.5


@pytest.mark.parametrize(
    ("body", "encoding", "cause"),
    [
        pytest.param(gzip.compress(PAGE)[:-20], "gzip", "truncated", id="truncated"),
        pytest.param(b"not gzip at all", "gzip", "corrupt", id="corrupt"),
        pytest.param(PAGE, "br", "unsupported Content-Encoding 'br'", id="unsupported"),
    ],
)
def test_a_broken_encoding_is_an_error(httpserver: HTTPServer, body: bytes, encoding: str, cause: str) -> None:
    httpserver.expect_request("/page.md").respond_with_data(body, headers={"Content-Encoding": encoding})
    with pytest.raises(SyncError, match=cause):
        fetch(httpserver.url_for("/page.md"), SMALL)


def test_a_local_file_has_no_size_cap(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(PAGE * 100)
    assert fetch(str(page), SMALL) == PAGE * 100


# --- the bombs, each in its own process under a 200 MB address-space limit ----------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository to sync into (sync refuses to fetch anything outside one); its v3 source read locally."""
    root = copy_pipeline(tmp_path)
    local_sources(root, tmp_path, "heygen-external-api")
    return root


def test_a_gzip_bomb_fails_fast_in_little_memory(gzip_bomb: bytes, repo: Path) -> None:
    with raw_server(
        lambda connection: connection.sendall(
            headers("Content-Encoding: gzip", f"Content-Length: {len(gzip_bomb)}") + gzip_bomb
        )
    ) as url:
        outcome = run_limited("sync", url, "--for", "heygen-api", "--root", str(repo))
    assert outcome.code == 2, outcome.stderr
    assert outcome.stderr.startswith(f"specpipe sync: error: {url}: sync: fetch failed: the body after decompression")
    assert "--max-download" in outcome.stderr
    assert outcome.stderr.count("\n") == 1  # one line, no traceback


def test_an_endless_body_fails_in_little_memory(repo: Path) -> None:
    with raw_server(_endless) as url:
        outcome = run_limited("sync", url, "--for", "heygen-api", "--root", str(repo))
    assert outcome.code == 2, outcome.stderr
    assert "the body on the wire exceeds the limit of 20971520 bytes" in outcome.stderr


def test_a_dripping_server_cannot_extend_the_deadline(repo: Path) -> None:
    with raw_server(lambda connection: _drip(connection, 2)) as url:
        outcome = run_limited("sync", url, "--for", "heygen-api", "--root", str(repo), "--fetch-timeout", "3")
    assert outcome.code == 2, outcome.stderr
    assert "no complete response within 3 s" in outcome.stderr
    startup = run_limited("sync", str(repo / "absent.md"), "--for", "heygen-api", "--root", str(repo)).seconds
    assert outcome.seconds < startup + 3 + 2  # the deadline, plus one drip at most
