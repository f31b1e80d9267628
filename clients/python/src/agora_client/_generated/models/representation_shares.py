from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RepresentationShares")


@_attrs_define
class RepresentationShares:
    """Shares among actors with consented representation data, from counts with calibrated
    noise (differential privacy); null when a noisy count is under 5.

        Attributes:
            consented (int | None):
            female (float | None):
            male (float | None):
            national_minority (float | None):
            non_binary (float | None):
            non_russian_ethnic_origin (float | None):
            undisclosed (float | None):
            vulnerable_groups (float | None):
    """

    consented: int | None
    female: float | None
    male: float | None
    national_minority: float | None
    non_binary: float | None
    non_russian_ethnic_origin: float | None
    undisclosed: float | None
    vulnerable_groups: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consented: int | None
        consented = self.consented

        female: float | None
        female = self.female

        male: float | None
        male = self.male

        national_minority: float | None
        national_minority = self.national_minority

        non_binary: float | None
        non_binary = self.non_binary

        non_russian_ethnic_origin: float | None
        non_russian_ethnic_origin = self.non_russian_ethnic_origin

        undisclosed: float | None
        undisclosed = self.undisclosed

        vulnerable_groups: float | None
        vulnerable_groups = self.vulnerable_groups

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consented": consented,
                "female": female,
                "male": male,
                "national_minority": national_minority,
                "non_binary": non_binary,
                "non_russian_ethnic_origin": non_russian_ethnic_origin,
                "undisclosed": undisclosed,
                "vulnerable_groups": vulnerable_groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_consented(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        consented = _parse_consented(d.pop("consented"))

        def _parse_female(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        female = _parse_female(d.pop("female"))

        def _parse_male(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        male = _parse_male(d.pop("male"))

        def _parse_national_minority(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        national_minority = _parse_national_minority(d.pop("national_minority"))

        def _parse_non_binary(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        non_binary = _parse_non_binary(d.pop("non_binary"))

        def _parse_non_russian_ethnic_origin(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        non_russian_ethnic_origin = _parse_non_russian_ethnic_origin(
            d.pop("non_russian_ethnic_origin")
        )

        def _parse_undisclosed(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        undisclosed = _parse_undisclosed(d.pop("undisclosed"))

        def _parse_vulnerable_groups(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        vulnerable_groups = _parse_vulnerable_groups(d.pop("vulnerable_groups"))

        representation_shares = cls(
            consented=consented,
            female=female,
            male=male,
            national_minority=national_minority,
            non_binary=non_binary,
            non_russian_ethnic_origin=non_russian_ethnic_origin,
            undisclosed=undisclosed,
            vulnerable_groups=vulnerable_groups,
        )

        representation_shares.additional_properties = d
        return representation_shares

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
