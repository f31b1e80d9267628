from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.currency_total import CurrencyTotal


T = TypeVar("T", bound="SectorMoney")


@_attrs_define
class SectorMoney:
    """
    Attributes:
        actors (int):
        committed_eur (str): Over currencies with a rate (see `missing_rates`).
        funding (list[CurrencyTotal]):
        missing_rates (list[str]):
        sector (str):
    """

    actors: int
    committed_eur: str
    funding: list[CurrencyTotal]
    missing_rates: list[str]
    sector: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = self.actors

        committed_eur = self.committed_eur

        funding = []
        for funding_item_data in self.funding:
            funding_item = funding_item_data.to_dict()
            funding.append(funding_item)

        missing_rates = self.missing_rates

        sector = self.sector

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "committed_eur": committed_eur,
                "funding": funding,
                "missing_rates": missing_rates,
                "sector": sector,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.currency_total import CurrencyTotal

        d = dict(src_dict)
        actors = d.pop("actors")

        committed_eur = d.pop("committed_eur")

        funding = []
        _funding = d.pop("funding")
        for funding_item_data in _funding:
            funding_item = CurrencyTotal.from_dict(funding_item_data)

            funding.append(funding_item)

        missing_rates = cast(list[str], d.pop("missing_rates"))

        sector = d.pop("sector")

        sector_money = cls(
            actors=actors,
            committed_eur=committed_eur,
            funding=funding,
            missing_rates=missing_rates,
            sector=sector,
        )

        sector_money.additional_properties = d
        return sector_money

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
