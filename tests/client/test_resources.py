"""The resource client (``heygen_api_client.resources``) against a loopback server: cursor pages walked
by ``next_token``, raw responses, ``missing_ok``, and ``delete_many`` bounded, complete, retried as the
client says and stoppable without losing what it knows. Sync and async throughout."""

from __future__ import annotations

import _thread
import asyncio
import json
import re
import threading
import time
from collections import Counter
from typing import Any

import httpx
import pytest
from heygen_api_client import AsyncHeyGen, HeyGen, NotFoundError, RateLimitError, retry_policy
from heygen_api_client.models import DeleteVideoV3Response, ListVideosV3Response, StandardAPIErrorResponse
from heygen_api_client.resources import AsyncVideosResource, DeleteManyResult, NotFound, VideosResource
from pytest_httpserver import HTTPServer
from werkzeug import Request
from werkzeug import Response as WerkzeugResponse

VIDEO = re.compile(r"/v3/videos/(?P<id>[^/]+)")
TINY_RETRY: dict[str, Any] = {"backoff": 0.001, "max_wait": 0.005, "budget": 0.5}
"""Waits short enough for 1,000 deletions; max_wait also clamps the 429s' Retry-After: 86400."""


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> WerkzeugResponse:
    return WerkzeugResponse(json.dumps(body), status=status, content_type="application/json", headers=headers)


def _error(status: int, code: str) -> WerkzeugResponse:
    body = {"error": {"code": code, "message": f"{code} happened", "param": None, "doc_url": None}}
    return _json(body, status, {"Retry-After": "86400"} if status == 429 else None)


def _video(video_id: str) -> dict[str, Any]:
    return {"id": video_id, "title": f"t-{video_id}", "status": "completed", "created_at": 1}


class _Pages:
    """Three pages of two videos; each page's next_token must come back as ``token``."""

    def __init__(self) -> None:
        self.tokens: list[str | None] = []

    def __call__(self, request: Request) -> WerkzeugResponse:
        token = request.args.get("token")
        self.tokens.append(token)
        page = {None: 0, "t1": 1, "t2": 2}[token]
        items = [_video(f"v{page * 2 + n}") for n in range(2)]
        last = page == 2
        return _json({"data": items, "has_more": not last, "next_token": None if last else f"t{page + 1}"})


def _client(server: HTTPServer, api_key: str, **options: Any) -> HeyGen:
    return HeyGen(base_url=server.url_for(""), token=api_key, **options)


def test_list_iterates_every_page_by_next_token(server: HTTPServer, api_key: str) -> None:
    pages = _Pages()
    server.expect_request("/v3/videos", method="GET").respond_with_handler(pages)
    with _client(server, api_key) as client:
        first = client.videos.list(limit=2)
        assert ([v.id for v in first.data], first.has_more, first.next_token) == (["v0", "v1"], True, "t1")
        assert pages.tokens == [None]  # one page asked for, not the whole list
        assert [video.id for video in first] == [f"v{n}" for n in range(6)]
        assert [len(page.data) for page in client.videos.list(limit=2).iter_pages()] == [2, 2, 2]
    assert pages.tokens == [None, "t1", "t2", None, "t1", "t2"]


def test_async_list_iterates_every_page(server: HTTPServer, api_key: str) -> None:
    pages = _Pages()
    server.expect_request("/v3/videos", method="GET").respond_with_handler(pages)

    async def run() -> tuple[list[str], bool]:
        async with AsyncHeyGen(base_url=server.url_for(""), token=api_key) as client:
            ids = [video.id async for video in client.videos.list(limit=2)]
            first = await client.videos.list(limit=2)
            return ids, first.has_more

    assert asyncio.run(run()) == ([f"v{n}" for n in range(6)], True)
    assert pages.tokens == [None, "t1", "t2", None]


