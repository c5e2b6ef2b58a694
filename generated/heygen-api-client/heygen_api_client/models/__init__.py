"""Contains all the data models used in inputs/outputs"""

from .delete_video_response import DeleteVideoResponse
from .delete_video_result import DeleteVideoResult
from .error_response import ErrorResponse
from .get_video_v3_response_200 import GetVideoV3Response200
from .get_video_v3_response_400 import GetVideoV3Response400
from .get_video_v3_response_401 import GetVideoV3Response401
from .get_video_v3_response_404 import GetVideoV3Response404
from .get_video_v3_response_429 import GetVideoV3Response429
from .standard_api_error import StandardAPIError
from .video_detail import VideoDetail
from .video_status import VideoStatus
from .video_type import VideoType

__all__ = (
    "DeleteVideoResponse",
    "DeleteVideoResult",
    "ErrorResponse",
    "GetVideoV3Response200",
    "GetVideoV3Response400",
    "GetVideoV3Response401",
    "GetVideoV3Response404",
    "GetVideoV3Response429",
    "StandardAPIError",
    "VideoDetail",
    "VideoStatus",
    "VideoType",
)
