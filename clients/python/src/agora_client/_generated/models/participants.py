from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Participants")


@_attrs_define
class Participants:
    """
    Attributes:
        non_russian_ethnic_origin (int):
        total (int):
        women (int):
    """

    non_russian_ethnic_origin: int
    total: int
    women: int

    def to_dict(self) -> dict[str, Any]:
        non_russian_ethnic_origin = self.non_russian_ethnic_origin

        total = self.total

        women = self.women

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "non_russian_ethnic_origin": non_russian_ethnic_origin,
                "total": total,
                "women": women,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        non_russian_ethnic_origin = d.pop("non_russian_ethnic_origin")

        total = d.pop("total")

        women = d.pop("women")

        participants = cls(
            non_russian_ethnic_origin=non_russian_ethnic_origin,
            total=total,
            women=women,
        )

        return participants
