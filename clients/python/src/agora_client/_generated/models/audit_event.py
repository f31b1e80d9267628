from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditEvent")


@_attrs_define
class AuditEvent:
    """
    Attributes:
        action (str):
        at (datetime.datetime):
        client_id (None | str):
        hash_ (str):
        outcome (str):
        prev_hash (str):
        resource (str):
        seq (int):
        state (None | str):
        subject_state (None | str | Unset):
    """

    action: str
    at: datetime.datetime
    client_id: str | None
    hash_: str
    outcome: str
    prev_hash: str
    resource: str
    seq: int
    state: str | None
    subject_state: str | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        at = self.at.isoformat()

        client_id: str | None
        client_id = self.client_id

        hash_ = self.hash_

        outcome = self.outcome

        prev_hash = self.prev_hash

        resource = self.resource

        seq = self.seq

        state: str | None
        state = self.state

        subject_state: str | Unset | None
        if isinstance(self.subject_state, Unset):
            subject_state = UNSET
        else:
            subject_state = self.subject_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "at": at,
                "client_id": client_id,
                "hash": hash_,
                "outcome": outcome,
                "prev_hash": prev_hash,
                "resource": resource,
                "seq": seq,
                "state": state,
            }
        )
        if subject_state is not UNSET:
            field_dict["subject_state"] = subject_state

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_client_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        client_id = _parse_client_id(d.pop("client_id"))

        hash_ = d.pop("hash")

        outcome = d.pop("outcome")

        prev_hash = d.pop("prev_hash")

        resource = d.pop("resource")

        seq = d.pop("seq")

        def _parse_state(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        state = _parse_state(d.pop("state"))

        def _parse_subject_state(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject_state = _parse_subject_state(d.pop("subject_state", UNSET))

        audit_event = cls(
            action=action,
            at=at,
            client_id=client_id,
            hash_=hash_,
            outcome=outcome,
            prev_hash=prev_hash,
            resource=resource,
            seq=seq,
            state=state,
            subject_state=subject_state,
        )

        audit_event.additional_properties = d
        return audit_event

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
