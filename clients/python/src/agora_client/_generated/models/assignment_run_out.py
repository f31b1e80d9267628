from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AssignmentRunOut")


@_attrs_define
class AssignmentRunOut:
    """
    Attributes:
        actors (int): Live actors funded in the cycle period.
        actors_assigned (int): Of those, actors with at least two assignments.
        actors_short (int): Actors with fewer than two eligible evaluators.
        assignments (int): Assignments of those actors after this run.
        created (int): Assignments this run made (0 when nothing changed).
        cycle_id (str):
        short_actor_ids (list[str]):
        withdrawn (int): Assignments no longer eligible and not yet assessed, withdrawn by this run.
    """

    actors: int
    actors_assigned: int
    actors_short: int
    assignments: int
    created: int
    cycle_id: str
    short_actor_ids: list[str]
    withdrawn: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = self.actors

        actors_assigned = self.actors_assigned

        actors_short = self.actors_short

        assignments = self.assignments

        created = self.created

        cycle_id = self.cycle_id

        short_actor_ids = self.short_actor_ids

        withdrawn = self.withdrawn

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "actors_assigned": actors_assigned,
                "actors_short": actors_short,
                "assignments": assignments,
                "created": created,
                "cycle_id": cycle_id,
                "short_actor_ids": short_actor_ids,
                "withdrawn": withdrawn,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actors = d.pop("actors")

        actors_assigned = d.pop("actors_assigned")

        actors_short = d.pop("actors_short")

        assignments = d.pop("assignments")

        created = d.pop("created")

        cycle_id = d.pop("cycle_id")

        short_actor_ids = cast(list[str], d.pop("short_actor_ids"))

        withdrawn = d.pop("withdrawn")

        assignment_run_out = cls(
            actors=actors,
            actors_assigned=actors_assigned,
            actors_short=actors_short,
            assignments=assignments,
            created=created,
            cycle_id=cycle_id,
            short_actor_ids=short_actor_ids,
            withdrawn=withdrawn,
        )

        assignment_run_out.additional_properties = d
        return assignment_run_out

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
