from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CycleProgress")


@_attrs_define
class CycleProgress:
    """
    Attributes:
        actors_assessed (int): Actors with at least one assessment.
        assessments (int):
        complete_scorecards (int): Actors with at least two assessments.
    """

    actors_assessed: int
    assessments: int
    complete_scorecards: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors_assessed = self.actors_assessed

        assessments = self.assessments

        complete_scorecards = self.complete_scorecards

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors_assessed": actors_assessed,
                "assessments": assessments,
                "complete_scorecards": complete_scorecards,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actors_assessed = d.pop("actors_assessed")

        assessments = d.pop("assessments")

        complete_scorecards = d.pop("complete_scorecards")

        cycle_progress = cls(
            actors_assessed=actors_assessed,
            assessments=assessments,
            complete_scorecards=complete_scorecards,
        )

        cycle_progress.additional_properties = d
        return cycle_progress

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
