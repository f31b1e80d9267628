"""Request and response bodies of cycles, conflicts, assessments, scorecards and activities."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from evaluation.rules import MAX_SCORE, MIN_SCORE

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"  # opaque ids are URL-safe tokens
# Free text may hold anything printable, but never NUL (PostgreSQL cannot store it).
TEXT_PATTERN = r"^[^\x00]*$"

ActorId = Annotated[str, Field(max_length=32, pattern=ID_PATTERN)]
Score = Annotated[StrictInt, Field(ge=MIN_SCORE, le=MAX_SCORE)]
Count = Annotated[StrictInt, Field(ge=0, le=100_000_000)]


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: date
    end: date

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Period:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class CycleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, pattern=TEXT_PATTERN)
    period: Period


class CycleProgress(BaseModel):
    actors_assessed: int = Field(description="Actors with at least one assessment.")
    assessments: int
    complete_scorecards: int = Field(description="Actors with at least two assessments.")


class CycleStatus(StrEnum):
    open = "open"
    closed = "closed"


class CycleOut(BaseModel):
    id: str
    name: str
    period: Period
    status: CycleStatus
    created_at: datetime
    closed_at: datetime | None
    progress: CycleProgress


class CyclePage(BaseModel):
    items: list[CycleOut]
    next_cursor: str | None


class ConflictCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: ActorId
    reason: str = Field(min_length=1, max_length=2000, pattern=TEXT_PATTERN)


class ConflictOut(BaseModel):
    id: str
    actor_id: str
    reason: str
    declared_at: datetime


class Scores(BaseModel):
    model_config = ConfigDict(extra="forbid")

    standards_and_visions: Score
    knowledge_generation: Score
    domestic_outreach: Score


class AssessmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: ActorId
    scores: Scores
    rationale: str = Field(min_length=1, max_length=10_000, pattern=TEXT_PATTERN)


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


class AssessmentPage(BaseModel):
    items: list[AssessmentOut]
    next_cursor: str | None


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


class ActivityKind(StrEnum):
    event = "event"
    programme = "programme"
    publication = "publication"
    broadcast = "broadcast"


class Participants(BaseModel):
    model_config = ConfigDict(extra="forbid")

    total: Count
    women: Count
    non_russian_ethnic_origin: Count


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: ActorId
    cycle_id: str = Field(max_length=32, pattern=ID_PATTERN)
    kind: ActivityKind
    title: str = Field(min_length=1, max_length=300, pattern=TEXT_PATTERN)
    date: date
    participants: Participants
    audience_inside_russia: Count | None = Field(
        default=None, description="People reached inside Russia (aggregate), if known."
    )


class ActivityOut(BaseModel):
    id: str
    actor_id: str
    cycle_id: str
    kind: ActivityKind
    title: str
    date: date
    participants: Participants
    audience_inside_russia: int | None
    recorded_at: datetime
