"""The v3 migration path end to end: against a loopback server replaying the effective spec's documented
bodies, the client deletes a video and a video translation through v3 and lists one page of videos,
sync and async, sending the key in the x-api-key header (both sources' scheme)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.video_translate import delete_video_translation_v3
from heygen_api_client.api.videos import delete_video_v3, list_videos_v3
from heygen_api_client.models import (
    DeletedVideo,
    DeleteVideoV3Response,
    ListVideosV3Response,
    StandardAPIError,
    StandardAPIErrorResponse,
    VideoStatus,
)
from pytest_httpserver import HTTPServer

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT: dict[str, Any] = json.loads((ROOT / "generated" / "openapi.json").read_text(encoding="utf-8"))
VIDEO_ID = "0123456789abcdef0123456789abcdef"  # 32 characters: the length v3 asks of a video id


def _example(path: str, method: str, status: str) -> Any:
    """The documented body, read from the effective spec (not copied here, so it cannot drift)."""
    return DOCUMENT["paths"][path][method]["responses"][status]["content"]["application/json"]["example"]


def _client(server: HTTPServer, api_key: str) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server.url_for(""), token=api_key, retry=None)


def _serve(
    server: HTTPServer, method: str, path: str, body: Any, api_key: str, status: int = 200, **match: Any
) -> None:
    server.expect_oneshot_request(path, method=method, headers={"x-api-key": api_key}, **match).respond_with_json(
        body, status=status
    )


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_delete_a_video_and_a_translation_and_list_videos_on_v3(
    httpserver: HTTPServer, api_key: str, use_async: bool
) -> None:
    deleted = _example("/v3/videos/{video_id}", "delete", "200")
    page = _example("/v3/videos", "get", "200")
    _serve(httpserver, "DELETE", f"/v3/videos/{VIDEO_ID}", deleted, api_key)
    _serve(
        httpserver,
        "DELETE",
        "/v3/video-translations/vt-1",
        _example("/v3/video-translations/{video_translation_id}", "delete", "200"),
        api_key,
    )
    _serve(httpserver, "GET", "/v3/videos", page, api_key, query_string={"limit": "2", "folder_id": "f-1"})

    async def calls_async() -> tuple[Any, Any, Any]:
        async with _client(httpserver, api_key) as client:
            return (
                await delete_video_v3.asyncio(video_id=VIDEO_ID, client=client),
                await delete_video_translation_v3.asyncio(video_translation_id="vt-1", client=client),
                await list_videos_v3.asyncio(client=client, limit=2, folder_id="f-1"),
            )

    if use_async:
        video, translation, listed = asyncio.run(calls_async())
    else:
        with _client(httpserver, api_key) as client:
            video = delete_video_v3.sync(video_id=VIDEO_ID, client=client)
            translation = delete_video_translation_v3.sync(video_translation_id="vt-1", client=client)
            listed = list_videos_v3.sync(client=client, limit=2, folder_id="f-1")
    httpserver.check_assertions()  # every request matched: method, path, query and the x-api-key header

    assert isinstance(video, DeleteVideoV3Response)
    assert isinstance(video.data, DeletedVideo)
    assert (video.data.id, video.data.deleted) == (deleted["data"]["id"], True)
    assert translation.data.id == "<string>"
    assert isinstance(listed, ListVideosV3Response)
    assert isinstance(listed.data, list)
    statuses: list[VideoStatus] = [item.status for item in listed.data]
    assert statuses == ["completed"]
    assert (listed.has_more, listed.next_token) == (False, None)
    assert listed.to_dict() == page


def test_a_missing_video_on_v3_parses_the_documented_error(httpserver: HTTPServer, api_key: str) -> None:
    """A documented 404 is a response, parsed into the {"error": StandardAPIError} model (its envelope is not
    lifted: the schema declares it). Negative control: with the envelope lifted, ``error`` would still parse
    but code/message would land in additional_properties, which tests/contract catches."""
    body = _example("/v3/videos/{video_id}", "delete", "404")
    _serve(httpserver, "DELETE", f"/v3/videos/{VIDEO_ID}", body, api_key, status=404)
    with _client(httpserver, api_key) as client:
        response = delete_video_v3.sync_detailed(video_id=VIDEO_ID, client=client)
    assert response.status_code == 404
    assert isinstance(response.parsed, StandardAPIErrorResponse)
    error = response.parsed.error
    assert isinstance(error, StandardAPIError)
    assert (error.code, error.message) == ("not_found", "Video not found.")
    assert response.parsed.additional_properties == {}
