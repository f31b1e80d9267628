from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DonorShare")


@_attrs_define
class DonorShare:
    """
    Attributes:
        actors_funded (int):
        commitments (int):
        committed_eur (str): Decimal string, EUR.
        share (float): Of total_committed_eur.
    """

    actors_funded: int
    commitments: int
    committed_eur: str
    share: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors_funded = self.actors_funded

        commitments = self.commitments

        committed_eur = self.committed_eur

        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors_funded": actors_funded,
                "commitments": commitments,
                "committed_eur": committed_eur,
                "share": share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actors_funded = d.pop("actors_funded")

        commitments = d.pop("commitments")

        committed_eur = d.pop("committed_eur")

        share = d.pop("share")

        donor_share = cls(
            actors_funded=actors_funded,
            commitments=commitments,
            committed_eur=committed_eur,
            share=share,
        )

        donor_share.additional_properties = d
        return donor_share

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
