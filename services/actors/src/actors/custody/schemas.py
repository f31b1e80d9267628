"""Bodies of custody transfers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

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


_TRANSFER: JsonDict = {
    "id": "cus_8KpLw2VxQ9nRt4ZbYc6mHe",
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "from_state": "LV",
    "to_state": "LT",
    "grants": "keep",
    "status": "accepted",
    "created_at": "2026-02-10T11:00:00Z",
    "decided_at": "2026-02-12T07:45:13Z",
}


class TransferIn(Strict):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"to_state": "LT", "grants": "keep"}]}
    )

    to_state: StateCode = Field(description="The state that is to become the custodian.")
    grants: GrantsOnTransfer = Field(
        description="`keep`: the states the actor is shared with keep their access; `drop`: "
        "they lose it. The handing-over state never keeps access (the new custodian may grant "
        "it)."
    )


class TransferOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_TRANSFER]})

    id: str
    actor_id: str
    from_state: str
    to_state: str
    grants: GrantsOnTransfer
    status: TransferStatus
    created_at: datetime
    decided_at: datetime | None


class TransferPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_TRANSFER], "next_cursor": None}]}
    )

    items: list[TransferOut]
    next_cursor: str | None
