"""A client library for accessing heygen-api"""

from .client import AuthenticatedClient, Client, aiohttp_transport, retry_policy
from .errors import ApiError, ApiKeyError, InvalidResponse, ResponseShapeError, UnexpectedStatus

__version__ = "4.0.8.post2"

__all__ = (
    "ApiError",
    "ApiKeyError",
    "AuthenticatedClient",
    "Client",
    "InvalidResponse",
    "ResponseShapeError",
    "UnexpectedStatus",
    "__version__",
    "aiohttp_transport",
    "retry_policy",
)
