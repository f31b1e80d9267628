from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """The caller behind the bearer token: no secret, nothing of the token itself.

    Attributes:
        client_id (str):
        expires_at (datetime.datetime): When the presented token expires (UTC).
        role (str):
        state (None | str): The client's state (agency, steward), else null.
    """

    client_id: str
    expires_at: datetime.datetime
    role: str
    state: str | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        expires_at = self.expires_at.isoformat()

        role = self.role

        state: str | None
        state = self.state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "expires_at": expires_at,
                "role": role,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        role = d.pop("role")

        def _parse_state(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        state = _parse_state(d.pop("state"))

        me = cls(
            client_id=client_id,
            expires_at=expires_at,
            role=role,
            state=state,
        )

        me.additional_properties = d
        return me

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
