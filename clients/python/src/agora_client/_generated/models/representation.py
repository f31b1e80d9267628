from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.gender import Gender, check_gender
from ..types import UNSET, Unset

T = TypeVar("T", bound="Representation")


@_attrs_define
class Representation:
    """Special-category data (GDPR Art. 9): self-declared, only with consent. Personal.

    Attributes:
        ethnic_origin (None | str | Unset):
        gender (Gender | None | Unset):
        national_minority (bool | None | Unset):
        vulnerable_groups (list[str] | Unset):
    """

    ethnic_origin: str | Unset | None = UNSET
    gender: Gender | Unset | None = UNSET
    national_minority: bool | Unset | None = UNSET
    vulnerable_groups: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ethnic_origin: str | Unset | None
        if isinstance(self.ethnic_origin, Unset):
            ethnic_origin = UNSET
        else:
            ethnic_origin = self.ethnic_origin

        gender: str | Unset | None
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, str):
            gender = self.gender
        else:
            gender = self.gender

        national_minority: bool | Unset | None
        if isinstance(self.national_minority, Unset):
            national_minority = UNSET
        else:
            national_minority = self.national_minority

        vulnerable_groups: list[str] | Unset = UNSET
        if not isinstance(self.vulnerable_groups, Unset):
            vulnerable_groups = self.vulnerable_groups

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ethnic_origin is not UNSET:
            field_dict["ethnic_origin"] = ethnic_origin
        if gender is not UNSET:
            field_dict["gender"] = gender
        if national_minority is not UNSET:
            field_dict["national_minority"] = national_minority
        if vulnerable_groups is not UNSET:
            field_dict["vulnerable_groups"] = vulnerable_groups

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_ethnic_origin(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ethnic_origin = _parse_ethnic_origin(d.pop("ethnic_origin", UNSET))

        def _parse_gender(data: object) -> Gender | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = check_gender(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Gender | None | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_national_minority(data: object) -> bool | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        national_minority = _parse_national_minority(d.pop("national_minority", UNSET))

        vulnerable_groups = cast(list[str], d.pop("vulnerable_groups", UNSET))

        representation = cls(
            ethnic_origin=ethnic_origin,
            gender=gender,
            national_minority=national_minority,
            vulnerable_groups=vulnerable_groups,
        )

        return representation
