from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="DeleteVideoResponse")

_check_object = json_check(dict[str, Any], "DeleteVideoResponse")
_check_code = json_check(int | Unset, "DeleteVideoResponse.code")
_check_data = json_check(dict[str, Any] | Unset, "DeleteVideoResponse.data")
_check_msg = json_check(None | str | Unset, "DeleteVideoResponse.msg")
_check_message = json_check(str | Unset, "DeleteVideoResponse.message")


@_attrs_define
class DeleteVideoResponse:
    """
    Attributes:
        code (int | Unset): Status code indicating the result of the API request. A 100 indicates a successful response.
            Other codes might indicate different types of errors. Refer to the error responses for more details. Default: 0.
            Example: 100.
        data (DeleteVideoResult | Unset): Contains details of the delete operation.
        msg (None | str | Unset): Legacy field for messages. This field is deprecated.
        message (str | Unset): New field for messages. Contains human-readable messages explaining the status of the
            request. In case of errors, it returns an explanation.
    """

    code: int | Unset = 0
    data: DeleteVideoResult | Unset = UNSET
    msg: None | str | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        msg: None | str | Unset
        if isinstance(self.msg, Unset):
            msg = UNSET
        else:
            msg = self.msg

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if data is not UNSET:
            field_dict["data"] = data
        if msg is not UNSET:
            field_dict["msg"] = msg
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        code = _check_code(d.pop("code", UNSET))

        _data = _check_data(d.pop("data", UNSET))
        data: DeleteVideoResult | Unset = UNSET if _data is UNSET else DeleteVideoResult.from_dict(_data)

        msg = _check_msg(d.pop("msg", UNSET))

        message = _check_message(d.pop("message", UNSET))

        delete_video_response = cls(
            code=code,
            data=data,
            msg=msg,
            message=message,
        )

        delete_video_response.additional_properties = d
        return delete_video_response

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
from ..models.delete_video_result import DeleteVideoResult  # noqa: E402
