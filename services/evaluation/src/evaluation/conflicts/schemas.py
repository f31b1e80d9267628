"""Request and response bodies of declared conflicts of interest."""

from __future__ import annotations

from datetime import datetime

from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field

from evaluation.schemas import ActorId

_REASON = (
    "I worked as an editor at this outlet until 2023 and still contribute an occasional column."
)


class ConflictCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA", "reason": _REASON}]
        },
    )

    actor_id: ActorId
    reason: Text = Field(min_length=1, max_length=2000)


class ConflictOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "coi_Nm8vKx3qTw6nLp2zRc9bYe",
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "reason": _REASON,
                    "declared_at": "2026-01-06T15:20:00Z",
                }
            ]
        }
    )

    id: str
    actor_id: str
    reason: str
    declared_at: datetime
