from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RepresentationFigures")


@_attrs_define
class RepresentationFigures:
    """Aggregate participants of some activities; every figure is null under 5 participants.

    Attributes:
        activities (int):
        audience_inside_russia (int): Summed reported audience inside Russia.
        meets_targets (bool | None): Women within 45–55% and non-Russian ethnic origin at least 15%.
        non_russian_aim_met (bool | None): Non-Russian ethnic origin at least 20%.
        non_russian_minimum_met (bool | None):
        non_russian_share (float | None):
        participants (int | None):
        women_share (float | None):
        women_within_target (bool | None):
    """

    activities: int
    audience_inside_russia: int
    meets_targets: bool | None
    non_russian_aim_met: bool | None
    non_russian_minimum_met: bool | None
    non_russian_share: float | None
    participants: int | None
    women_share: float | None
    women_within_target: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activities = self.activities

        audience_inside_russia = self.audience_inside_russia

        meets_targets: bool | None
        meets_targets = self.meets_targets

        non_russian_aim_met: bool | None
        non_russian_aim_met = self.non_russian_aim_met

        non_russian_minimum_met: bool | None
        non_russian_minimum_met = self.non_russian_minimum_met

        non_russian_share: float | None
        non_russian_share = self.non_russian_share

        participants: int | None
        participants = self.participants

        women_share: float | None
        women_share = self.women_share

        women_within_target: bool | None
        women_within_target = self.women_within_target

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activities": activities,
                "audience_inside_russia": audience_inside_russia,
                "meets_targets": meets_targets,
                "non_russian_aim_met": non_russian_aim_met,
                "non_russian_minimum_met": non_russian_minimum_met,
                "non_russian_share": non_russian_share,
                "participants": participants,
                "women_share": women_share,
                "women_within_target": women_within_target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activities = d.pop("activities")

        audience_inside_russia = d.pop("audience_inside_russia")

        def _parse_meets_targets(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        meets_targets = _parse_meets_targets(d.pop("meets_targets"))

        def _parse_non_russian_aim_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        non_russian_aim_met = _parse_non_russian_aim_met(d.pop("non_russian_aim_met"))

        def _parse_non_russian_minimum_met(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        non_russian_minimum_met = _parse_non_russian_minimum_met(d.pop("non_russian_minimum_met"))

        def _parse_non_russian_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        non_russian_share = _parse_non_russian_share(d.pop("non_russian_share"))

        def _parse_participants(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        participants = _parse_participants(d.pop("participants"))

        def _parse_women_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        women_share = _parse_women_share(d.pop("women_share"))

        def _parse_women_within_target(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        women_within_target = _parse_women_within_target(d.pop("women_within_target"))

        representation_figures = cls(
            activities=activities,
            audience_inside_russia=audience_inside_russia,
            meets_targets=meets_targets,
            non_russian_aim_met=non_russian_aim_met,
            non_russian_minimum_met=non_russian_minimum_met,
            non_russian_share=non_russian_share,
            participants=participants,
            women_share=women_share,
            women_within_target=women_within_target,
        )

        representation_figures.additional_properties = d
        return representation_figures

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
