from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.currency_total import CurrencyTotal
    from ..models.representation_figures import RepresentationFigures
    from ..models.sector_totals_mean_median import SectorTotalsMeanMedian


T = TypeVar("T", bound="SectorTotals")


@_attrs_define
class SectorTotals:
    """
    Attributes:
        actors (int):
        funding (list[CurrencyTotal]):
        mean_median (SectorTotalsMeanMedian): Per criterion, the mean of the sector's actors' medians.
        representation (RepresentationFigures): Aggregate participants of some activities; every figure is null under 5
            participants.
        sector (str):
    """

    actors: int
    funding: list[CurrencyTotal]
    mean_median: SectorTotalsMeanMedian
    representation: RepresentationFigures
    sector: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = self.actors

        funding = []
        for funding_item_data in self.funding:
            funding_item = funding_item_data.to_dict()
            funding.append(funding_item)

        mean_median = self.mean_median.to_dict()

        representation = self.representation.to_dict()

        sector = self.sector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "funding": funding,
                "mean_median": mean_median,
                "representation": representation,
                "sector": sector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.currency_total import CurrencyTotal
        from ..models.representation_figures import RepresentationFigures
        from ..models.sector_totals_mean_median import SectorTotalsMeanMedian

        d = dict(src_dict)
        actors = d.pop("actors")

        funding = []
        _funding = d.pop("funding")
        for funding_item_data in _funding:
            funding_item = CurrencyTotal.from_dict(funding_item_data)

            funding.append(funding_item)

        mean_median = SectorTotalsMeanMedian.from_dict(d.pop("mean_median"))

        representation = RepresentationFigures.from_dict(d.pop("representation"))

        sector = d.pop("sector")

        sector_totals = cls(
            actors=actors,
            funding=funding,
            mean_median=mean_median,
            representation=representation,
            sector=sector,
        )

        sector_totals.additional_properties = d
        return sector_totals

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
