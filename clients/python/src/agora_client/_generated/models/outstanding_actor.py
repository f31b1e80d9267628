from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OutstandingActor")


@_attrs_define
class OutstandingActor:
    """
    Attributes:
        actor_id (str):
        assessments (int): Assessments so far (fewer than two).
        assigned (int): Evaluators assigned to the actor in this cycle.
    """

    actor_id: str
    assessments: int
    assigned: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        assessments = self.assessments

        assigned = self.assigned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "assessments": assessments,
                "assigned": assigned,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        assessments = d.pop("assessments")

        assigned = d.pop("assigned")

        outstanding_actor = cls(
            actor_id=actor_id,
            assessments=assessments,
            assigned=assigned,
        )

        outstanding_actor.additional_properties = d
        return outstanding_actor

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
