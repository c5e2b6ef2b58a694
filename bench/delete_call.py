"""The one call the client benchmarks make: delete a video, through the generated client and through
bare httpx plus ``json.loads`` (the baseline: the least code that makes the same request and decodes
the same body).

The response body is the documented 200 example of the effective spec (generated/openapi.json), so
the generated client parses exactly what HeyGen documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import httpx
from heygen_api_client import AuthenticatedClient
from heygen_api_client.api.default import delete_a_video

ROOT = Path(__file__).resolve().parents[1]
EFFECTIVE_SPEC = ROOT / "generated" / "openapi.json"
PATH = "/v1/video.delete"
VIDEO_ID = "vb606c57ee8042f4b499a6ab42183c2a-hi"
KEY = "bench-not-a-real-key"
KEY_HEADER = "x-api-key"


def documented_body(spec: Path = EFFECTIVE_SPEC, path: str = PATH) -> bytes:
    """The documented 200 example of ``DELETE path`` (``/v1/video.delete``), as the bytes a server would send."""
    operation = json.loads(spec.read_text(encoding="utf-8"))["paths"][path]["delete"]
    media_type = operation["responses"]["200"]["content"]["application/json"]
    example = media_type["example"] if "example" in media_type else next(iter(media_type["examples"].values()))["value"]
    return json.dumps(example).encode()


def mock_transport(body: bytes) -> httpx.MockTransport:
    """An in-process transport answering every request with ``body`` (no socket, no server)."""
    headers = {"content-type": "application/json"}
    return httpx.MockTransport(lambda _request: httpx.Response(200, content=body, headers=headers))


def bare_client(base_url: str, **httpx_args: Any) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers={KEY_HEADER: KEY}, **httpx_args)


def bare_async_client(base_url: str, **httpx_args: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base_url, headers={KEY_HEADER: KEY}, **httpx_args)


def bare_delete(client: httpx.Client) -> Any:
    return json.loads(client.delete(PATH, params={"video_id": VIDEO_ID}).content)


async def bare_delete_async(client: httpx.AsyncClient) -> Any:
    return json.loads((await client.delete(PATH, params={"video_id": VIDEO_ID})).content)


def generated_client(
    base_url: str,
    async_transport: httpx.AsyncBaseTransport | None = None,
    async_pool: Literal["auto", "httpx"] = "auto",
    **httpx_args: Any,
) -> AuthenticatedClient:
    """The generated client as a caller builds it, with its defaults (retries included); ``httpx_args``
    go to its public ``httpx_args`` (a transport, pool limits), ``async_transport`` and ``async_pool``
    to the async client."""
    return AuthenticatedClient(
        base_url=base_url, token=KEY, httpx_args=httpx_args, async_transport=async_transport, async_pool=async_pool
    )


def generated_delete(client: AuthenticatedClient) -> Any:
    return delete_a_video.sync(client=client, video_id=VIDEO_ID)


async def generated_delete_async(client: AuthenticatedClient) -> Any:
    return await delete_a_video.asyncio(client=client, video_id=VIDEO_ID)
