"""Request and response bodies of supported activities."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from agora_common.ids import ID_PATTERN
from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from evaluation.schemas import ActorId

Count = Annotated[StrictInt, Field(ge=0, le=100_000_000)]


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
    title: Line = Field(min_length=1, max_length=300)
    date: date
    participants: Participants
    audience_inside_russia: Count | None = Field(
        default=None, description="People reached inside Russia (aggregate), if known."
    )
    commitment_id: str | None = Field(
        default=None,
        max_length=64,
        pattern=ID_PATTERN,
        description="The commitment that funds the activity: it then counts in the "
        "representation figures of that commitment's donor only.",
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
    commitment_id: str | None
    recorded_at: datetime
