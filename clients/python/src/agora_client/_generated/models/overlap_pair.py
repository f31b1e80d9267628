from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.overlap_pair_member import OverlapPairMember


T = TypeVar("T", bound="OverlapPair")


@_attrs_define
class OverlapPair:
    """
    Attributes:
        commitments (list[OverlapPairMember]):
        shared_purposes (list[str]):
    """

    commitments: list[OverlapPairMember]
    shared_purposes: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        shared_purposes = self.shared_purposes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitments": commitments,
                "shared_purposes": shared_purposes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.overlap_pair_member import OverlapPairMember

        d = dict(src_dict)
        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = OverlapPairMember.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        shared_purposes = cast(list[str], d.pop("shared_purposes"))

        overlap_pair = cls(
            commitments=commitments,
            shared_purposes=shared_purposes,
        )

        overlap_pair.additional_properties = d
        return overlap_pair

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
