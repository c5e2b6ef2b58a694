"""The resource client: ``HeyGen().videos.delete(video_id)``, as Stainless SDKs (openai-python) shape theirs.

Generated from the API document: a resource per tag, a method per operation (the naming rule and the
overlay's ``x-client-resource``/``x-client-method`` are specpipe's ``template_facts.ClientOperation``).
Each method calls its function module (``api/<tag>/<operation>.py``, unchanged) and returns only the
documented success model; a documented error status raises its ``errors`` class (``NotFoundError``,
``RateLimitError``, ...) with the parsed body in ``.body``, after the client's retries.
``with_raw_response`` gives the status, headers and request id with ``.parse()`` for the model.
An operation marked ``x-client-pagination`` returns a cursor page iterating every item of every page.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, overload

import httpx

from . import errors
from ._bulk import DeleteManyResult as DeleteManyResult
from ._bulk import DeleteOutcome as DeleteOutcome
from ._bulk import adelete_many, delete_many
from .api.default import delete_a_video
from .api.video_translate import delete_video_translation_v3
from .api.videos import delete_video_v3, get_video_v3, list_videos_v3
from .client import AuthenticatedClient
from .models.delete_video_response import DeleteVideoResponse
from .models.delete_video_translation_v3_response import DeleteVideoTranslationV3Response
from .models.delete_video_v3_response import DeleteVideoV3Response
from .models.get_video_v3_response import GetVideoV3Response
from .models.list_videos_v3_response import ListVideosV3Response
from .models.video_detail import VideoDetail
from .models.video_type import VideoType
from .types import UNSET, Unset

_T = TypeVar("_T")


def _success(client: AuthenticatedClient, module: Any, response: httpx.Response, model: type[_T]) -> _T:
    """The documented success model, or the status's ``errors`` class raised with the parsed error body."""
    parsed = module._parsed(client=client, response=response)  # raises for an undocumented status
    if response.is_success and isinstance(parsed, model):
        return parsed
    if response.is_success:
        problem = ValueError(f"a {response.status_code} body that is not the documented {model.__name__}")
        raise errors.InvalidResponse.from_response(response, problem, secrets=client._secret_values())
    raise errors.UnexpectedStatus.from_response(response, secrets=client._secret_values(), body=parsed)


class RawResponse(Generic[_T]):
    """What ``with_raw_response`` methods return: the HTTP response as received (after retries), and
    ``parse()``, which returns the success model or raises as the plain method would."""

    def __init__(self, http_response: httpx.Response, parse: Callable[[], _T]) -> None:
        self.http_response = http_response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """HeyGen's request id header, for a support ticket."""
        headers = self.http_response.headers
        return next((headers[name] for name in errors.REQUEST_ID_HEADERS if name in headers), None)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    def parse(self) -> _T:
        return self._parse()


class SyncCursorPage(Generic[_T]):
    """One page of a cursor-paginated list (``data``, ``has_more``, ``next_token``); iterating it yields
    every item of this page and of the pages after it, fetched as needed (openai-python's SyncCursorPage)."""

    def __init__(
        self, data: "list[_T]", *, has_more: bool, next_token: str | None, fetch: "Callable[[str], SyncCursorPage[_T]]"
    ) -> None:
        self.data = data
        self.has_more = has_more
        self.next_token = next_token
        self._fetch = fetch

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.next_token)

    def get_next_page(self) -> "SyncCursorPage[_T]":
        if not self.next_token or not self.has_more:
            raise StopIteration("no next page")
        return self._fetch(self.next_token)

    def iter_pages(self) -> "Iterator[SyncCursorPage[_T]]":
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(Generic[_T]):
    """``SyncCursorPage`` for ``AsyncHeyGen``: ``async for`` walks every item across pages."""

    def __init__(
        self,
        data: "list[_T]",
        *,
        has_more: bool,
        next_token: str | None,
        fetch: "Callable[[str], Awaitable[AsyncCursorPage[_T]]]",
    ) -> None:
        self.data = data
        self.has_more = has_more
        self.next_token = next_token
        self._fetch = fetch

    def has_next_page(self) -> bool:
        return self.has_more and bool(self.next_token)

    async def get_next_page(self) -> "AsyncCursorPage[_T]":
        if not self.next_token or not self.has_more:
            raise StopAsyncIteration("no next page")
        return await self._fetch(self.next_token)

    async def iter_pages(self) -> "AsyncIterator[AsyncCursorPage[_T]]":
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPager(Generic[_T]):
    """What an async list method returns: ``await`` it for the first page, or ``async for`` over every
    item (openai-python's AsyncPaginator)."""

    def __init__(self, first: "Callable[[], Awaitable[AsyncCursorPage[_T]]]") -> None:
        self._first = first

    def __await__(self) -> "Generator[Any, None, AsyncCursorPage[_T]]":
        return self._first().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for item in await self._first():
            yield item


