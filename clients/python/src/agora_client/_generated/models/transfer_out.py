from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grants_on_transfer import GrantsOnTransfer, check_grants_on_transfer
from ..models.transfer_status import TransferStatus, check_transfer_status

T = TypeVar("T", bound="TransferOut")


@_attrs_define
class TransferOut:
    """
    Attributes:
        actor_id (str):
        created_at (datetime.datetime):
        decided_at (datetime.datetime | None):
        from_state (str):
        grants (GrantsOnTransfer):
        id (str):
        status (TransferStatus):
        to_state (str):
    """

    actor_id: str
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    from_state: str
    grants: GrantsOnTransfer
    id: str
    status: TransferStatus
    to_state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        created_at = self.created_at.isoformat()

        decided_at: str | None
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        from_state = self.from_state

        grants: str = self.grants

        id = self.id

        status: str = self.status

        to_state = self.to_state

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "created_at": created_at,
                "decided_at": decided_at,
                "from_state": from_state,
                "grants": grants,
                "id": id,
                "status": status,
                "to_state": to_state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        from_state = d.pop("from_state")

        grants = check_grants_on_transfer(d.pop("grants"))

        id = d.pop("id")

        status = check_transfer_status(d.pop("status"))

        to_state = d.pop("to_state")

        transfer_out = cls(
            actor_id=actor_id,
            created_at=created_at,
            decided_at=decided_at,
            from_state=from_state,
            grants=grants,
            id=id,
            status=status,
            to_state=to_state,
        )

        transfer_out.additional_properties = d
        return transfer_out

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
