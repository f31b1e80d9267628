from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FxRateIn")


@_attrs_define
class FxRateIn:
    """
    Attributes:
        as_of (datetime.date):
        eur_per_unit (str): A decimal string such as "1250.00".
    """

    as_of: datetime.date
    eur_per_unit: str

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        eur_per_unit = self.eur_per_unit

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "as_of": as_of,
                "eur_per_unit": eur_per_unit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        eur_per_unit = d.pop("eur_per_unit")

        fx_rate_in = cls(
            as_of=as_of,
            eur_per_unit=eur_per_unit,
        )

        return fx_rate_in
