from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Audience")


@_attrs_define
class Audience:
    """
    Attributes:
        inside_russia_share (float | None | Unset):
        monthly_active_users (int | None | Unset):
    """

    inside_russia_share: float | Unset | None = UNSET
    monthly_active_users: int | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        inside_russia_share: float | Unset | None
        if isinstance(self.inside_russia_share, Unset):
            inside_russia_share = UNSET
        else:
            inside_russia_share = self.inside_russia_share

        monthly_active_users: int | Unset | None
        if isinstance(self.monthly_active_users, Unset):
            monthly_active_users = UNSET
        else:
            monthly_active_users = self.monthly_active_users

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if inside_russia_share is not UNSET:
            field_dict["inside_russia_share"] = inside_russia_share
        if monthly_active_users is not UNSET:
            field_dict["monthly_active_users"] = monthly_active_users

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_inside_russia_share(data: object) -> float | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        inside_russia_share = _parse_inside_russia_share(d.pop("inside_russia_share", UNSET))

        def _parse_monthly_active_users(data: object) -> int | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        monthly_active_users = _parse_monthly_active_users(d.pop("monthly_active_users", UNSET))

        audience = cls(
            inside_russia_share=inside_russia_share,
            monthly_active_users=monthly_active_users,
        )

        return audience
