from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="DeleteVideoResult")

_check_object = json_check(dict[str, Any], "DeleteVideoResult")
_check_deleted = json_check(list[str] | Unset, "DeleteVideoResult.Deleted")
_check_failed = json_check(list[str] | Unset, "DeleteVideoResult.Failed")


@_attrs_define
class DeleteVideoResult:
    """

    Attributes:
        deleted (list[str] | Unset): ID(s) of the deleted video(s).
        failed (list[str] | Unset): ID(s) of the video that could not be deleted.
    """

    deleted: list[str] | Unset = UNSET
    failed: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        deleted: list[str] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = self.deleted

        failed: list[str] | Unset = UNSET
        if not isinstance(self.failed, Unset):
            failed = self.failed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if deleted is not UNSET:
            field_dict["Deleted"] = deleted
        if failed is not UNSET:
            field_dict["Failed"] = failed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        deleted = _check_deleted(d.pop("Deleted", UNSET))

        failed = _check_failed(d.pop("Failed", UNSET))

        delete_video_result = cls(
            deleted=deleted,
            failed=failed,
        )

        delete_video_result.additional_properties = d
        return delete_video_result

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
