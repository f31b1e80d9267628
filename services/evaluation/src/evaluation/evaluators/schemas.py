"""Response bodies of the evaluator roster."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from evaluation.evaluators.models import Evaluator


class EvaluatorOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "client_id": "cl_Ev7kTq2wYx5mLp9n",
                    "state": "PL",
                    "enrolled_at": "2025-12-01T08:00:00Z",
                    "seen_at": "2026-03-02T09:15:00Z",
                }
            ]
        }
    )

    client_id: str
    state: str | None = Field(description="The affiliated state of the evaluator's client.")
    enrolled_at: datetime
    seen_at: datetime = Field(description="When the evaluator last enrolled or declared.")

    @classmethod
    def of(cls, evaluator: Evaluator) -> EvaluatorOut:
        return cls.model_validate(evaluator, from_attributes=True)
