from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ThinGrants")


@_attrs_define
class ThinGrants:
    """
    Attributes:
        count (int): Monetary commitments worth less than the threshold.
        share (float): Their share of all monetary commitments (by count).
        threshold_eur (str): AGORA_FUNDING_THIN_GRANT_EUR
    """

    count: int
    share: float
    threshold_eur: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        share = self.share

        threshold_eur = self.threshold_eur

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "share": share,
                "threshold_eur": threshold_eur,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count")

        share = d.pop("share")

        threshold_eur = d.pop("threshold_eur")

        thin_grants = cls(
            count=count,
            share=share,
            threshold_eur=threshold_eur,
        )

        thin_grants.additional_properties = d
        return thin_grants

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
