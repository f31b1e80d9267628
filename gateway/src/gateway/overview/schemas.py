"""Response bodies of the coordination overview."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class Part(BaseModel):
    available: bool
    data: dict[str, Any] | None = Field(
        default=None, description="The service's answer, as the caller may see it."
    )
    detail: str | None = Field(default=None, description="Why the part is unavailable.")


class Overview(BaseModel):
    generated_at: datetime
    actors: Part = Field(description="Actors by kind, sector, host country and origin region.")
    funding: Part = Field(description="Funding totals, concentration and overlaps.")
    permits_expiring: Part = Field(description="Permits ending within 90 days.")
    evaluation: Part = Field(description="Evaluation cycles and their progress.")
