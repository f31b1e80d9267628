"""Request and response bodies of evaluation cycles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field

from evaluation.schemas import Period


class CycleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Line = Field(min_length=1, max_length=200)
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
