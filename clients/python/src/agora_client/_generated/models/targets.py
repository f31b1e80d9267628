from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.non_russian_target import NonRussianTarget
    from ..models.women_target import WomenTarget


T = TypeVar("T", bound="Targets")


@_attrs_define
class Targets:
    """
    Attributes:
        non_russian_share (NonRussianTarget):
        suppressed_below_participants (int):
        women_share (WomenTarget):
    """

    non_russian_share: NonRussianTarget
    suppressed_below_participants: int
    women_share: WomenTarget
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        non_russian_share = self.non_russian_share.to_dict()

        suppressed_below_participants = self.suppressed_below_participants

        women_share = self.women_share.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "non_russian_share": non_russian_share,
                "suppressed_below_participants": suppressed_below_participants,
                "women_share": women_share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.non_russian_target import NonRussianTarget
        from ..models.women_target import WomenTarget

        d = dict(src_dict)
        non_russian_share = NonRussianTarget.from_dict(d.pop("non_russian_share"))

        suppressed_below_participants = d.pop("suppressed_below_participants")

        women_share = WomenTarget.from_dict(d.pop("women_share"))

        targets = cls(
            non_russian_share=non_russian_share,
            suppressed_below_participants=suppressed_below_participants,
            women_share=women_share,
        )

        targets.additional_properties = d
        return targets

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
