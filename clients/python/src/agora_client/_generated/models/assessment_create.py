from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.scores import Scores


T = TypeVar("T", bound="AssessmentCreate")


@_attrs_define
class AssessmentCreate:
    """
    Attributes:
        actor_id (str):
        rationale (str):
        scores (Scores):
    """

    actor_id: str
    rationale: str
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        rationale = self.rationale

        scores = self.scores.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actor_id": actor_id,
                "rationale": rationale,
                "scores": scores,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scores import Scores

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        rationale = d.pop("rationale")

        scores = Scores.from_dict(d.pop("scores"))

        assessment_create = cls(
            actor_id=actor_id,
            rationale=rationale,
            scores=scores,
        )

        return assessment_create
