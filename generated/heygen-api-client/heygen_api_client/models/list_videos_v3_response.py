from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="ListVideosV3Response")

_check_object = json_check(dict[str, Any], "ListVideosV3Response")
_check_data = json_check(list[dict[str, Any]] | Unset, "ListVideosV3Response.data")
_check_has_more = json_check(bool | Unset, "ListVideosV3Response.has_more")
_check_next_token = json_check(None | str | Unset, "ListVideosV3Response.next_token")


@_attrs_define
class ListVideosV3Response:
    """
    Attributes:
        data (list[VideoDetail] | Unset):
        has_more (bool | Unset): Whether more videos follow this page
        next_token (None | str | Unset): Cursor for the next page (pass it as token); null on the last page
    """

    data: list[VideoDetail] | Unset = UNSET
    has_more: bool | Unset = UNSET
    next_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

        has_more = self.has_more

        next_token: None | str | Unset
        if isinstance(self.next_token, Unset):
            next_token = UNSET
        else:
            next_token = self.next_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if has_more is not UNSET:
            field_dict["has_more"] = has_more
        if next_token is not UNSET:
            field_dict["next_token"] = next_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        _data = _check_data(d.pop("data", UNSET))
        data: list[VideoDetail] | Unset = UNSET if _data is UNSET else [VideoDetail.from_dict(item) for item in _data]

        has_more = _check_has_more(d.pop("has_more", UNSET))

        next_token = _check_next_token(d.pop("next_token", UNSET))

        list_videos_v3_response = cls(
            data=data,
            has_more=has_more,
            next_token=next_token,
        )

        list_videos_v3_response.additional_properties = d
        return list_videos_v3_response

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
