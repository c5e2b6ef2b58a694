from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="GetVideoV3Response")

_check_object = json_check(dict[str, Any], "GetVideoV3Response")
_check_data = json_check(dict[str, Any] | Unset, "GetVideoV3Response.data")


@_attrs_define
class GetVideoV3Response:
    """
    Attributes:
        data (VideoDetail | Unset): Video resource returned by list and detail endpoints. If ``output_language`` is
            present the video is a translated video; otherwise it is a generated video.
    """

    data: VideoDetail | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        _data = _check_data(d.pop("data", UNSET))
        data: VideoDetail | Unset = UNSET if _data is UNSET else VideoDetail.from_dict(_data)

        get_video_v3_response = cls(
            data=data,
        )

        get_video_v3_response.additional_properties = d
        return get_video_v3_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported once and last: they may refer back to this one (mutually
# recursive schemas), and by now its class exists for them to import. The generator imports them inside
# each method instead, which ran an import statement on every call (bench/call_overhead.py).
from ..models.video_detail import VideoDetail  # noqa: E402
