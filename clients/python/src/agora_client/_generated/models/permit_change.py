from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PermitChange")


@_attrs_define
class PermitChange:
    """Exactly one of: a later `valid_until` (renewal), or `status: "revoked"` (ended).

    Attributes:
        status (Literal['revoked'] | None | Unset): `revoked`: the issuing state ended the permit.
        valid_until (datetime.date | None | Unset): Renewal: a date later than the permit's current end.
    """

    status: Literal["revoked"] | Unset | None = UNSET
    valid_until: datetime.date | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        status: Literal["revoked"] | Unset | None
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        valid_until: str | Unset | None
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.date):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_status(data: object) -> Literal["revoked"] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            status_type_0 = cast(Literal["revoked"], data)
            if status_type_0 != "revoked":
                raise ValueError(f"status_type_0 must match const 'revoked', got '{status_type_0}'")
            return status_type_0
            return cast(Literal["revoked"] | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_valid_until(data: object) -> datetime.date | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.date.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        permit_change = cls(
            status=status,
            valid_until=valid_until,
        )

        return permit_change
