from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.thin_grants import ThinGrants


T = TypeVar("T", bound="Concentration")


@_attrs_define
class Concentration:
    """Concentration of one set of commitments binding on the report date.

    Attributes:
        actors_funded (int):
        commitments (int):
        donors (int):
        hhi (float): Herfindahl–Hirschman index of EUR per actor, 0–10,000.
        new_actor_share (float): Share of EUR going to actors founded or relocated since 2022-02-24.
        thin_grants (ThinGrants):
        top10_share (float): Share of EUR going to the 10 best-funded actors.
        total_committed_eur (str): Decimal string, EUR.
    """

    actors_funded: int
    commitments: int
    donors: int
    hhi: float
    new_actor_share: float
    thin_grants: ThinGrants
    top10_share: float
    total_committed_eur: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors_funded = self.actors_funded

        commitments = self.commitments

        donors = self.donors

        hhi = self.hhi

        new_actor_share = self.new_actor_share

        thin_grants = self.thin_grants.to_dict()

        top10_share = self.top10_share

        total_committed_eur = self.total_committed_eur

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors_funded": actors_funded,
                "commitments": commitments,
                "donors": donors,
                "hhi": hhi,
                "new_actor_share": new_actor_share,
                "thin_grants": thin_grants,
                "top10_share": top10_share,
                "total_committed_eur": total_committed_eur,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.thin_grants import ThinGrants

        d = dict(src_dict)
        actors_funded = d.pop("actors_funded")

        commitments = d.pop("commitments")

        donors = d.pop("donors")

        hhi = d.pop("hhi")

        new_actor_share = d.pop("new_actor_share")

        thin_grants = ThinGrants.from_dict(d.pop("thin_grants"))

        top10_share = d.pop("top10_share")

        total_committed_eur = d.pop("total_committed_eur")

        concentration = cls(
            actors_funded=actors_funded,
            commitments=commitments,
            donors=donors,
            hhi=hhi,
            new_actor_share=new_actor_share,
            thin_grants=thin_grants,
            top10_share=top10_share,
            total_committed_eur=total_committed_eur,
        )

        concentration.additional_properties = d
        return concentration

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
