"""Request and response bodies of evaluation cycles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from evaluation.schemas import Period

_CYCLE: JsonDict = {
    "id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
    "name": "Evaluation cycle 2026 — first half",
    "period": {"start": "2026-01-01", "end": "2026-06-30"},
    "status": "open",
    "created_at": "2025-12-20T09:00:00Z",
    "closed_at": None,
    "progress": {"actors_assessed": 38, "assessments": 61, "complete_scorecards": 23},
}


class CycleCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Evaluation cycle 2026 — first half",
                    "period": {"start": "2026-01-01", "end": "2026-06-30"},
                }
            ]
        },
    )

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
    model_config = ConfigDict(json_schema_extra={"examples": [_CYCLE]})

    id: str
    name: str
    period: Period
    status: CycleStatus
    created_at: datetime
    closed_at: datetime | None
    progress: CycleProgress
