from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="ErrorResponse")

_check_object = json_check(dict[str, Any], "ErrorResponse")
_check_code = json_check(int | str | Unset, "ErrorResponse.code")
_check_message = json_check(str | Unset, "ErrorResponse.message")
_check_doc_url = json_check(str | Unset, "ErrorResponse.doc_url")
_check_param = json_check(str | Unset, "ErrorResponse.param")


@_attrs_define
class ErrorResponse:
    """
    Attributes:
        code (int | str | Unset): HeyGen's error code, a number in the legacy format (400569 when the video does not
            exist), a name in the documented one.
        message (str | Unset): Human-readable explanation of the error.
        doc_url (str | Unset): Where HeyGen documents this error.
        param (str | Unset): The request parameter a validation error is about.
    """

    code: int | str | Unset = UNSET
    message: str | Unset = UNSET
    doc_url: str | Unset = UNSET
    param: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        message = self.message

        doc_url = self.doc_url

        param = self.param

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message
        if doc_url is not UNSET:
            field_dict["doc_url"] = doc_url
        if param is not UNSET:
            field_dict["param"] = param

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        code = _check_code(d.pop("code", UNSET))

        message = _check_message(d.pop("message", UNSET))

        doc_url = _check_doc_url(d.pop("doc_url", UNSET))

        param = _check_param(d.pop("param", UNSET))

        error_response = cls(
            code=code,
            message=message,
            doc_url=doc_url,
            param=param,
        )

        error_response.additional_properties = d
        return error_response

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
