from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.commitment_out import CommitmentOut
    from ..models.donor_totals import DonorTotals
    from ..models.overlap_pair import OverlapPair


T = TypeVar("T", bound="ActorSummary")


@_attrs_define
class ActorSummary:
    """
    Attributes:
        actor_id (str):
        as_of (datetime.date):
        by_donor (list[DonorTotals]):
        commitments (list[CommitmentOut]):
        committed_eur (str): Committed, disbursed and completed; EUR.
        disbursed_eur (str):
        overlaps (list[OverlapPair]):
        pledged_eur (str):
    """

    actor_id: str
    as_of: datetime.date
    by_donor: list[DonorTotals]
    commitments: list[CommitmentOut]
    committed_eur: str
    disbursed_eur: str
    overlaps: list[OverlapPair]
    pledged_eur: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        as_of = self.as_of.isoformat()

        by_donor = []
        for by_donor_item_data in self.by_donor:
            by_donor_item = by_donor_item_data.to_dict()
            by_donor.append(by_donor_item)

        commitments = []
        for commitments_item_data in self.commitments:
            commitments_item = commitments_item_data.to_dict()
            commitments.append(commitments_item)

        committed_eur = self.committed_eur

        disbursed_eur = self.disbursed_eur

        overlaps = []
        for overlaps_item_data in self.overlaps:
            overlaps_item = overlaps_item_data.to_dict()
            overlaps.append(overlaps_item)

        pledged_eur = self.pledged_eur

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "as_of": as_of,
                "by_donor": by_donor,
                "commitments": commitments,
                "committed_eur": committed_eur,
                "disbursed_eur": disbursed_eur,
                "overlaps": overlaps,
                "pledged_eur": pledged_eur,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.commitment_out import CommitmentOut
        from ..models.donor_totals import DonorTotals
        from ..models.overlap_pair import OverlapPair

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        by_donor = []
        _by_donor = d.pop("by_donor")
        for by_donor_item_data in _by_donor:
            by_donor_item = DonorTotals.from_dict(by_donor_item_data)

            by_donor.append(by_donor_item)

        commitments = []
        _commitments = d.pop("commitments")
        for commitments_item_data in _commitments:
            commitments_item = CommitmentOut.from_dict(commitments_item_data)

            commitments.append(commitments_item)

        committed_eur = d.pop("committed_eur")

        disbursed_eur = d.pop("disbursed_eur")

        overlaps = []
        _overlaps = d.pop("overlaps")
        for overlaps_item_data in _overlaps:
            overlaps_item = OverlapPair.from_dict(overlaps_item_data)

            overlaps.append(overlaps_item)

        pledged_eur = d.pop("pledged_eur")

        actor_summary = cls(
            actor_id=actor_id,
            as_of=as_of,
            by_donor=by_donor,
            commitments=commitments,
            committed_eur=committed_eur,
            disbursed_eur=disbursed_eur,
            overlaps=overlaps,
            pledged_eur=pledged_eur,
        )

        actor_summary.additional_properties = d
        return actor_summary

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
