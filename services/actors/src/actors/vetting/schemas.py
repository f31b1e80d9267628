"""Bodies of vetting decisions."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel

from actors.types import PastDate, Strict


class VettingDecision(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


class VettingIn(Strict):
    decision: VettingDecision
    decided_on: PastDate


class VettingOut(BaseModel):
    actor_id: str
    state: str
    decision: VettingDecision
    decided_on: date
    recorded_at: datetime