@dataclass(frozen=True)
class NotFound:
    """What ``delete(id, missing_ok=True)`` returns for a 404: the thing was already gone."""

    id: str
    error: errors.UnexpectedStatus


class LegacyResource:
    """``client.legacy``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "LegacyResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return LegacyResourceWithRawResponse(self._client)

    def delete_video(
        self,
        *,
        video_id: str,
        type_: VideoType | Unset = UNSET,
    ) -> DeleteVideoResponse:
        """Delete a Video."""
        request = delete_a_video._get_kwargs(
            video_id=video_id,
            type_=type_,
        )
        response = self._client.request(**request)
        return _success(self._client, delete_a_video, response, DeleteVideoResponse)


class LegacyResourceWithRawResponse:
    """``client.legacy``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def delete_video(
        self,
        *,
        video_id: str,
        type_: VideoType | Unset = UNSET,
    ) -> RawResponse[DeleteVideoResponse]:
        """Delete a Video."""
        request = delete_a_video._get_kwargs(
            video_id=video_id,
            type_=type_,
        )
        response = self._client.request(**request)
        return RawResponse(response, lambda: _success(self._client, delete_a_video, response, DeleteVideoResponse))


class AsyncLegacyResource:
    """``client.legacy``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "AsyncLegacyResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return AsyncLegacyResourceWithRawResponse(self._client)

    async def delete_video(
        self,
        *,
        video_id: str,
        type_: VideoType | Unset = UNSET,
    ) -> DeleteVideoResponse:
        """Delete a Video."""
        request = delete_a_video._get_kwargs(
            video_id=video_id,
            type_=type_,
        )
        response = await self._client.arequest(**request)
        return _success(self._client, delete_a_video, response, DeleteVideoResponse)


class AsyncLegacyResourceWithRawResponse:
    """``client.legacy``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def delete_video(
        self,
        *,
        video_id: str,
        type_: VideoType | Unset = UNSET,
    ) -> RawResponse[DeleteVideoResponse]:
        """Delete a Video."""
        request = delete_a_video._get_kwargs(
            video_id=video_id,
            type_=type_,
        )
        response = await self._client.arequest(**request)
        return RawResponse(response, lambda: _success(self._client, delete_a_video, response, DeleteVideoResponse))


class VideoTranslationsResource:
    """``client.video_translations``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "VideoTranslationsResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return VideoTranslationsResourceWithRawResponse(self._client)

    @overload
    def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: Literal[False] = False,
    ) -> DeleteVideoTranslationV3Response: ...

    @overload
    def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: Literal[True],
    ) -> DeleteVideoTranslationV3Response | NotFound: ...

    def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: bool = False,
    ) -> DeleteVideoTranslationV3Response | NotFound:
        """Delete Video Translation.

        ``missing_ok=True``: a 404 returns ``NotFound`` (already deleted) instead of raising ``errors.NotFoundError``.
        """
        request = delete_video_translation_v3._get_kwargs(
            video_translation_id=video_translation_id,
        )
        response = self._client.request(**request)
        try:
            return _success(self._client, delete_video_translation_v3, response, DeleteVideoTranslationV3Response)
        except errors.NotFoundError as exc:
            if missing_ok:
                return NotFound(video_translation_id, exc)
            raise

    def delete_many(
        self,
        ids: Iterable[str],
        *,
        concurrency: int = 8,
        into: DeleteManyResult[DeleteVideoTranslationV3Response] | None = None,
    ) -> DeleteManyResult[DeleteVideoTranslationV3Response]:
        """Deletes each id, at most ``concurrency`` at a time, each retried as the client says; returns one
        outcome per id (deleted, not found, or the exception), never stopping at a failure.
        The deletions run on an event loop in a thread of their own, over connections of their own
        (threads when the client has an injected httpx client, or a transport, mounts, event hooks or
        auth in ``httpx_args``). Stopped by the caller (KeyboardInterrupt), it lets the running ones
        finish and re-raises; ``into`` then holds the outcomes already known, with ``interrupted`` set."""
        return delete_many(
            self._client,
            lambda id_: self.delete(id_),
            lambda client: AsyncVideoTranslationsResource(client).delete,
            ids,
            concurrency=concurrency,
            into=into,
        )


class VideoTranslationsResourceWithRawResponse:
    """``client.video_translations``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def delete(
        self,
        video_translation_id: str,
    ) -> RawResponse[DeleteVideoTranslationV3Response]:
        """Delete Video Translation."""
        request = delete_video_translation_v3._get_kwargs(
            video_translation_id=video_translation_id,
        )
        response = self._client.request(**request)
        return RawResponse(
            response,
            lambda: _success(self._client, delete_video_translation_v3, response, DeleteVideoTranslationV3Response),
        )


