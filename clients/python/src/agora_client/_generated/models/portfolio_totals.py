from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.criterion_totals import CriterionTotals
    from ..models.currency_total import CurrencyTotal
    from ..models.evaluation_donor_totals import EvaluationDonorTotals
    from ..models.region_money import RegionMoney
    from ..models.representation_figures import RepresentationFigures
    from ..models.sector_money import SectorMoney
    from ..models.sector_totals import SectorTotals


T = TypeVar("T", bound="PortfolioTotals")


@_attrs_define
class PortfolioTotals:
    """Figures of the whole cycle (every page).

    Attributes:
        actors (int):
        by_region (list[RegionMoney]):
        by_sector (list[SectorMoney]):
        committed_eur (str):
        complete_scorecards (int):
        funding (list[CurrencyTotal]):
        missing_rates (list[str]): Currencies without a rate: not in EUR figures.
        per_criterion (list[CriterionTotals]):
        per_donor (list[EvaluationDonorTotals]):
        per_sector (list[SectorTotals]):
        representation (RepresentationFigures): Aggregate participants of some activities; every figure is null under 5
            participants.
    """

    actors: int
    by_region: list[RegionMoney]
    by_sector: list[SectorMoney]
    committed_eur: str
    complete_scorecards: int
    funding: list[CurrencyTotal]
    missing_rates: list[str]
    per_criterion: list[CriterionTotals]
    per_donor: list[EvaluationDonorTotals]
    per_sector: list[SectorTotals]
    representation: RepresentationFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = self.actors

        by_region = []
        for by_region_item_data in self.by_region:
            by_region_item = by_region_item_data.to_dict()
            by_region.append(by_region_item)

        by_sector = []
        for by_sector_item_data in self.by_sector:
            by_sector_item = by_sector_item_data.to_dict()
            by_sector.append(by_sector_item)

        committed_eur = self.committed_eur

        complete_scorecards = self.complete_scorecards

        funding = []
        for funding_item_data in self.funding:
            funding_item = funding_item_data.to_dict()
            funding.append(funding_item)

        missing_rates = self.missing_rates

        per_criterion = []
        for per_criterion_item_data in self.per_criterion:
            per_criterion_item = per_criterion_item_data.to_dict()
            per_criterion.append(per_criterion_item)

        per_donor = []
        for per_donor_item_data in self.per_donor:
            per_donor_item = per_donor_item_data.to_dict()
            per_donor.append(per_donor_item)

        per_sector = []
        for per_sector_item_data in self.per_sector:
            per_sector_item = per_sector_item_data.to_dict()
            per_sector.append(per_sector_item)

        representation = self.representation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "by_region": by_region,
                "by_sector": by_sector,
                "committed_eur": committed_eur,
                "complete_scorecards": complete_scorecards,
                "funding": funding,
                "missing_rates": missing_rates,
                "per_criterion": per_criterion,
                "per_donor": per_donor,
                "per_sector": per_sector,
                "representation": representation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criterion_totals import CriterionTotals
        from ..models.currency_total import CurrencyTotal
        from ..models.evaluation_donor_totals import EvaluationDonorTotals
        from ..models.region_money import RegionMoney
        from ..models.representation_figures import RepresentationFigures
        from ..models.sector_money import SectorMoney
        from ..models.sector_totals import SectorTotals

        d = dict(src_dict)
        actors = d.pop("actors")

        by_region = []
        _by_region = d.pop("by_region")
        for by_region_item_data in _by_region:
            by_region_item = RegionMoney.from_dict(by_region_item_data)

            by_region.append(by_region_item)

        by_sector = []
        _by_sector = d.pop("by_sector")
        for by_sector_item_data in _by_sector:
            by_sector_item = SectorMoney.from_dict(by_sector_item_data)

            by_sector.append(by_sector_item)

        committed_eur = d.pop("committed_eur")

        complete_scorecards = d.pop("complete_scorecards")

        funding = []
        _funding = d.pop("funding")
        for funding_item_data in _funding:
            funding_item = CurrencyTotal.from_dict(funding_item_data)

            funding.append(funding_item)

        missing_rates = cast(list[str], d.pop("missing_rates"))

        per_criterion = []
        _per_criterion = d.pop("per_criterion")
        for per_criterion_item_data in _per_criterion:
            per_criterion_item = CriterionTotals.from_dict(per_criterion_item_data)

            per_criterion.append(per_criterion_item)

        per_donor = []
        _per_donor = d.pop("per_donor")
        for per_donor_item_data in _per_donor:
            per_donor_item = EvaluationDonorTotals.from_dict(per_donor_item_data)

            per_donor.append(per_donor_item)

        per_sector = []
        _per_sector = d.pop("per_sector")
        for per_sector_item_data in _per_sector:
            per_sector_item = SectorTotals.from_dict(per_sector_item_data)

            per_sector.append(per_sector_item)

        representation = RepresentationFigures.from_dict(d.pop("representation"))

        portfolio_totals = cls(
            actors=actors,
            by_region=by_region,
            by_sector=by_sector,
            committed_eur=committed_eur,
            complete_scorecards=complete_scorecards,
            funding=funding,
            missing_rates=missing_rates,
            per_criterion=per_criterion,
            per_donor=per_donor,
            per_sector=per_sector,
            representation=representation,
        )

        portfolio_totals.additional_properties = d
        return portfolio_totals

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
