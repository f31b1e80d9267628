from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.donor_funding import DonorFunding
    from ..models.representation_figures import RepresentationFigures
    from ..models.scorecard_figures import ScorecardFigures


T = TypeVar("T", bound="PortfolioActor")


@_attrs_define
class PortfolioActor:
    """
    Attributes:
        actor_id (str):
        committed_eur (str): Committed in EUR, over currencies with a rate.
        funding (list[DonorFunding]): Live commitments whose period meets the cycle's, per donor and currency.
        host_country (None | str):
        kind (None | str):
        missing_rates (list[str]): Currencies of its funding without a rate.
        origin_region (None | str):
        representation (RepresentationFigures): Aggregate participants of some activities; every figure is null under 5
            participants.
        scorecard (ScorecardFigures):
        sectors (list[str]):
    """

    actor_id: str
    committed_eur: str
    funding: list[DonorFunding]
    host_country: str | None
    kind: str | None
    missing_rates: list[str]
    origin_region: str | None
    representation: RepresentationFigures
    scorecard: ScorecardFigures
    sectors: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        committed_eur = self.committed_eur

        funding = []
        for funding_item_data in self.funding:
            funding_item = funding_item_data.to_dict()
            funding.append(funding_item)

        host_country: str | None
        host_country = self.host_country

        kind: str | None
        kind = self.kind

        missing_rates = self.missing_rates

        origin_region: str | None
        origin_region = self.origin_region

        representation = self.representation.to_dict()

        scorecard = self.scorecard.to_dict()

        sectors = self.sectors

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "committed_eur": committed_eur,
                "funding": funding,
                "host_country": host_country,
                "kind": kind,
                "missing_rates": missing_rates,
                "origin_region": origin_region,
                "representation": representation,
                "scorecard": scorecard,
                "sectors": sectors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.donor_funding import DonorFunding
        from ..models.representation_figures import RepresentationFigures
        from ..models.scorecard_figures import ScorecardFigures

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        committed_eur = d.pop("committed_eur")

        funding = []
        _funding = d.pop("funding")
        for funding_item_data in _funding:
            funding_item = DonorFunding.from_dict(funding_item_data)

            funding.append(funding_item)

        def _parse_host_country(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        host_country = _parse_host_country(d.pop("host_country"))

        def _parse_kind(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        kind = _parse_kind(d.pop("kind"))

        missing_rates = cast(list[str], d.pop("missing_rates"))

        def _parse_origin_region(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        origin_region = _parse_origin_region(d.pop("origin_region"))

        representation = RepresentationFigures.from_dict(d.pop("representation"))

        scorecard = ScorecardFigures.from_dict(d.pop("scorecard"))

        sectors = cast(list[str], d.pop("sectors"))

        portfolio_actor = cls(
            actor_id=actor_id,
            committed_eur=committed_eur,
            funding=funding,
            host_country=host_country,
            kind=kind,
            missing_rates=missing_rates,
            origin_region=origin_region,
            representation=representation,
            scorecard=scorecard,
            sectors=sectors,
        )

        portfolio_actor.additional_properties = d
        return portfolio_actor

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
