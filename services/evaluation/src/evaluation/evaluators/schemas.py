"""Response bodies of the evaluator roster."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from evaluation.evaluators.models import Evaluator


class EvaluatorOut(BaseModel):
    client_id: str
    state: str | None = Field(description="The affiliated state of the evaluator's client.")
    enrolled_at: datetime
    seen_at: datetime = Field(description="When the evaluator last enrolled or declared.")

    @classmethod
    def of(cls, evaluator: Evaluator) -> EvaluatorOut:
        return cls.model_validate(evaluator, from_attributes=True)
