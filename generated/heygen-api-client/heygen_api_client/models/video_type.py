from typing import Literal

VideoType = Literal["heygen_video", "video_translate"]

VIDEO_TYPE_VALUES: set[VideoType] = {
    "heygen_video",
    "video_translate",
}


def check_video_type(value: str) -> VideoType:
    if value in VIDEO_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIDEO_TYPE_VALUES!r}")
