"""Bodies of vetting decisions."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from agora_common.text import Text
from pydantic import BaseModel, Field

from actors.types import PastDate, Strict


class VettingDecision(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


class VettingIn(Strict):
    decision: VettingDecision
    decided_on: PastDate
    reason: Annotated[Text, Field(min_length=1, max_length=2000)] | None = Field(
        default=None,
        description="Why (optional, up to 2000 characters): kept in the decision's history, "
        "sealed, and shown only to your own state.",
    )


class VettingOut(BaseModel):
    actor_id: str
    state: str
    decision: VettingDecision
    decided_on: date
    recorded_at: datetime
    version: int


class VettingRecordOut(BaseModel):
    """One decision of the caller's state on the actor, as it was recorded."""

    id: str
    decision: VettingDecision
    decided_on: date
    reason: str | None
    version: int
    recorded_at: datetime


class VettingHistoryPage(BaseModel):
    items: list[VettingRecordOut]
    next_cursor: str | None
