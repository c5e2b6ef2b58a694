from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_video_translation_v3_response import DeleteVideoTranslationV3Response
from ...models.standard_api_error_response import StandardAPIErrorResponse
from ...types import Response, json_body, json_check, status_of

_AUTH: tuple[str, ...] = ("api_key", "bearer")
"""The credentials the operation accepts (its ``security`` in the API document); the client refuses another."""

_check_response_200 = json_check(dict[str, Any], "response body")
_check_response_400 = json_check(dict[str, Any], "response body")
_check_response_401 = json_check(dict[str, Any], "response body")
_check_response_404 = json_check(dict[str, Any], "response body")
_check_response_429 = json_check(dict[str, Any], "response body")


def _get_kwargs(
    video_translation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v3/video-translations/{video_translation_id}".format(
            video_translation_id=quote(str(video_translation_id), safe=""),
        ),
        "schemes": _AUTH,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteVideoTranslationV3Response | StandardAPIErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeleteVideoTranslationV3Response.from_dict(_check_response_200(json_body(response)))

        return response_200

    if response.status_code == 400:
        response_400 = StandardAPIErrorResponse.from_dict(_check_response_400(json_body(response)))

        return response_400

    if response.status_code == 401:
        response_401 = StandardAPIErrorResponse.from_dict(_check_response_401(json_body(response)))

        return response_401

    if response.status_code == 404:
        response_404 = StandardAPIErrorResponse.from_dict(_check_response_404(json_body(response)))

        return response_404

    if response.status_code == 429:
        response_429 = StandardAPIErrorResponse.from_dict(_check_response_429(json_body(response)))

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus.from_response(response, secrets=client._secret_values())
    else:
        return None


def _parsed(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeleteVideoTranslationV3Response | StandardAPIErrorResponse | None:
    try:
        return _parse_response(client=client, response=response)
    # What parsing a body that breaks the API document raises: ResponseShapeError from the type checks,
    # ValueError from an unknown enum value or a malformed date.
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise errors.InvalidResponse.from_response(response, exc, secrets=client._secret_values()) from exc


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeleteVideoTranslationV3Response | StandardAPIErrorResponse]:
    return Response(
        status_code=status_of(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parsed(client=client, response=response),
    )


def sync_detailed(
    video_translation_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeleteVideoTranslationV3Response | StandardAPIErrorResponse]:
    """Delete Video Translation

    Args:
        video_translation_id (str): Unique video translation identifier

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        Response[DeleteVideoTranslationV3Response | StandardAPIErrorResponse]
    """

    kwargs = _get_kwargs(
        video_translation_id=video_translation_id,
    )

    response = client.request(**kwargs)

    return _build_response(client=client, response=response)


def sync(
    video_translation_id: str,
    *,
    client: AuthenticatedClient,
) -> DeleteVideoTranslationV3Response | StandardAPIErrorResponse | None:
    """Delete Video Translation

    Args:
        video_translation_id (str): Unique video translation identifier

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        DeleteVideoTranslationV3Response | StandardAPIErrorResponse
    """

    kwargs = _get_kwargs(
        video_translation_id=video_translation_id,
    )

    return _parsed(client=client, response=client.request(**kwargs))


async def asyncio_detailed(
    video_translation_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[DeleteVideoTranslationV3Response | StandardAPIErrorResponse]:
    """Delete Video Translation

    Args:
        video_translation_id (str): Unique video translation identifier

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        Response[DeleteVideoTranslationV3Response | StandardAPIErrorResponse]
    """

    kwargs = _get_kwargs(
        video_translation_id=video_translation_id,
    )

    response = await client.arequest(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    video_translation_id: str,
    *,
    client: AuthenticatedClient,
) -> DeleteVideoTranslationV3Response | StandardAPIErrorResponse | None:
    """Delete Video Translation

    Args:
        video_translation_id (str): Unique video translation identifier

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True
            (the subclass for the status: errors.NotFoundError, errors.RateLimitError, errors.InternalServerError, ...).
        errors.InvalidResponse: If a documented response's body is not JSON or breaks the documented types.
        errors.ResponseTooLargeError: If the body is larger than the client's max_response_bytes.
        errors.ApiTimeoutError: If every attempt outlasts the timeout or deadline (also an httpx.TimeoutException).
        errors.ApiConnectionError: If the connection fails (refused, reset) on every attempt (also an httpx.TransportError).

    Returns:
        DeleteVideoTranslationV3Response | StandardAPIErrorResponse
    """

    kwargs = _get_kwargs(
        video_translation_id=video_translation_id,
    )

    return _parsed(client=client, response=await client.arequest(**kwargs))
