from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.concentration_report_by_donor import ConcentrationReportByDonor
    from ..models.concentration_report_by_horizon import ConcentrationReportByHorizon
    from ..models.concentration_report_by_instrument import ConcentrationReportByInstrument
    from ..models.concentration_report_by_origin_region import ConcentrationReportByOriginRegion
    from ..models.donors_per_actor import DonorsPerActor
    from ..models.leadership_shares import LeadershipShares
    from ..models.thin_grants import ThinGrants


T = TypeVar("T", bound="ConcentrationReport")


@_attrs_define
class ConcentrationReport:
    """Every figure covers the commitments that are not confidential; confidential ones are
    only counted, in ``confidential_commitments``.

        Attributes:
            actors_funded (int):
            as_of (datetime.date):
            by_donor (ConcentrationReportByDonor): Per donor, its binding commitments that are not confidential (a donor's
                confidential ones are in no donor's figure here, only in the totals above).
            by_horizon (ConcentrationReportByHorizon):
            by_instrument (ConcentrationReportByInstrument):
            by_origin_region (ConcentrationReportByOriginRegion): EUR to actors by origin region, `unknown` when not
                recorded (cells of fewer than 5 actors suppressed: null).
            commitments (int):
            confidential_commitments (int): Confidential commitments binding on the report date. They enter no other figure:
                no amount, actor, donor, instrument or horizon of theirs is reported.
            donors (int):
            donors_per_actor (DonorsPerActor):
            hhi (float): Herfindahl–Hirschman index of EUR per actor, 0–10,000.
            leadership (LeadershipShares):
            new_actor_share (float): Share of EUR going to actors founded or relocated since 2022-02-24.
            thin_grants (ThinGrants):
            top10_share (float): Share of EUR going to the 10 best-funded actors.
            total_committed_eur (str): Decimal string, EUR.
    """

    actors_funded: int
    as_of: datetime.date
    by_donor: ConcentrationReportByDonor
    by_horizon: ConcentrationReportByHorizon
    by_instrument: ConcentrationReportByInstrument
    by_origin_region: ConcentrationReportByOriginRegion
    commitments: int
    confidential_commitments: int
    donors: int
    donors_per_actor: DonorsPerActor
    hhi: float
    leadership: LeadershipShares
    new_actor_share: float
    thin_grants: ThinGrants
    top10_share: float
    total_committed_eur: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors_funded = self.actors_funded

        as_of = self.as_of.isoformat()

        by_donor = self.by_donor.to_dict()

        by_horizon = self.by_horizon.to_dict()

        by_instrument = self.by_instrument.to_dict()

        by_origin_region = self.by_origin_region.to_dict()

        commitments = self.commitments

        confidential_commitments = self.confidential_commitments

        donors = self.donors

        donors_per_actor = self.donors_per_actor.to_dict()

        hhi = self.hhi

        leadership = self.leadership.to_dict()

        new_actor_share = self.new_actor_share

        thin_grants = self.thin_grants.to_dict()

        top10_share = self.top10_share

        total_committed_eur = self.total_committed_eur

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors_funded": actors_funded,
                "as_of": as_of,
                "by_donor": by_donor,
                "by_horizon": by_horizon,
                "by_instrument": by_instrument,
                "by_origin_region": by_origin_region,
                "commitments": commitments,
                "confidential_commitments": confidential_commitments,
                "donors": donors,
                "donors_per_actor": donors_per_actor,
                "hhi": hhi,
                "leadership": leadership,
                "new_actor_share": new_actor_share,
                "thin_grants": thin_grants,
                "top10_share": top10_share,
                "total_committed_eur": total_committed_eur,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.concentration_report_by_donor import ConcentrationReportByDonor
        from ..models.concentration_report_by_horizon import ConcentrationReportByHorizon
        from ..models.concentration_report_by_instrument import ConcentrationReportByInstrument
        from ..models.concentration_report_by_origin_region import ConcentrationReportByOriginRegion
        from ..models.donors_per_actor import DonorsPerActor
        from ..models.leadership_shares import LeadershipShares
        from ..models.thin_grants import ThinGrants

        d = dict(src_dict)
        actors_funded = d.pop("actors_funded")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        by_donor = ConcentrationReportByDonor.from_dict(d.pop("by_donor"))

        by_horizon = ConcentrationReportByHorizon.from_dict(d.pop("by_horizon"))

        by_instrument = ConcentrationReportByInstrument.from_dict(d.pop("by_instrument"))

        by_origin_region = ConcentrationReportByOriginRegion.from_dict(d.pop("by_origin_region"))

        commitments = d.pop("commitments")

        confidential_commitments = d.pop("confidential_commitments")

        donors = d.pop("donors")

        donors_per_actor = DonorsPerActor.from_dict(d.pop("donors_per_actor"))

        hhi = d.pop("hhi")

        leadership = LeadershipShares.from_dict(d.pop("leadership"))

        new_actor_share = d.pop("new_actor_share")

        thin_grants = ThinGrants.from_dict(d.pop("thin_grants"))

        top10_share = d.pop("top10_share")

        total_committed_eur = d.pop("total_committed_eur")

        concentration_report = cls(
            actors_funded=actors_funded,
            as_of=as_of,
            by_donor=by_donor,
            by_horizon=by_horizon,
            by_instrument=by_instrument,
            by_origin_region=by_origin_region,
            commitments=commitments,
            confidential_commitments=confidential_commitments,
            donors=donors,
            donors_per_actor=donors_per_actor,
            hhi=hhi,
            leadership=leadership,
            new_actor_share=new_actor_share,
            thin_grants=thin_grants,
            top10_share=top10_share,
            total_committed_eur=total_committed_eur,
        )

        concentration_report.additional_properties = d
        return concentration_report

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
