from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DonorTotals")


@_attrs_define
class DonorTotals:
    """
    Attributes:
        commitments (int):
        committed_eur (str):
        disbursed_eur (str):
        donor (str):
        pledged_eur (str):
    """

    commitments: int
    committed_eur: str
    disbursed_eur: str
    donor: str
    pledged_eur: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commitments = self.commitments

        committed_eur = self.committed_eur

        disbursed_eur = self.disbursed_eur

        donor = self.donor

        pledged_eur = self.pledged_eur

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "commitments": commitments,
                "committed_eur": committed_eur,
                "disbursed_eur": disbursed_eur,
                "donor": donor,
                "pledged_eur": pledged_eur,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commitments = d.pop("commitments")

        committed_eur = d.pop("committed_eur")

        disbursed_eur = d.pop("disbursed_eur")

        donor = d.pop("donor")

        pledged_eur = d.pop("pledged_eur")

        donor_totals = cls(
            commitments=commitments,
            committed_eur=committed_eur,
            disbursed_eur=disbursed_eur,
            donor=donor,
            pledged_eur=pledged_eur,
        )

        donor_totals.additional_properties = d
        return donor_totals

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
