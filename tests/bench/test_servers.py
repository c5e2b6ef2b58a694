"""The benchmarks' loopback server: answers with its body, after its delay, and stops when told."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from bench.servers import LoopbackServer


def test_answers_every_request_with_the_body_on_one_connection(tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(b'{"code": 100}')
    with LoopbackServer(body) as server, httpx.Client(base_url=server.url) as client:
        responses = [client.delete("/v1/video.delete", params={"video_id": str(n)}) for n in range(3)]
        responses.append(client.post("/other", content=b"x" * 100_000))
    assert [(r.status_code, r.content, r.headers["content-type"]) for r in responses] == [
        (200, b'{"code": 100}', "application/json")
    ] * 4
    assert server.returncode == 0  # it stopped by itself once its stdin closed


def test_delays_each_response(tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(b"{}")
    with LoopbackServer(body, delay=0.05) as server, httpx.Client(base_url=server.url) as client:
        client.get("/")  # the connection is open now
        start = time.perf_counter()
        client.get("/")
        assert time.perf_counter() - start >= 0.05


def test_stops_by_itself_after_its_lifetime(tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(b"{}")
    with LoopbackServer(body, lifetime=0.2) as server:
        time.sleep(0.5)
        try:
            httpx.get(server.url, timeout=1)
        except httpx.TransportError:
            pass
        else:
            raise AssertionError("the server still answers after its lifetime")
