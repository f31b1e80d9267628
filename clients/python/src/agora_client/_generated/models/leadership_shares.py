from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.share_cell import ShareCell


T = TypeVar("T", bound="LeadershipShares")


@_attrs_define
class LeadershipShares:
    """
    Attributes:
        minority_led (ShareCell): EUR going to a group of actors; every field null when fewer than 5 actors are in it.
        regional (ShareCell): EUR going to a group of actors; every field null when fewer than 5 actors are in it.
        unknown (ShareCell): EUR going to a group of actors; every field null when fewer than 5 actors are in it.
        women_led (ShareCell): EUR going to a group of actors; every field null when fewer than 5 actors are in it.
    """

    minority_led: ShareCell
    regional: ShareCell
    unknown: ShareCell
    women_led: ShareCell
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        minority_led = self.minority_led.to_dict()

        regional = self.regional.to_dict()

        unknown = self.unknown.to_dict()

        women_led = self.women_led.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "minority_led": minority_led,
                "regional": regional,
                "unknown": unknown,
                "women_led": women_led,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.share_cell import ShareCell

        d = dict(src_dict)
        minority_led = ShareCell.from_dict(d.pop("minority_led"))

        regional = ShareCell.from_dict(d.pop("regional"))

        unknown = ShareCell.from_dict(d.pop("unknown"))

        women_led = ShareCell.from_dict(d.pop("women_led"))

        leadership_shares = cls(
            minority_led=minority_led,
            regional=regional,
            unknown=unknown,
            women_led=women_led,
        )

        leadership_shares.additional_properties = d
        return leadership_shares

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
