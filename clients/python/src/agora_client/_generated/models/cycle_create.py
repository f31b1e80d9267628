from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.evaluation_period import EvaluationPeriod


T = TypeVar("T", bound="CycleCreate")


@_attrs_define
class CycleCreate:
    """
    Attributes:
        name (str):
        period (EvaluationPeriod):
    """

    name: str
    period: EvaluationPeriod

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        period = self.period.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "period": period,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluation_period import EvaluationPeriod

        d = dict(src_dict)
        name = d.pop("name")

        period = EvaluationPeriod.from_dict(d.pop("period"))

        cycle_create = cls(
            name=name,
            period=period,
        )

        return cycle_create
