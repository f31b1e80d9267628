from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PossibleDuplicate")


@_attrs_define
class PossibleDuplicate:
    """Another custodian holds an actor with the same identity (by ``matched_on``).

    Attributes:
        custodian_state (str): The state that holds the other actor.
        matched_on (list[str]): What matched: `legal_name`, `email`, `phone`.
    """

    custodian_state: str
    matched_on: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        custodian_state = self.custodian_state

        matched_on = self.matched_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "custodian_state": custodian_state,
                "matched_on": matched_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        custodian_state = d.pop("custodian_state")

        matched_on = cast(list[str], d.pop("matched_on"))

        possible_duplicate = cls(
            custodian_state=custodian_state,
            matched_on=matched_on,
        )

        possible_duplicate.additional_properties = d
        return possible_duplicate

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
