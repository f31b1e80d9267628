"""Bodies of vetting decisions."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from agora_common.text import Text
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from actors.types import PastDate, Strict


class VettingDecision(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


_RECORD: JsonDict = {
    "id": "vet_T3mQx8KwL2vNp9RzYb5sDf",
    "decision": "approved",
    "decided_on": "2026-02-27",
    "reason": "Registration documents checked with the Latvian Register of Enterprises; "
    "references from two partner newsrooms.",
    "version": 2,
    "recorded_at": "2026-02-27T14:05:00Z",
}


class VettingIn(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "decision": "approved",
                    "decided_on": "2026-02-27",
                    "reason": _RECORD["reason"],
                }
            ]
        }
    )

    decision: VettingDecision
    decided_on: PastDate
    reason: Annotated[Text, Field(min_length=1, max_length=2000)] | None = Field(
        default=None,
        description="Why (optional, up to 2000 characters): kept in the decision's history, "
        "sealed, and shown only to your own state.",
    )


class VettingOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "state": "DE",
                    "decision": "approved",
                    "decided_on": "2026-02-27",
                    "recorded_at": "2026-02-27T14:05:00Z",
                    "version": 2,
                }
            ]
        }
    )

    actor_id: str
    state: str
    decision: VettingDecision
    decided_on: date
    recorded_at: datetime
    version: int


class VettingRecordOut(BaseModel):
    """One decision of the caller's state on the actor, as it was recorded."""

    model_config = ConfigDict(json_schema_extra={"examples": [_RECORD]})

    id: str
    decision: VettingDecision
    decided_on: date
    reason: str | None
    version: int
    recorded_at: datetime


class VettingHistoryPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_RECORD], "next_cursor": None}]}
    )

    items: list[VettingRecordOut]
    next_cursor: str | None
