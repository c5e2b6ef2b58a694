from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="GetVideoV3Response429")

_check_object = json_check(dict[str, Any], "GetVideoV3Response429")
_check_error = json_check(dict[str, Any] | Unset, "GetVideoV3Response429.error")


@_attrs_define
class GetVideoV3Response429:
    """
    Attributes:
        error (StandardAPIError | Unset):
    """

    error: StandardAPIError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        _error = _check_error(d.pop("error", UNSET))
        error: StandardAPIError | Unset = UNSET if _error is UNSET else StandardAPIError.from_dict(_error)

        get_video_v3_response_429 = cls(
            error=error,
        )

        get_video_v3_response_429.additional_properties = d
        return get_video_v3_response_429

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
from ..models.standard_api_error import StandardAPIError  # noqa: E402