def test_raw_response_gives_status_headers_request_id_and_parse(server: HTTPServer, api_key: str) -> None:
    server.expect_request("/v3/videos/v-1", method="DELETE").respond_with_response(
        _json({"data": {"id": "v-1", "deleted": True}}, headers={"X-Request-Id": "req-7"})
    )
    server.expect_request("/v3/videos/v-2", method="DELETE").respond_with_response(_error(404, "not_found"))
    with _client(server, api_key) as client:
        raw = client.videos.with_raw_response.delete("v-1")
        assert (raw.status_code, raw.headers["x-request-id"], raw.request_id) == (200, "req-7", "req-7")
        parsed = raw.parse()
        assert isinstance(parsed, DeleteVideoV3Response)
        missing = client.videos.with_raw_response.delete("v-2")  # a raw response is not raised ...
        assert missing.status_code == 404
        with pytest.raises(NotFoundError):  # ... its parse() is
            missing.parse()


def test_delete_missing_ok(server: HTTPServer, api_key: str) -> None:
    server.expect_request("/v3/videos/gone", method="DELETE").respond_with_response(_error(404, "not_found"))
    with _client(server, api_key) as client:
        with pytest.raises(NotFoundError) as caught:
            client.videos.delete("gone")
        assert isinstance(caught.value.body, StandardAPIErrorResponse)
        assert (caught.value.code, caught.value.message) == ("not_found", "not_found happened")
        outcome = client.videos.delete("gone", missing_ok=True)
        assert isinstance(outcome, NotFound)
        assert outcome.id == "gone"


def test_async_delete_missing_ok(server: HTTPServer, api_key: str) -> None:
    server.expect_request("/v3/videos/gone", method="DELETE").respond_with_response(_error(404, "not_found"))

    async def run() -> object:
        async with AsyncHeyGen(base_url=server.url_for(""), token=api_key) as client:
            return await client.videos.delete("gone", missing_ok=True)

    assert isinstance(asyncio.run(run()), NotFound)


class _Mix:
    """Answers DELETE /v3/videos/<id> by the id's number n: n % 10 == 0 -> 404; 1 -> 429 every time
    (Retry-After: 86400); 2 -> 500 on the first attempt, then 200; 3 -> 500 every time; else 200.
    Counts attempts per id and the peak of requests in flight, under a lock."""

    def __init__(self, pause: float = 0.02) -> None:
        self.attempts: Counter[str] = Counter()
        self.in_flight = 0
        self.peak = 0
        self.pause = pause
        self.lock = threading.Lock()
        self.after_request: Any = None

    def __call__(self, request: Request) -> WerkzeugResponse:
        match = VIDEO.fullmatch(request.path)
        assert match is not None
        video_id = match["id"]
        with self.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            self.attempts[video_id] += 1
            attempt = self.attempts[video_id]
        try:
            time.sleep(self.pause)
            kind = int(video_id.removeprefix("v")) % 10
            if kind == 0:
                return _error(404, "not_found")
            if kind == 1:
                return _error(429, "rate_limit_exceeded")
            if kind == 3 or (kind == 2 and attempt == 1):
                return _error(500, "internal_error")
            return _json({"data": {"id": video_id, "deleted": True}})
        finally:
            with self.lock:
                self.in_flight -= 1
            if self.after_request is not None:
                self.after_request()


IDS = [f"v{n}" for n in range(1000)]
CONCURRENCY = 16


def _check_mix(result: DeleteManyResult[DeleteVideoV3Response], mix: _Mix) -> None:
    assert len(result.outcomes) == 1000
    assert not result.interrupted
    by_id = {outcome.id: outcome for outcome in result.outcomes}
    assert sorted(by_id) == sorted(IDS)
    expected_attempts = {0: 1, 1: 3, 2: 2, 3: 3}  # max_retries=2: 429 and 500 retried twice, 404 never
    for video_id, outcome in by_id.items():
        kind = int(video_id[1:]) % 10
        assert mix.attempts[video_id] == expected_attempts.get(kind, 1), video_id
        if kind == 0:
            assert outcome.status == "not_found"
        elif kind == 1:
            assert outcome.status == "error"
            assert isinstance(outcome.error, RateLimitError)
        elif kind == 3:
            assert outcome.status == "error"
            assert getattr(outcome.error, "status_code", None) == 500
        else:
            assert outcome.status == "deleted"
            assert outcome.result is not None
    assert 2 <= mix.peak <= CONCURRENCY


