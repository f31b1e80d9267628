from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.scores import Scores


T = TypeVar("T", bound="AssessmentOut")


@_attrs_define
class AssessmentOut:
    """
    Attributes:
        actor_id (str):
        cycle_id (str):
        id (str):
        own (bool): Whether the caller submitted this assessment.
        rationale (str):
        scores (Scores):
        submitted_at (datetime.datetime):
        evaluator_id (None | str | Unset): Only for admins: the evaluator's client id.
    """

    actor_id: str
    cycle_id: str
    id: str
    own: bool
    rationale: str
    scores: Scores
    submitted_at: datetime.datetime
    evaluator_id: str | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        cycle_id = self.cycle_id

        id = self.id

        own = self.own

        rationale = self.rationale

        scores = self.scores.to_dict()

        submitted_at = self.submitted_at.isoformat()

        evaluator_id: str | Unset | None
        if isinstance(self.evaluator_id, Unset):
            evaluator_id = UNSET
        else:
            evaluator_id = self.evaluator_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "cycle_id": cycle_id,
                "id": id,
                "own": own,
                "rationale": rationale,
                "scores": scores,
                "submitted_at": submitted_at,
            }
        )
        if evaluator_id is not UNSET:
            field_dict["evaluator_id"] = evaluator_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scores import Scores

        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        cycle_id = d.pop("cycle_id")

        id = d.pop("id")

        own = d.pop("own")

        rationale = d.pop("rationale")

        scores = Scores.from_dict(d.pop("scores"))

        submitted_at = datetime.datetime.fromisoformat(d.pop("submitted_at"))

        def _parse_evaluator_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        evaluator_id = _parse_evaluator_id(d.pop("evaluator_id", UNSET))

        assessment_out = cls(
            actor_id=actor_id,
            cycle_id=cycle_id,
            id=id,
            own=own,
            rationale=rationale,
            scores=scores,
            submitted_at=submitted_at,
            evaluator_id=evaluator_id,
        )

        assessment_out.additional_properties = d
        return assessment_out

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
