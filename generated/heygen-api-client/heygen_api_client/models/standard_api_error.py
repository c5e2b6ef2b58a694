from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="StandardAPIError")

_check_object = json_check(dict[str, Any], "StandardAPIError")
_check_code = json_check(str, "StandardAPIError.code")
_check_message = json_check(str, "StandardAPIError.message")
_check_param = json_check(None | str | Unset, "StandardAPIError.param")
_check_doc_url = json_check(None | str | Unset, "StandardAPIError.doc_url")


@_attrs_define
class StandardAPIError:
    """
    Attributes:
        code (str): Machine-readable error code Example: invalid_parameter.
        message (str): Human-readable error message Example: Video not found.
        param (None | str | Unset): Which request field caused the error
        doc_url (None | str | Unset): Link to error documentation
    """

    code: str
    message: str
    param: None | str | Unset = UNSET
    doc_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        message = self.message

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        doc_url: None | str | Unset
        if isinstance(self.doc_url, Unset):
            doc_url = UNSET
        else:
            doc_url = self.doc_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if param is not UNSET:
            field_dict["param"] = param
        if doc_url is not UNSET:
            field_dict["doc_url"] = doc_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        code = _check_code(d.pop("code", UNSET))

        message = _check_message(d.pop("message", UNSET))

        param = _check_param(d.pop("param", UNSET))

        doc_url = _check_doc_url(d.pop("doc_url", UNSET))

        standard_api_error = cls(
            code=code,
            message=message,
            param=param,
            doc_url=doc_url,
        )

        standard_api_error.additional_properties = d
        return standard_api_error

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
