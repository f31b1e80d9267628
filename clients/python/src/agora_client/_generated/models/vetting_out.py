from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vetting_decision import VettingDecision, check_vetting_decision

T = TypeVar("T", bound="VettingOut")


@_attrs_define
class VettingOut:
    """
    Attributes:
        actor_id (str):
        decided_on (datetime.date):
        decision (VettingDecision):
        recorded_at (datetime.datetime):
        state (str):
        version (int):
    """

    actor_id: str
    decided_on: datetime.date
    decision: VettingDecision
    recorded_at: datetime.datetime
    state: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        decided_on = self.decided_on.isoformat()

        decision: str = self.decision

        recorded_at = self.recorded_at.isoformat()

        state = self.state

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "decided_on": decided_on,
                "decision": decision,
                "recorded_at": recorded_at,
                "state": state,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        decision = check_vetting_decision(d.pop("decision"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        state = d.pop("state")

        version = d.pop("version")

        vetting_out = cls(
            actor_id=actor_id,
            decided_on=decided_on,
            decision=decision,
            recorded_at=recorded_at,
            state=state,
            version=version,
        )

        vetting_out.additional_properties = d
        return vetting_out

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
