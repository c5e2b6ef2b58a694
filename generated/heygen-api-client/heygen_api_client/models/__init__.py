"""Contains all the data models used in inputs/outputs"""

from .delete_video_response import DeleteVideoResponse
from .delete_video_result import DeleteVideoResult
from .error_response import ErrorResponse
from .video_type import VideoType

__all__ = (
    "DeleteVideoResponse",
    "DeleteVideoResult",
    "ErrorResponse",
    "VideoType",
)
