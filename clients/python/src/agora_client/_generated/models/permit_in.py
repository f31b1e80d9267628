from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.permit_type import PermitType, check_permit_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="PermitIn")


@_attrs_define
class PermitIn:
    """
    Attributes:
        type_ (PermitType):
        valid_from (datetime.date):
        valid_until (datetime.date):
        family_members (int | Unset):  Default: 0.
    """

    type_: PermitType
    valid_from: datetime.date
    valid_until: datetime.date
    family_members: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        type_: str = self.type_

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        family_members = self.family_members

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "valid_from": valid_from,
                "valid_until": valid_until,
            }
        )
        if family_members is not UNSET:
            field_dict["family_members"] = family_members

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = check_permit_type(d.pop("type"))

        valid_from = datetime.date.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        family_members = d.pop("family_members", UNSET)

        permit_in = cls(
            type_=type_,
            valid_from=valid_from,
            valid_until=valid_until,
            family_members=family_members,
        )

        return permit_in
