from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.evaluation_period import EvaluationPeriod
    from ..models.scorecard_out import ScorecardOut


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """An actor's scorecard in one cycle.

    Attributes:
        cycle_id (str):
        cycle_name (str):
        period (EvaluationPeriod):
        scorecard (ScorecardOut):
    """

    cycle_id: str
    cycle_name: str
    period: EvaluationPeriod
    scorecard: ScorecardOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cycle_id = self.cycle_id

        cycle_name = self.cycle_name

        period = self.period.to_dict()

        scorecard = self.scorecard.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cycle_id": cycle_id,
                "cycle_name": cycle_name,
                "period": period,
                "scorecard": scorecard,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluation_period import EvaluationPeriod
        from ..models.scorecard_out import ScorecardOut

        d = dict(src_dict)
        cycle_id = d.pop("cycle_id")

        cycle_name = d.pop("cycle_name")

        period = EvaluationPeriod.from_dict(d.pop("period"))

        scorecard = ScorecardOut.from_dict(d.pop("scorecard"))

        history_entry = cls(
            cycle_id=cycle_id,
            cycle_name=cycle_name,
            period=period,
            scorecard=scorecard,
        )

        history_entry.additional_properties = d
        return history_entry

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
