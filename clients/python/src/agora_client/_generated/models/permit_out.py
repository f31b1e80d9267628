from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permit_status import PermitStatus, check_permit_status
from ..models.permit_type import PermitType, check_permit_type

T = TypeVar("T", bound="PermitOut")


@_attrs_define
class PermitOut:
    """
    Attributes:
        actor_id (str):
        created_at (datetime.datetime):
        family_members (int):
        id (str):
        issuing_state (str):
        revoked_on (datetime.date | None):
        status (PermitStatus):
        type_ (PermitType):
        valid_from (datetime.date):
        valid_until (datetime.date):
        version (int):
    """

    actor_id: str
    created_at: datetime.datetime
    family_members: int
    id: str
    issuing_state: str
    revoked_on: datetime.date | None
    status: PermitStatus
    type_: PermitType
    valid_from: datetime.date
    valid_until: datetime.date
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        created_at = self.created_at.isoformat()

        family_members = self.family_members

        id = self.id

        issuing_state = self.issuing_state

        revoked_on: str | None
        if isinstance(self.revoked_on, datetime.date):
            revoked_on = self.revoked_on.isoformat()
        else:
            revoked_on = self.revoked_on

        status: str = self.status

        type_: str = self.type_

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "created_at": created_at,
                "family_members": family_members,
                "id": id,
                "issuing_state": issuing_state,
                "revoked_on": revoked_on,
                "status": status,
                "type": type_,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        family_members = d.pop("family_members")

        id = d.pop("id")

        issuing_state = d.pop("issuing_state")

        def _parse_revoked_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_on_type_0 = datetime.date.fromisoformat(data)

                return revoked_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        revoked_on = _parse_revoked_on(d.pop("revoked_on"))

        status = check_permit_status(d.pop("status"))

        type_ = check_permit_type(d.pop("type"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        version = d.pop("version")

        permit_out = cls(
            actor_id=actor_id,
            created_at=created_at,
            family_members=family_members,
            id=id,
            issuing_state=issuing_state,
            revoked_on=revoked_on,
            status=status,
            type_=type_,
            valid_from=valid_from,
            valid_until=valid_until,
            version=version,
        )

        permit_out.additional_properties = d
        return permit_out

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
