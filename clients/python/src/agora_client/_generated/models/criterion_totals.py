from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CriterionTotals")


@_attrs_define
class CriterionTotals:
    """
    Attributes:
        actors_scored (int):
        criterion (str):
        max_median (float | None):
        mean_median (float | None):
        min_median (float | None):
    """

    actors_scored: int
    criterion: str
    max_median: float | None
    mean_median: float | None
    min_median: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors_scored = self.actors_scored

        criterion = self.criterion

        max_median: float | None
        max_median = self.max_median

        mean_median: float | None
        mean_median = self.mean_median

        min_median: float | None
        min_median = self.min_median

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors_scored": actors_scored,
                "criterion": criterion,
                "max_median": max_median,
                "mean_median": mean_median,
                "min_median": min_median,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actors_scored = d.pop("actors_scored")

        criterion = d.pop("criterion")

        def _parse_max_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        max_median = _parse_max_median(d.pop("max_median"))

        def _parse_mean_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_median = _parse_mean_median(d.pop("mean_median"))

        def _parse_min_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        min_median = _parse_min_median(d.pop("min_median"))

        criterion_totals = cls(
            actors_scored=actors_scored,
            criterion=criterion,
            max_median=max_median,
            mean_median=mean_median,
            min_median=min_median,
        )

        criterion_totals.additional_properties = d
        return criterion_totals

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
