"""Request and response bodies of assessments and scorecards."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from evaluation.rules import MAX_SCORE, MIN_SCORE
from evaluation.schemas import ActorId, Period

Score = Annotated[StrictInt, Field(ge=MIN_SCORE, le=MAX_SCORE)]


class Scores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    standards_and_visions: Score
    knowledge_generation: Score
    domestic_outreach: Score


class AssessmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: ActorId
    scores: Scores
    rationale: Text = Field(min_length=1, max_length=10_000)


class AssessmentOut(BaseModel):
    id: str
    cycle_id: str
    actor_id: str
    scores: Scores
    rationale: str
    submitted_at: datetime
    own: bool = Field(description="Whether the caller submitted this assessment.")
    evaluator_id: str | None = Field(
        default=None, description="Only for admins: the evaluator's client id."
    )


class CriterionOut(BaseModel):
    median: float | None
    min: int | None
    max: int | None


class ScorecardOut(BaseModel):
    cycle_id: str
    actor_id: str
    assessments: int
    complete: bool = Field(description="At least two independent assessments.")
    disagreement: bool = Field(description="Some criterion spreads by 2 or more.")
    standards_and_visions: CriterionOut
    knowledge_generation: CriterionOut
    domestic_outreach: CriterionOut


class HistoryEntry(BaseModel):
    """An actor's scorecard in one cycle."""

    cycle_id: str
    cycle_name: str
    period: Period
    scorecard: ScorecardOut