def test_delete_many_thousand_ids_bounded_complete_retried(server: HTTPServer, api_key: str) -> None:
    """Negative control: with ``concurrency=CONCURRENCY * 2`` the peak check fails (seen: 27 > 16)."""
    mix = _Mix()
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(mix)
    with _client(server, api_key, max_retries=2, retry=retry_policy(2, **TINY_RETRY)) as client:
        started = time.monotonic()
        result = client.videos.delete_many(IDS, concurrency=CONCURRENCY)
    _check_mix(result, mix)
    assert time.monotonic() - started < 60  # Retry-After: 86400 was clamped


def test_async_delete_many_thousand_ids_bounded_complete_retried(server: HTTPServer, api_key: str) -> None:
    mix = _Mix()
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(mix)

    async def run() -> DeleteManyResult[DeleteVideoV3Response]:
        async with AsyncHeyGen(
            base_url=server.url_for(""), token=api_key, retry=retry_policy(2, **TINY_RETRY)
        ) as client:
            return await client.videos.delete_many(IDS, concurrency=CONCURRENCY)

    _check_mix(asyncio.run(run()), mix)


ON_THREADS: dict[str, Any] = {"httpx_args": {"event_hooks": {"request": [], "response": []}}}
"""Client options under which the sync ``delete_many`` runs on threads: hooks may be sync-only."""


@pytest.mark.parametrize("options", [{}, ON_THREADS], ids=["event-loop", "threads"])
def test_delete_many_interrupted_keeps_the_outcomes(server: HTTPServer, api_key: str, options: dict[str, Any]) -> None:
    """A KeyboardInterrupt (sent to the main thread after 50 requests) stops the batch; ``into`` keeps
    the outcomes already known, including the calls that were running. Negative control: on the event
    loop, not passing ``stop`` to the tasks lets them go on to the last id (seen: 1000 outcomes)."""
    mix = _Mix(pause=0.005)
    sent = threading.Event()

    def interrupt() -> None:
        if sum(mix.attempts.values()) >= 50 and not sent.is_set():
            sent.set()
            _thread.interrupt_main()

    mix.after_request = interrupt
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(mix)
    into: DeleteManyResult[DeleteVideoV3Response] = DeleteManyResult()
    with _client(server, api_key, retry=None, **options) as client, pytest.raises(KeyboardInterrupt):
        client.videos.delete_many(IDS, concurrency=4, into=into)
    assert into.interrupted
    assert 40 <= len(into.outcomes) < 1000
    assert len({outcome.id for outcome in into.outcomes}) == len(into.outcomes)
    assert set(mix.attempts) == {outcome.id for outcome in into.outcomes}  # every request sent is accounted for


def test_async_delete_many_cancelled_keeps_the_outcomes(server: HTTPServer, api_key: str) -> None:
    mix = _Mix(pause=0.005)
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(mix)
    into: DeleteManyResult[DeleteVideoV3Response] = DeleteManyResult()

    async def run() -> None:
        async with AsyncHeyGen(base_url=server.url_for(""), token=api_key, retry=None) as client:
            task = asyncio.create_task(client.videos.delete_many(IDS, concurrency=4, into=into))
            while len(into.outcomes) < 20:
                await asyncio.sleep(0.001)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(run())
    assert into.interrupted
    assert 20 <= len(into.outcomes) < 1000
    assert len({outcome.id for outcome in into.outcomes}) == len(into.outcomes)


class _Engine:
    """Which methods ran the deletions: the async resource's on an event loop, or the sync one's."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on_loop: list[str] = []
        self.threads: set[str] = set()
        sync_delete, async_delete = VideosResource.delete, AsyncVideosResource.delete

        def delete(resource: VideosResource, video_id: str, **kwargs: Any) -> Any:
            self.threads.add(threading.current_thread().name)
            return sync_delete(resource, video_id, **kwargs)

        async def adelete(resource: AsyncVideosResource, video_id: str, **kwargs: Any) -> Any:
            asyncio.get_running_loop()
            self.on_loop.append(threading.current_thread().name)
            return await async_delete(resource, video_id, **kwargs)

        monkeypatch.setattr(VideosResource, "delete", delete)
        monkeypatch.setattr(AsyncVideosResource, "delete", adelete)


def test_sync_delete_many_runs_on_an_event_loop_of_its_own(
    server: HTTPServer, api_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the client's defaults every deletion runs on tasks in one thread, over a pool closed at the
    end; the client's own pools are not touched. Negative control: ``_loop_copy`` returning None puts
    them on 8 threads through the sync method, and this fails."""
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(_Mix(pause=0.001))
    engine = _Engine(monkeypatch)
    with _client(server, api_key, retry=None) as client:
        result = client.videos.delete_many([f"v{n}" for n in range(4, 10)] * 5, concurrency=8)
        assert client.client._async_client is None  # the copy's pool, not a new one of the client's
    assert [outcome.status for outcome in result.outcomes] == ["deleted"] * 30
    assert len(engine.on_loop) == 30
    assert not engine.threads
    (thread,) = set(engine.on_loop)
    assert thread.startswith("heygen-delete-many")


