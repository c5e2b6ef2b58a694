"""A client library for accessing HeyGen API (heygen-api-client)"""

from .client import AuthenticatedClient, Client, aiohttp_transport, retry_policy
from .errors import (
    ApiConnectionError,
    ApiError,
    ApiKeyError,
    ApiTimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeyGenError,
    InternalServerError,
    InvalidResponse,
    MissingExtraError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    ResponseShapeError,
    ResponseTooLargeError,
    UnexpectedStatus,
    UnprocessableEntityError,
)
from .resources import AsyncHeyGen, HeyGen

__version__ = "4.0.8"
# The info.version of the OpenAPI document this client was generated from (not the client's SemVer):
# specpipe merges HeyGen's documents, so it names each one's as "name@version, ..." (openapi/sources.yaml order).
__api_version__ = "heygen-external-api@1.0.0, heygen-api@4.0.8"
# The same, by source name: HeyGen's own info.version of each document, e.g. __api_versions__["heygen-external-api"].
__api_versions__: dict[str, str] = {
    "heygen-external-api": "1.0.0",
    "heygen-api": "4.0.8",
}

__all__ = (
    "ApiError",
    "ApiKeyError",
    "AsyncHeyGen",
    "HeyGen",
    "AuthenticatedClient",
    "Client",
    "InvalidResponse",
    "ResponseShapeError",
    "UnexpectedStatus",
    "ApiConnectionError",
    "ApiTimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HeyGenError",
    "InternalServerError",
    "MissingExtraError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "UnprocessableEntityError",
    "__api_version__",
    "__api_versions__",
    "__version__",
    "aiohttp_transport",
    "retry_policy",
)
