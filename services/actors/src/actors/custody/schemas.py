"""Bodies of custody transfers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from actors.types import StateCode, Strict


class GrantsOnTransfer(StrEnum):
    keep = "keep"
    drop = "drop"


class TransferStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"
    cancelled = "cancelled"


class Direction(StrEnum):
    incoming = "incoming"
    outgoing = "outgoing"


class TransferIn(Strict):
    to_state: StateCode = Field(description="The state that is to become the custodian.")
    grants: GrantsOnTransfer = Field(
        description="`keep`: the states the actor is shared with keep their access; `drop`: "
        "they lose it. The handing-over state never keeps access (the new custodian may grant "
        "it)."
    )


class TransferOut(BaseModel):
    id: str
    actor_id: str
    from_state: str
    to_state: str
    grants: GrantsOnTransfer
    status: TransferStatus
    created_at: datetime
    decided_at: datetime | None


class TransferPage(BaseModel):
    items: list[TransferOut]
    next_cursor: str | None