class AsyncVideoTranslationsResource:
    """``client.video_translations``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "AsyncVideoTranslationsResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return AsyncVideoTranslationsResourceWithRawResponse(self._client)

    @overload
    async def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: Literal[False] = False,
    ) -> DeleteVideoTranslationV3Response: ...

    @overload
    async def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: Literal[True],
    ) -> DeleteVideoTranslationV3Response | NotFound: ...

    async def delete(
        self,
        video_translation_id: str,
        *,
        missing_ok: bool = False,
    ) -> DeleteVideoTranslationV3Response | NotFound:
        """Delete Video Translation.

        ``missing_ok=True``: a 404 returns ``NotFound`` (already deleted) instead of raising ``errors.NotFoundError``.
        """
        request = delete_video_translation_v3._get_kwargs(
            video_translation_id=video_translation_id,
        )
        response = await self._client.arequest(**request)
        try:
            return _success(self._client, delete_video_translation_v3, response, DeleteVideoTranslationV3Response)
        except errors.NotFoundError as exc:
            if missing_ok:
                return NotFound(video_translation_id, exc)
            raise

    async def delete_many(
        self,
        ids: Iterable[str],
        *,
        concurrency: int = 8,
        into: DeleteManyResult[DeleteVideoTranslationV3Response] | None = None,
    ) -> DeleteManyResult[DeleteVideoTranslationV3Response]:
        """Deletes each id, at most ``concurrency`` at a time (tasks), each retried as the client says;
        returns one outcome per id (deleted, not found, or the exception), never stopping at a failure.
        Stopped by the caller (cancellation), it re-raises; ``into`` then holds the outcomes already
        known, with ``interrupted`` set."""
        return await adelete_many(lambda id_: self.delete(id_), ids, concurrency, into)


class AsyncVideoTranslationsResourceWithRawResponse:
    """``client.video_translations``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def delete(
        self,
        video_translation_id: str,
    ) -> RawResponse[DeleteVideoTranslationV3Response]:
        """Delete Video Translation."""
        request = delete_video_translation_v3._get_kwargs(
            video_translation_id=video_translation_id,
        )
        response = await self._client.arequest(**request)
        return RawResponse(
            response,
            lambda: _success(self._client, delete_video_translation_v3, response, DeleteVideoTranslationV3Response),
        )


