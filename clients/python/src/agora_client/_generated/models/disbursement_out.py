from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DisbursementOut")


@_attrs_define
class DisbursementOut:
    """
    Attributes:
        amount (str):
        currency (str):
        date (datetime.date):
        id (str):
        recorded_at (datetime.datetime):
    """

    amount: str
    currency: str
    date: datetime.date
    id: str
    recorded_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        currency = self.currency

        date = self.date.isoformat()

        id = self.id

        recorded_at = self.recorded_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "currency": currency,
                "date": date,
                "id": id,
                "recorded_at": recorded_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        currency = d.pop("currency")

        date = datetime.date.fromisoformat(d.pop("date"))

        id = d.pop("id")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        disbursement_out = cls(
            amount=amount,
            currency=currency,
            date=date,
            id=id,
            recorded_at=recorded_at,
        )

        disbursement_out.additional_properties = d
        return disbursement_out

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
