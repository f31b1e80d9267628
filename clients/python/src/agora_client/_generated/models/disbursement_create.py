from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DisbursementCreate")


@_attrs_define
class DisbursementCreate:
    """
    Attributes:
        amount (str): A decimal string such as "1250.00".
        date (datetime.date):
    """

    amount: str
    date: datetime.date

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        date = self.date.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "date": date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        date = datetime.date.fromisoformat(d.pop("date"))

        disbursement_create = cls(
            amount=amount,
            date=date,
        )

        return disbursement_create