class VideosResource:
    """``client.videos``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "VideosResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return VideosResourceWithRawResponse(self._client)

    def get(
        self,
        video_id: str,
    ) -> GetVideoV3Response:
        """Get Video."""
        request = get_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = self._client.request(**request)
        return _success(self._client, get_video_v3, response, GetVideoV3Response)

    @overload
    def delete(
        self,
        video_id: str,
        *,
        missing_ok: Literal[False] = False,
    ) -> DeleteVideoV3Response: ...

    @overload
    def delete(
        self,
        video_id: str,
        *,
        missing_ok: Literal[True],
    ) -> DeleteVideoV3Response | NotFound: ...

    def delete(
        self,
        video_id: str,
        *,
        missing_ok: bool = False,
    ) -> DeleteVideoV3Response | NotFound:
        """Delete Video.

        ``missing_ok=True``: a 404 returns ``NotFound`` (already deleted) instead of raising ``errors.NotFoundError``.
        """
        request = delete_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = self._client.request(**request)
        try:
            return _success(self._client, delete_video_v3, response, DeleteVideoV3Response)
        except errors.NotFoundError as exc:
            if missing_ok:
                return NotFound(video_id, exc)
            raise

    def delete_many(
        self,
        ids: Iterable[str],
        *,
        concurrency: int = 8,
        into: DeleteManyResult[DeleteVideoV3Response] | None = None,
    ) -> DeleteManyResult[DeleteVideoV3Response]:
        """Deletes each id, at most ``concurrency`` at a time, each retried as the client says; returns one
        outcome per id (deleted, not found, or the exception), never stopping at a failure.
        The deletions run on an event loop in a thread of their own, over connections of their own
        (threads when the client has an injected httpx client, or a transport, mounts, event hooks or
        auth in ``httpx_args``). Stopped by the caller (KeyboardInterrupt), it lets the running ones
        finish and re-raises; ``into`` then holds the outcomes already known, with ``interrupted`` set."""
        return delete_many(
            self._client,
            lambda id_: self.delete(id_),
            lambda client: AsyncVideosResource(client).delete,
            ids,
            concurrency=concurrency,
            into=into,
        )

    def list(
        self,
        *,
        limit: int | Unset = 10,
        token: str | Unset = UNSET,
        folder_id: str | Unset = UNSET,
        title: str | Unset = UNSET,
    ) -> "SyncCursorPage[VideoDetail]":
        """List Videos: every item of every page when iterated (see SyncCursorPage)."""

        def fetch(token: str | Unset) -> "SyncCursorPage[VideoDetail]":
            request = list_videos_v3._get_kwargs(
                limit=limit,
                token=token,
                folder_id=folder_id,
                title=title,
            )
            response = self._client.request(**request)
            page = _success(self._client, list_videos_v3, response, ListVideosV3Response)
            items = page.data
            cursor = page.next_token
            return SyncCursorPage(
                [] if isinstance(items, Unset) else items,
                has_more=page.has_more is True,
                next_token=cursor if isinstance(cursor, str) else None,
                fetch=fetch,
            )

        return fetch(token)


class VideosResourceWithRawResponse:
    """``client.videos``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    def get(
        self,
        video_id: str,
    ) -> RawResponse[GetVideoV3Response]:
        """Get Video."""
        request = get_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = self._client.request(**request)
        return RawResponse(response, lambda: _success(self._client, get_video_v3, response, GetVideoV3Response))

    def delete(
        self,
        video_id: str,
    ) -> RawResponse[DeleteVideoV3Response]:
        """Delete Video."""
        request = delete_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = self._client.request(**request)
        return RawResponse(response, lambda: _success(self._client, delete_video_v3, response, DeleteVideoV3Response))

    def list(
        self,
        *,
        limit: int | Unset = 10,
        token: str | Unset = UNSET,
        folder_id: str | Unset = UNSET,
        title: str | Unset = UNSET,
    ) -> RawResponse[ListVideosV3Response]:
        """List Videos (one page)."""
        request = list_videos_v3._get_kwargs(
            limit=limit,
            token=token,
            folder_id=folder_id,
            title=title,
        )
        response = self._client.request(**request)
        return RawResponse(response, lambda: _success(self._client, list_videos_v3, response, ListVideosV3Response))


