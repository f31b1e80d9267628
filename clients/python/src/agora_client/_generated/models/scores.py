from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Scores")


@_attrs_define
class Scores:
    """
    Attributes:
        domestic_outreach (int):
        knowledge_generation (int):
        standards_and_visions (int):
    """

    domestic_outreach: int
    knowledge_generation: int
    standards_and_visions: int

    def to_dict(self) -> dict[str, Any]:
        domestic_outreach = self.domestic_outreach

        knowledge_generation = self.knowledge_generation

        standards_and_visions = self.standards_and_visions

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "domestic_outreach": domestic_outreach,
                "knowledge_generation": knowledge_generation,
                "standards_and_visions": standards_and_visions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domestic_outreach = d.pop("domestic_outreach")

        knowledge_generation = d.pop("knowledge_generation")

        standards_and_visions = d.pop("standards_and_visions")

        scores = cls(
            domestic_outreach=domestic_outreach,
            knowledge_generation=knowledge_generation,
            standards_and_visions=standards_and_visions,
        )

        return scores
