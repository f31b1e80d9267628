from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ShareCell")


@_attrs_define
class ShareCell:
    """EUR going to a group of actors; every field null when fewer than 5 actors are in it.

    Attributes:
        actors (int | None):
        eur (None | str): Decimal string, EUR.
        share (float | None): Of total_committed_eur.
    """

    actors: int | None
    eur: str | None
    share: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors: int | None
        actors = self.actors

        eur: str | None
        eur = self.eur

        share: float | None
        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "eur": eur,
                "share": share,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_actors(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actors = _parse_actors(d.pop("actors"))

        def _parse_eur(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        eur = _parse_eur(d.pop("eur"))

        def _parse_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        share = _parse_share(d.pop("share"))

        share_cell = cls(
            actors=actors,
            eur=eur,
            share=share,
        )

        share_cell.additional_properties = d
        return share_cell

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
