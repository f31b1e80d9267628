from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FxRateOut")


@_attrs_define
class FxRateOut:
    """
    Attributes:
        as_of (datetime.date):
        currency (str):
        eur_per_unit (str):
        set_at (datetime.datetime):
    """

    as_of: datetime.date
    currency: str
    eur_per_unit: str
    set_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        currency = self.currency

        eur_per_unit = self.eur_per_unit

        set_at = self.set_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "currency": currency,
                "eur_per_unit": eur_per_unit,
                "set_at": set_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        currency = d.pop("currency")

        eur_per_unit = d.pop("eur_per_unit")

        set_at = datetime.datetime.fromisoformat(d.pop("set_at"))

        fx_rate_out = cls(
            as_of=as_of,
            currency=currency,
            eur_per_unit=eur_per_unit,
            set_at=set_at,
        )

        fx_rate_out.additional_properties = d
        return fx_rate_out

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
