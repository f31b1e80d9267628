from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Leadership")


@_attrs_define
class Leadership:
    """Who leads a non-individual actor. Public: it counts in the funding concentration report.

    Attributes:
        minority_led (bool | Unset):  Default: False.
        regional (bool | Unset): Led from or for a region, not a capital. Default: False.
        women_led (bool | Unset):  Default: False.
    """

    minority_led: bool | Unset = False
    regional: bool | Unset = False
    women_led: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        minority_led = self.minority_led

        regional = self.regional

        women_led = self.women_led

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if minority_led is not UNSET:
            field_dict["minority_led"] = minority_led
        if regional is not UNSET:
            field_dict["regional"] = regional
        if women_led is not UNSET:
            field_dict["women_led"] = women_led

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        minority_led = d.pop("minority_led", UNSET)

        regional = d.pop("regional", UNSET)

        women_led = d.pop("women_led", UNSET)

        leadership = cls(
            minority_led=minority_led,
            regional=regional,
            women_led=women_led,
        )

        return leadership
