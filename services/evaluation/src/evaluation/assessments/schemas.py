"""Request and response bodies of assessments and scorecards."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.json_schema import JsonDict

from evaluation.rules import MAX_SCORE, MIN_SCORE
from evaluation.schemas import ActorId, Period

Score = Annotated[StrictInt, Field(ge=MIN_SCORE, le=MAX_SCORE)]


class Scores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    standards_and_visions: Score
    knowledge_generation: Score
    domestic_outreach: Score


_RATIONALE = (
    "Clear editorial standards and a published code of ethics; two investigations on regional "
    "repression in 2025 were picked up inside Russia. Audience data is self-reported."
)
_SCORECARD: JsonDict = {
    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "assessments": 2,
    "complete": True,
    "disagreement": False,
    "standards_and_visions": {"median": 3.5, "min": 3, "max": 4},
    "knowledge_generation": {"median": 3.0, "min": 3, "max": 3},
    "domestic_outreach": {"median": 2.5, "min": 2, "max": 3},
}


class AssessmentCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "scores": {
                        "standards_and_visions": 4,
                        "knowledge_generation": 3,
                        "domestic_outreach": 3,
                    },
                    "rationale": _RATIONALE,
                }
            ]
        },
    )

    actor_id: ActorId
    scores: Scores
    rationale: Text = Field(min_length=1, max_length=10_000)


class AssessmentOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "asm_Wz5nKq8vTx3mLp7rYc2bHf",
                    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "scores": {
                        "standards_and_visions": 4,
                        "knowledge_generation": 3,
                        "domestic_outreach": 3,
                    },
                    "rationale": _RATIONALE,
                    "submitted_at": "2026-03-02T09:15:00Z",
                    "own": True,
                }
            ]
        }
    )

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
    model_config = ConfigDict(json_schema_extra={"examples": [_SCORECARD]})

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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
                    "cycle_name": "Evaluation cycle 2026 — first half",
                    "period": {"start": "2026-01-01", "end": "2026-06-30"},
                    "scorecard": _SCORECARD,
                }
            ]
        }
    )

    cycle_id: str
    cycle_name: str
    period: Period
    scorecard: ScorecardOut
