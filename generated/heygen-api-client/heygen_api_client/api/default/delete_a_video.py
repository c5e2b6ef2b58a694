import warnings
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_video_response import DeleteVideoResponse
from ...models.error_response import ErrorResponse
from ...models.video_type import VideoType
from ...types import UNSET, Response, Unset, error_envelope, json_body, json_check, status_of

_DEPRECATION = "DELETE /v1/video.delete is deprecated, sunset 2026-11-01; use DELETE /v3/videos/{video_id} instead"
_deprecation_warned = False


def _warn_deprecated() -> None:
    """A DeprecationWarning once per process (the warnings filters still decide whether it shows)."""
    global _deprecation_warned
    if not _deprecation_warned:
        _deprecation_warned = True
        # stacklevel: this function, _get_kwargs, the public call, then the caller's line.
        warnings.warn(_DEPRECATION, DeprecationWarning, stacklevel=4)


_AUTH: tuple[str, ...] = ("api_key",)
"""The credentials the operation accepts (its ``security`` in the API document); the client refuses another."""

_check_response_200 = json_check(dict[str, Any], "response body")
_check_response_404 = json_check(dict[str, Any], "response body")


def _get_kwargs(
    *,
    video_id: str,
    type_: VideoType | Unset = UNSET,
) -> dict[str, Any]:
    _warn_deprecated()

    params: dict[str, Any] = {}

    params["video_id"] = video_id

    json_type_: str | Unset = UNSET
    if not isinstance(type_, Unset):
        json_type_ = type_

    params["type"] = json_type_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/video.delete",
        "params": params,
        "schemes": _AUTH,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteVideoResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeleteVideoResponse.from_dict(_check_response_200(json_body(response)))

        return response_200

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(_check_response_404(error_envelope(json_body(response))))

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus.from_response(response, secrets=client._secret_values())
    else:
        return None


def _parsed(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteVideoResponse | ErrorResponse | None:
    try:
        return _parse_response(client=client, response=response)
    # What parsing a body that breaks the API document raises: ResponseShapeError from the type checks,
    # ValueError from an unknown enum value or a malformed date.
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise errors.InvalidResponse.from_response(response, exc, secrets=client._secret_values()) from exc


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeleteVideoResponse | ErrorResponse]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parsed(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    video_id: str,
    type_: VideoType | Unset = UNSET,
) -> Response[DeleteVideoResponse | ErrorResponse]:
    """Delete a Video

     This endpoint allows deletion of avatar videos only. It does not support deleting translated videos.

    Args:
        video_id (str): Unique identifier of the video to be deleted. Depending on your video
            type, this can be retrieved from either the Create Avatar Video (V2) or the Translate
            Video endpoint.
        type_ (VideoType | Unset): Category of the video (e.g., generated or translated). Use
            `heygen_video` when deleting generated videos, and `video_translate` when deleting
            translated videos.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        Response[DeleteVideoResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        type_=type_,
    )

    response = client.request(**kwargs)

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    video_id: str,
    type_: VideoType | Unset = UNSET,
) -> DeleteVideoResponse | ErrorResponse | None:
    """Delete a Video

     This endpoint allows deletion of avatar videos only. It does not support deleting translated videos.

    Args:
        video_id (str): Unique identifier of the video to be deleted. Depending on your video
            type, this can be retrieved from either the Create Avatar Video (V2) or the Translate
            Video endpoint.
        type_ (VideoType | Unset): Category of the video (e.g., generated or translated). Use
            `heygen_video` when deleting generated videos, and `video_translate` when deleting
            translated videos.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        DeleteVideoResponse | ErrorResponse
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        type_=type_,
    )

    return _parsed(client=client, response=client.request(**kwargs))


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    video_id: str,
    type_: VideoType | Unset = UNSET,
) -> Response[DeleteVideoResponse | ErrorResponse]:
    """Delete a Video

     This endpoint allows deletion of avatar videos only. It does not support deleting translated videos.

    Args:
        video_id (str): Unique identifier of the video to be deleted. Depending on your video
            type, this can be retrieved from either the Create Avatar Video (V2) or the Translate
            Video endpoint.
        type_ (VideoType | Unset): Category of the video (e.g., generated or translated). Use
            `heygen_video` when deleting generated videos, and `video_translate` when deleting
            translated videos.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        Response[DeleteVideoResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        type_=type_,
    )

    response = await client.arequest(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    video_id: str,
    type_: VideoType | Unset = UNSET,
) -> DeleteVideoResponse | ErrorResponse | None:
    """Delete a Video

     This endpoint allows deletion of avatar videos only. It does not support deleting translated videos.

    Args:
        video_id (str): Unique identifier of the video to be deleted. Depending on your video
            type, this can be retrieved from either the Create Avatar Video (V2) or the Translate
            Video endpoint.
        type_ (VideoType | Unset): Category of the video (e.g., generated or translated). Use
            `heygen_video` when deleting generated videos, and `video_translate` when deleting
            translated videos.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        DeleteVideoResponse | ErrorResponse
    """

    kwargs = _get_kwargs(
        video_id=video_id,
        type_=type_,
    )

    return _parsed(client=client, response=await client.arequest(**kwargs))
