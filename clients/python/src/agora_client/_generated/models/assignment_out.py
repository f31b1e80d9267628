from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AssignmentOut")


@_attrs_define
class AssignmentOut:
    """
    Attributes:
        actor_id (str):
        assessed (bool): Whether the evaluator has submitted its assessment.
        created_at (datetime.datetime):
        cycle_id (str):
        evaluator_id (str):
        id (str):
    """

    actor_id: str
    assessed: bool
    created_at: datetime.datetime
    cycle_id: str
    evaluator_id: str
    id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        assessed = self.assessed

        created_at = self.created_at.isoformat()

        cycle_id = self.cycle_id

        evaluator_id = self.evaluator_id

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "assessed": assessed,
                "created_at": created_at,
                "cycle_id": cycle_id,
                "evaluator_id": evaluator_id,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        assessed = d.pop("assessed")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        cycle_id = d.pop("cycle_id")

        evaluator_id = d.pop("evaluator_id")

        id = d.pop("id")

        assignment_out = cls(
            actor_id=actor_id,
            assessed=assessed,
            created_at=created_at,
            cycle_id=cycle_id,
            evaluator_id=evaluator_id,
            id=id,
        )

        assignment_out.additional_properties = d
        return assignment_out

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
