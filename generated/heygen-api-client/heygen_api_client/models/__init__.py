"""Contains all the data models used in inputs/outputs"""

from .delete_video_response import DeleteVideoResponse
from .delete_video_result import DeleteVideoResult
from .delete_video_translation_v3_response import DeleteVideoTranslationV3Response
from .delete_video_v3_response import DeleteVideoV3Response
from .deleted_video import DeletedVideo
from .deleted_video_translation import DeletedVideoTranslation
from .error_response import ErrorResponse
from .get_video_v3_response import GetVideoV3Response
from .get_video_v3_response_400 import GetVideoV3Response400
from .get_video_v3_response_401 import GetVideoV3Response401
from .get_video_v3_response_404 import GetVideoV3Response404
from .get_video_v3_response_429 import GetVideoV3Response429
from .list_videos_v3_response import ListVideosV3Response
from .standard_api_error import StandardAPIError
from .standard_api_error_response import StandardAPIErrorResponse
from .video_detail import VideoDetail
from .video_status import VideoStatus
from .video_type import VideoType

__all__ = (
    "DeletedVideo",
    "DeletedVideoTranslation",
    "DeleteVideoResponse",
    "DeleteVideoResult",
    "DeleteVideoTranslationV3Response",
    "DeleteVideoV3Response",
    "ErrorResponse",
    "GetVideoV3Response",
    "GetVideoV3Response400",
    "GetVideoV3Response401",
    "GetVideoV3Response404",
    "GetVideoV3Response429",
    "ListVideosV3Response",
    "StandardAPIError",
    "StandardAPIErrorResponse",
    "VideoDetail",
    "VideoStatus",
    "VideoType",
)
