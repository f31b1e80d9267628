from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role, check_role
from ..models.status import Status, check_status

T = TypeVar("T", bound="ClientCreated")


@_attrs_define
class ClientCreated:
    """
    Attributes:
        approved_at (datetime.datetime | None):
        approved_by (None | str): The second admin who approved it (steward and admin clients).
        client_id (str):
        client_secret (str): Shown only in this response; store it safely.
        created_at (datetime.datetime):
        created_by (None | str): The client that created it; null if configured.
        name (str):
        revoked_at (datetime.datetime | None):
        role (Role):
        state (None | str):
        status (Status):
    """

    approved_at: datetime.datetime | None
    approved_by: str | None
    client_id: str
    client_secret: str
    created_at: datetime.datetime
    created_by: str | None
    name: str
    revoked_at: datetime.datetime | None
    role: Role
    state: str | None
    status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_at: str | None
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        approved_by: str | None
        approved_by = self.approved_by

        client_id = self.client_id

        client_secret = self.client_secret

        created_at = self.created_at.isoformat()

        created_by: str | None
        created_by = self.created_by

        name = self.name

        revoked_at: str | None
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        role: str = self.role

        state: str | None
        state = self.state

        status: str = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_at": approved_at,
                "approved_by": approved_by,
                "client_id": client_id,
                "client_secret": client_secret,
                "created_at": created_at,
                "created_by": created_by,
                "name": name,
                "revoked_at": revoked_at,
                "role": role,
                "state": state,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_approved_by(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        approved_by = _parse_approved_by(d.pop("approved_by"))

        client_id = d.pop("client_id")

        client_secret = d.pop("client_secret")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        name = d.pop("name")

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        role = check_role(d.pop("role"))

        def _parse_state(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        state = _parse_state(d.pop("state"))

        status = check_status(d.pop("status"))

        client_created = cls(
            approved_at=approved_at,
            approved_by=approved_by,
            client_id=client_id,
            client_secret=client_secret,
            created_at=created_at,
            created_by=created_by,
            name=name,
            revoked_at=revoked_at,
            role=role,
            state=state,
            status=status,
        )

        client_created.additional_properties = d
        return client_created

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
