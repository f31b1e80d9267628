from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vetting_decision import VettingDecision, check_vetting_decision

T = TypeVar("T", bound="VettingRecordOut")


@_attrs_define
class VettingRecordOut:
    """One decision of the caller's state on the actor, as it was recorded.

    Attributes:
        decided_on (datetime.date):
        decision (VettingDecision):
        id (str):
        reason (None | str):
        recorded_at (datetime.datetime):
        version (int):
    """

    decided_on: datetime.date
    decision: VettingDecision
    id: str
    reason: str | None
    recorded_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        decided_on = self.decided_on.isoformat()

        decision: str = self.decision

        id = self.id

        reason: str | None
        reason = self.reason

        recorded_at = self.recorded_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "decided_on": decided_on,
                "decision": decision,
                "id": id,
                "reason": reason,
                "recorded_at": recorded_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        decided_on = datetime.date.fromisoformat(d.pop("decided_on"))

        decision = check_vetting_decision(d.pop("decision"))

        id = d.pop("id")

        def _parse_reason(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        version = d.pop("version")

        vetting_record_out = cls(
            decided_on=decided_on,
            decision=decision,
            id=id,
            reason=reason,
            recorded_at=recorded_at,
            version=version,
        )

        vetting_record_out.additional_properties = d
        return vetting_record_out

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
