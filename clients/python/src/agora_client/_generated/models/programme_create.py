from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ProgrammeCreate")


@_attrs_define
class ProgrammeCreate:
    """A joint programme; the caller's state must be one of its donors.

    Attributes:
        donors (list[str]):
        name (str):
    """

    donors: list[str]
    name: str

    def to_dict(self) -> dict[str, Any]:
        donors = self.donors

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "donors": donors,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        donors = cast(list[str], d.pop("donors"))

        name = d.pop("name")

        programme_create = cls(
            donors=donors,
            name=name,
        )

        return programme_create
