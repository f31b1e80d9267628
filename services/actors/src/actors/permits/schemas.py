"""Bodies of permits."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from actors.types import SaneDate, Strict


class PermitType(StrEnum):
    residence = "residence"
    work = "work"


class PermitStatus(StrEnum):
    valid = "valid"
    revoked = "revoked"


_PERMIT: JsonDict = {
    "id": "pmt_Wc2nR8vKx4TqLm7yPz3hBg",
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "type": "residence",
    "issuing_state": "LV",
    "valid_from": "2024-05-01",
    "valid_until": "2026-04-30",
    "family_members": 2,
    "status": "valid",
    "revoked_on": None,
    "version": 1,
    "created_at": "2024-05-03T10:20:00Z",
}
_LAPSED: JsonDict = {
    "actor_id": "act_Hq7sN2vLx9WkPz4mRt8cYd",
    "custodian_state": "DE",
    "last_permit_ended_on": "2026-01-31",
}


class PermitIn(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "residence",
                    "valid_from": "2024-05-01",
                    "valid_until": "2026-04-30",
                    "family_members": 2,
                }
            ]
        }
    )

    type: PermitType
    valid_from: SaneDate
    valid_until: SaneDate
    family_members: int = Field(default=0, ge=0, le=50)


class PermitChange(Strict):
    """Exactly one of: a later `valid_until` (renewal), or `status: "revoked"` (ended)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"valid_until": "2028-04-30"}, {"status": "revoked"}]}
    )

    valid_until: SaneDate | None = Field(
        default=None, description="Renewal: a date later than the permit's current end."
    )
    status: Literal["revoked"] | None = Field(
        default=None, description="`revoked`: the issuing state ended the permit."
    )


class PermitOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PERMIT]})

    id: str
    actor_id: str
    type: PermitType
    issuing_state: str
    valid_from: date
    valid_until: date
    family_members: int
    status: PermitStatus
    revoked_on: date | None
    version: int
    created_at: datetime


class PermitPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_PERMIT], "next_cursor": None}]}
    )

    items: list[PermitOut]
    next_cursor: str | None


class LapsedActor(BaseModel):
    """An actor whose permits have all ended (expired or revoked), none valid today or later."""

    model_config = ConfigDict(json_schema_extra={"examples": [_LAPSED]})

    actor_id: str
    custodian_state: str
    last_permit_ended_on: date = Field(
        description="When its last permit ended: the latest `valid_until`, or revocation date."
    )


class LapsedPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_LAPSED], "next_cursor": None}]}
    )

    items: list[LapsedActor]
    next_cursor: str | None
