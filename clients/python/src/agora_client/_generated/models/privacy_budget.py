from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PrivacyBudget")


@_attrs_define
class PrivacyBudget:
    """How much privacy the releases may spend, and how often they may come.

    Attributes:
        epsilon (float): Total ε all releases of one period may spend.
        min_changes (int): Least counted changes between two releases.
        min_interval_hours (float): Least time between two releases.
        period_days (float):
        spent (float): ε spent in the period ending with this release.
    """

    epsilon: float
    min_changes: int
    min_interval_hours: float
    period_days: float
    spent: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        epsilon = self.epsilon

        min_changes = self.min_changes

        min_interval_hours = self.min_interval_hours

        period_days = self.period_days

        spent = self.spent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "epsilon": epsilon,
                "min_changes": min_changes,
                "min_interval_hours": min_interval_hours,
                "period_days": period_days,
                "spent": spent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        epsilon = d.pop("epsilon")

        min_changes = d.pop("min_changes")

        min_interval_hours = d.pop("min_interval_hours")

        period_days = d.pop("period_days")

        spent = d.pop("spent")

        privacy_budget = cls(
            epsilon=epsilon,
            min_changes=min_changes,
            min_interval_hours=min_interval_hours,
            period_days=period_days,
            spent=spent,
        )

        privacy_budget.additional_properties = d
        return privacy_budget

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
