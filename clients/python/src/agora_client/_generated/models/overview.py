from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.part import Part


T = TypeVar("T", bound="Overview")


@_attrs_define
class Overview:
    """
    Attributes:
        actors (Part):
        evaluation (Part):
        funding (Part):
        generated_at (datetime.datetime):
        permits_expiring (Part):
    """

    actors: Part
    evaluation: Part
    funding: Part
    generated_at: datetime.datetime
    permits_expiring: Part
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actors = self.actors.to_dict()

        evaluation = self.evaluation.to_dict()

        funding = self.funding.to_dict()

        generated_at = self.generated_at.isoformat()

        permits_expiring = self.permits_expiring.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actors": actors,
                "evaluation": evaluation,
                "funding": funding,
                "generated_at": generated_at,
                "permits_expiring": permits_expiring,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.part import Part

        d = dict(src_dict)
        actors = Part.from_dict(d.pop("actors"))

        evaluation = Part.from_dict(d.pop("evaluation"))

        funding = Part.from_dict(d.pop("funding"))

        generated_at = datetime.datetime.fromisoformat(d.pop("generated_at"))

        permits_expiring = Part.from_dict(d.pop("permits_expiring"))

        overview = cls(
            actors=actors,
            evaluation=evaluation,
            funding=funding,
            generated_at=generated_at,
            permits_expiring=permits_expiring,
        )

        overview.additional_properties = d
        return overview

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
