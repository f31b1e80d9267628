from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.possible_duplicate import PossibleDuplicate


T = TypeVar("T", bound="DuplicateOut")


@_attrs_define
class DuplicateOut:
    """One of the caller's actors and the other custodians that hold a possible duplicate.

    Attributes:
        actor_id (str): The caller's own actor.
        possible_duplicates (list[PossibleDuplicate]):
        public_name (str):
    """

    actor_id: str
    possible_duplicates: list[PossibleDuplicate]
    public_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        possible_duplicates = []
        for possible_duplicates_item_data in self.possible_duplicates:
            possible_duplicates_item = possible_duplicates_item_data.to_dict()
            possible_duplicates.append(possible_duplicates_item)

        public_name = self.public_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "possible_duplicates": possible_duplicates,
                "public_name": public_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.possible_duplicate import PossibleDuplicate

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        possible_duplicates = []
        _possible_duplicates = d.pop("possible_duplicates")
        for possible_duplicates_item_data in _possible_duplicates:
            possible_duplicates_item = PossibleDuplicate.from_dict(possible_duplicates_item_data)

            possible_duplicates.append(possible_duplicates_item)

        public_name = d.pop("public_name")

        duplicate_out = cls(
            actor_id=actor_id,
            possible_duplicates=possible_duplicates,
            public_name=public_name,
        )

        duplicate_out.additional_properties = d
        return duplicate_out

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
