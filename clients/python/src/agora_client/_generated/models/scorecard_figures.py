from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.criterion_out import CriterionOut


T = TypeVar("T", bound="ScorecardFigures")


@_attrs_define
class ScorecardFigures:
    """
    Attributes:
        assessments (int):
        complete (bool):
        disagreement (bool):
        domestic_outreach (CriterionOut):
        knowledge_generation (CriterionOut):
        standards_and_visions (CriterionOut):
    """

    assessments: int
    complete: bool
    disagreement: bool
    domestic_outreach: CriterionOut
    knowledge_generation: CriterionOut
    standards_and_visions: CriterionOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assessments = self.assessments

        complete = self.complete

        disagreement = self.disagreement

        domestic_outreach = self.domestic_outreach.to_dict()

        knowledge_generation = self.knowledge_generation.to_dict()

        standards_and_visions = self.standards_and_visions.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assessments": assessments,
                "complete": complete,
                "disagreement": disagreement,
                "domestic_outreach": domestic_outreach,
                "knowledge_generation": knowledge_generation,
                "standards_and_visions": standards_and_visions,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.criterion_out import CriterionOut

        d = dict(src_dict)
        assessments = d.pop("assessments")

        complete = d.pop("complete")

        disagreement = d.pop("disagreement")

        domestic_outreach = CriterionOut.from_dict(d.pop("domestic_outreach"))

        knowledge_generation = CriterionOut.from_dict(d.pop("knowledge_generation"))

        standards_and_visions = CriterionOut.from_dict(d.pop("standards_and_visions"))

        scorecard_figures = cls(
            assessments=assessments,
            complete=complete,
            disagreement=disagreement,
            domestic_outreach=domestic_outreach,
            knowledge_generation=knowledge_generation,
            standards_and_visions=standards_and_visions,
        )

        scorecard_figures.additional_properties = d
        return scorecard_figures

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
