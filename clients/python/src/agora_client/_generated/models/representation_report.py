from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.actor_representation import ActorRepresentation
    from ..models.donor_representation import DonorRepresentation
    from ..models.evaluation_period import EvaluationPeriod
    from ..models.targets import Targets


T = TypeVar("T", bound="RepresentationReport")


@_attrs_define
class RepresentationReport:
    """The cycle overall (top-level figures), then per donor and per actor.

    Attributes:
        activities (int):
        audience_inside_russia (int): Summed reported audience inside Russia.
        cycle_id (str):
        meets_targets (bool | None): Women within 45–55% and non-Russian ethnic origin at least 15%.
        non_russian_aim_met (bool | None): Non-Russian ethnic origin at least 20%.
        non_russian_minimum_met (bool | None):
        non_russian_share (float | None):
        participants (int | None):
        per_actor (list[ActorRepresentation]):
        per_donor (list[DonorRepresentation]):
        period (EvaluationPeriod):
        targets (Targets):
        women_share (float | None):
        women_within_target (bool | None):
    """

    activities: int
    audience_inside_russia: int
    cycle_id: str
    meets_targets: bool | None
    non_russian_aim_met: bool | None
    non_russian_minimum_met: bool | None
    non_russian_share: float | None
    participants: int | None
    per_actor: list[ActorRepresentation]
    per_donor: list[DonorRepresentation]
    period: EvaluationPeriod
    targets: Targets
    women_share: float | None
    women_within_target: bool | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activities = self.activities

        audience_inside_russia = self.audience_inside_russia

        cycle_id = self.cycle_id

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

        per_actor = []
        for per_actor_item_data in self.per_actor:
            per_actor_item = per_actor_item_data.to_dict()
            per_actor.append(per_actor_item)

        per_donor = []
        for per_donor_item_data in self.per_donor:
            per_donor_item = per_donor_item_data.to_dict()
            per_donor.append(per_donor_item)

        period = self.period.to_dict()

        targets = self.targets.to_dict()

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
                "cycle_id": cycle_id,
                "meets_targets": meets_targets,
                "non_russian_aim_met": non_russian_aim_met,
                "non_russian_minimum_met": non_russian_minimum_met,
                "non_russian_share": non_russian_share,
                "participants": participants,
                "per_actor": per_actor,
                "per_donor": per_donor,
                "period": period,
                "targets": targets,
                "women_share": women_share,
                "women_within_target": women_within_target,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.actor_representation import ActorRepresentation
        from ..models.donor_representation import DonorRepresentation
        from ..models.evaluation_period import EvaluationPeriod
        from ..models.targets import Targets

        d = dict(src_dict)
        activities = d.pop("activities")

        audience_inside_russia = d.pop("audience_inside_russia")

        cycle_id = d.pop("cycle_id")

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

        per_actor = []
        _per_actor = d.pop("per_actor")
        for per_actor_item_data in _per_actor:
            per_actor_item = ActorRepresentation.from_dict(per_actor_item_data)

            per_actor.append(per_actor_item)

        per_donor = []
        _per_donor = d.pop("per_donor")
        for per_donor_item_data in _per_donor:
            per_donor_item = DonorRepresentation.from_dict(per_donor_item_data)

            per_donor.append(per_donor_item)

        period = EvaluationPeriod.from_dict(d.pop("period"))

        targets = Targets.from_dict(d.pop("targets"))

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

        representation_report = cls(
            activities=activities,
            audience_inside_russia=audience_inside_russia,
            cycle_id=cycle_id,
            meets_targets=meets_targets,
            non_russian_aim_met=non_russian_aim_met,
            non_russian_minimum_met=non_russian_minimum_met,
            non_russian_share=non_russian_share,
            participants=participants,
            per_actor=per_actor,
            per_donor=per_donor,
            period=period,
            targets=targets,
            women_share=women_share,
            women_within_target=women_within_target,
        )

        representation_report.additional_properties = d
        return representation_report

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
