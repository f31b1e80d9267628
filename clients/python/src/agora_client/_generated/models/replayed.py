from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.replayed_outcome import ReplayedOutcome, check_replayed_outcome

T = TypeVar("T", bound="Replayed")


@_attrs_define
class Replayed:
    """The result of a replay: ``applied`` now, or ``already_applied`` before (nothing done).

    Attributes:
        event_id (str):
        id (int):
        outcome (ReplayedOutcome): `applied` now, or `already_applied` before (nothing done).
    """

    event_id: str
    id: int
    outcome: ReplayedOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        id = self.id

        outcome: str = self.outcome

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "id": id,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        id = d.pop("id")

        outcome = check_replayed_outcome(d.pop("outcome"))

        replayed = cls(
            event_id=event_id,
            id=id,
            outcome=outcome,
        )

        replayed.additional_properties = d
        return replayed

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
