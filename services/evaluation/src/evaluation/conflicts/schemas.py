"""Request and response bodies of declared conflicts of interest."""

from __future__ import annotations

from datetime import datetime

from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field

from evaluation.schemas import ActorId


class ConflictCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    actor_id: ActorId
    reason: Text = Field(min_length=1, max_length=2000)


class ConflictOut(BaseModel):
    id: str
    actor_id: str
    reason: str
    declared_at: datetime
