from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ConflictCreate")


@_attrs_define
class ConflictCreate:
    """
    Attributes:
        actor_id (str):
        reason (str):
    """

    actor_id: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        reason = d.pop("reason")

        conflict_create = cls(
            actor_id=actor_id,
            reason=reason,
        )

        return conflict_create
