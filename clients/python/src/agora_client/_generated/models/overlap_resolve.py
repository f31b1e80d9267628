from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.resolution import Resolution, check_resolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="OverlapResolve")


@_attrs_define
class OverlapResolve:
    """
    Attributes:
        resolution (Resolution):
        note (None | str | Unset): Shown to both donors.
    """

    resolution: Resolution
    note: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        resolution: str = self.resolution

        note: str | Unset | None
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "resolution": resolution,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        resolution = check_resolution(d.pop("resolution"))

        def _parse_note(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        overlap_resolve = cls(
            resolution=resolution,
            note=note,
        )

        return overlap_resolve