class AsyncVideosResource:
    """``client.videos``: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> "AsyncVideosResourceWithRawResponse":
        """The same methods, returning a ``RawResponse`` (status, headers, request id, ``parse()``)."""
        return AsyncVideosResourceWithRawResponse(self._client)

    async def get(
        self,
        video_id: str,
    ) -> GetVideoV3Response:
        """Get Video."""
        request = get_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = await self._client.arequest(**request)
        return _success(self._client, get_video_v3, response, GetVideoV3Response)

    @overload
    async def delete(
        self,
        video_id: str,
        *,
        missing_ok: Literal[False] = False,
    ) -> DeleteVideoV3Response: ...

    @overload
    async def delete(
        self,
        video_id: str,
        *,
        missing_ok: Literal[True],
    ) -> DeleteVideoV3Response | NotFound: ...

    async def delete(
        self,
        video_id: str,
        *,
        missing_ok: bool = False,
    ) -> DeleteVideoV3Response | NotFound:
        """Delete Video.

        ``missing_ok=True``: a 404 returns ``NotFound`` (already deleted) instead of raising ``errors.NotFoundError``.
        """
        request = delete_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = await self._client.arequest(**request)
        try:
            return _success(self._client, delete_video_v3, response, DeleteVideoV3Response)
        except errors.NotFoundError as exc:
            if missing_ok:
                return NotFound(video_id, exc)
            raise

    async def delete_many(
        self,
        ids: Iterable[str],
        *,
        concurrency: int = 8,
        into: DeleteManyResult[DeleteVideoV3Response] | None = None,
    ) -> DeleteManyResult[DeleteVideoV3Response]:
        """Deletes each id, at most ``concurrency`` at a time (tasks), each retried as the client says;
        returns one outcome per id (deleted, not found, or the exception), never stopping at a failure.
        Stopped by the caller (cancellation), it re-raises; ``into`` then holds the outcomes already
        known, with ``interrupted`` set."""
        return await adelete_many(lambda id_: self.delete(id_), ids, concurrency, into)

    def list(
        self,
        *,
        limit: int | Unset = 10,
        token: str | Unset = UNSET,
        folder_id: str | Unset = UNSET,
        title: str | Unset = UNSET,
    ) -> "AsyncPager[VideoDetail]":
        """List Videos: every item of every page when iterated (see SyncCursorPage)."""

        async def fetch(token: str | Unset) -> "AsyncCursorPage[VideoDetail]":
            request = list_videos_v3._get_kwargs(
                limit=limit,
                token=token,
                folder_id=folder_id,
                title=title,
            )
            response = await self._client.arequest(**request)
            page = _success(self._client, list_videos_v3, response, ListVideosV3Response)
            items = page.data
            cursor = page.next_token
            return AsyncCursorPage(
                [] if isinstance(items, Unset) else items,
                has_more=page.has_more is True,
                next_token=cursor if isinstance(cursor, str) else None,
                fetch=fetch,
            )

        return AsyncPager(lambda: fetch(token))


class AsyncVideosResourceWithRawResponse:
    """``client.videos``.with_raw_response: the operations tagged for it."""

    def __init__(self, client: AuthenticatedClient) -> None:
        self._client = client

    async def get(
        self,
        video_id: str,
    ) -> RawResponse[GetVideoV3Response]:
        """Get Video."""
        request = get_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = await self._client.arequest(**request)
        return RawResponse(response, lambda: _success(self._client, get_video_v3, response, GetVideoV3Response))

    async def delete(
        self,
        video_id: str,
    ) -> RawResponse[DeleteVideoV3Response]:
        """Delete Video."""
        request = delete_video_v3._get_kwargs(
            video_id=video_id,
        )
        response = await self._client.arequest(**request)
        return RawResponse(response, lambda: _success(self._client, delete_video_v3, response, DeleteVideoV3Response))

    async def list(
        self,
        *,
        limit: int | Unset = 10,
        token: str | Unset = UNSET,
        folder_id: str | Unset = UNSET,
        title: str | Unset = UNSET,
    ) -> RawResponse[ListVideosV3Response]:
        """List Videos (one page)."""
        request = list_videos_v3._get_kwargs(
            limit=limit,
            token=token,
            folder_id=folder_id,
            title=title,
        )
        response = await self._client.arequest(**request)
        return RawResponse(response, lambda: _success(self._client, list_videos_v3, response, ListVideosV3Response))


class HeyGen:
    """The resource client: ``HeyGen().videos.delete(video_id)``. Use it as a context manager so that
    calls share one connection pool.

    Keyword arguments go to ``AuthenticatedClient`` (``token``, ``base_url``, ``max_retries``,
    ``retry``, ``timeout``, ...), or pass ``client=`` to share one; ``client`` is the one the function
    modules take.
    """

    def __init__(self, *, client: AuthenticatedClient | None = None, **options: Any) -> None:
        self.client = client if client is not None else AuthenticatedClient(**options)
        self.legacy = LegacyResource(self.client)
        self.video_translations = VideoTranslationsResource(self.client)
        self.videos = VideosResource(self.client)

    def __enter__(self) -> "HeyGen":
        self.client.__enter__()
        return self

    def __exit__(self, *args: Any) -> None:
        self.client.__exit__(*args)


class AsyncHeyGen:
    """``HeyGen`` with ``async`` methods: ``await client.videos.delete(video_id)``,
    ``async for video in client.videos.list()``."""

    def __init__(self, *, client: AuthenticatedClient | None = None, **options: Any) -> None:
        self.client = client if client is not None else AuthenticatedClient(**options)
        self.legacy = AsyncLegacyResource(self.client)
        self.video_translations = AsyncVideoTranslationsResource(self.client)
        self.videos = AsyncVideosResource(self.client)

    async def __aenter__(self) -> "AsyncHeyGen":
        await self.client.__aenter__()
        return self

    async def __aexit__(self, *args: Any) -> None:
        await self.client.__aexit__(*args)
