from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, json_check

T = TypeVar("T", bound="DeletedVideo")

_check_object = json_check(dict[str, Any], "DeletedVideo")
_check_id = json_check(str, "DeletedVideo.id")
_check_deleted = json_check(bool | Unset, "DeletedVideo.deleted")


@_attrs_define
class DeletedVideo:
    """
    Attributes:
        id (str): ID of the deleted video
        deleted (bool | Unset): Always true on success Default: True.
    """

    id: str
    deleted: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        deleted = self.deleted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if deleted is not UNSET:
            field_dict["deleted"] = deleted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(_check_object(src_dict))
        id = _check_id(d.pop("id", UNSET))

        deleted = _check_deleted(d.pop("deleted", UNSET))

        deleted_video = cls(
            id=id,
            deleted=deleted,
        )

        deleted_video.additional_properties = d
        return deleted_video

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
