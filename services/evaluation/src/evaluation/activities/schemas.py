"""Request and response bodies of supported activities."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from agora_common.ids import ID_PATTERN
from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.json_schema import JsonDict

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


# A public debate in Tbilisi run by a funded actor, counted for the donor that funds it.
_ACTIVITY: JsonDict = {
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "cycle_id": "cyc_Pq4wNz8kTx2mLv6rYc3bHs",
    "kind": "event",
    "title": "Голоса регионов / Voices of the regions: public debate, Tbilisi",
    "date": "2026-02-14",
    "participants": {"total": 120, "women": 64, "non_russian_ethnic_origin": 31},
    "audience_inside_russia": 18500,
    "commitment_id": "cmt_Jr5tVw8nQ2kXp7LmZc4bHa",
}


class ActivityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_ACTIVITY]})

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
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "acy_Lk9mVx3qRt7nWp2zYb5cHd",
                    **_ACTIVITY,
                    "recorded_at": "2026-02-16T08:40:00Z",
                }
            ]
        }
    )

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
