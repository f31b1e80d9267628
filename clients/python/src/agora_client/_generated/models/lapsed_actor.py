from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LapsedActor")


@_attrs_define
class LapsedActor:
    """An actor whose permits have all ended (expired or revoked), none valid today or later.

    Attributes:
        actor_id (str):
        custodian_state (str):
        last_permit_ended_on (datetime.date): When its last permit ended: the latest `valid_until`, or revocation date.
    """

    actor_id: str
    custodian_state: str
    last_permit_ended_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        custodian_state = self.custodian_state

        last_permit_ended_on = self.last_permit_ended_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "custodian_state": custodian_state,
                "last_permit_ended_on": last_permit_ended_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        custodian_state = d.pop("custodian_state")

        last_permit_ended_on = datetime.date.fromisoformat(d.pop("last_permit_ended_on"))

        lapsed_actor = cls(
            actor_id=actor_id,
            custodian_state=custodian_state,
            last_permit_ended_on=last_permit_ended_on,
        )

        lapsed_actor.additional_properties = d
        return lapsed_actor

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