@pytest.mark.parametrize(
    "options",
    [ON_THREADS, {"httpx_args": {"transport": httpx.HTTPTransport()}}, {"httpx_args": {"auth": None}}, "injected"],
    ids=["event-hooks", "transport", "auth", "injected-client"],
)
def test_sync_delete_many_keeps_to_threads_where_the_sync_pool_decides(
    server: HTTPServer, api_key: str, monkeypatch: pytest.MonkeyPatch, options: Any
) -> None:
    """What only the sync pool may honour (a sync transport or hook, an injected httpx client) keeps
    the deletions on threads through the sync method. Negative control: ``_loop_copy`` ignoring
    ``httpx_args`` sends the hooks' case to the event loop, and this fails."""
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(_Mix(pause=0.001))
    engine = _Engine(monkeypatch)
    heygen = _client(server, api_key, retry=None, **({} if options == "injected" else options))
    if options == "injected":
        heygen.client.set_httpx_client(httpx.Client(base_url=server.url_for("")))
    with heygen as client:
        result = client.videos.delete_many([f"v{n}" for n in range(4, 10)], concurrency=3)
    assert [outcome.status for outcome in result.outcomes] == ["deleted"] * 6
    assert not engine.on_loop
    assert engine.threads


def test_the_loop_copy_leaves_the_callers_async_transport_to_the_async_calls(api_key: str) -> None:
    """The copy closes its pool when the batch ends: it must not be the caller's async transport.
    Negative control: ``evolve(self)`` without ``async_transport=None`` fails."""
    transport = httpx.AsyncHTTPTransport()
    client = HeyGen(base_url="http://127.0.0.1:9", token=api_key, async_transport=transport).client
    copy = client._loop_copy()
    assert copy is not None
    assert copy._async_transport is None
    assert client._async_transport is transport


def test_sync_delete_many_inside_a_running_event_loop(server: HTTPServer, api_key: str) -> None:
    """A sync call from async code: the deletions' own loop runs in a thread of its own, so there is no
    "asyncio.run() cannot be called from a running event loop"."""
    server.expect_request(VIDEO, method="DELETE").respond_with_handler(_Mix(pause=0.001))

    async def run() -> DeleteManyResult[DeleteVideoV3Response]:
        with _client(server, api_key, retry=None) as client:
            return client.videos.delete_many(["v4", "v5", "v10"], concurrency=2)

    assert sorted(outcome.status for outcome in asyncio.run(run()).outcomes) == ["deleted", "deleted", "not_found"]


@pytest.mark.parametrize("concurrency", [0, -1, True])
def test_delete_many_refuses_a_bad_concurrency(concurrency: int, api_key: str) -> None:
    with pytest.raises(ValueError, match="concurrency must be a whole number, 1 or more"):
        HeyGen(base_url="http://127.0.0.1:9", token=api_key).videos.delete_many(["v"], concurrency=concurrency)


def test_list_returns_a_page_of_the_documented_items(server: HTTPServer, api_key: str) -> None:
    """The page's items are the list model's ``data`` (typed VideoDetail), not the response model."""
    server.expect_request("/v3/videos", method="GET").respond_with_response(
        _json({"data": [_video("v9")], "has_more": False, "next_token": None})
    )
    with _client(server, api_key) as client:
        page = client.videos.list()
        assert not isinstance(page, ListVideosV3Response)
        assert [type(video).__name__ for video in page] == ["VideoDetail"]
        assert not page.has_next_page()
