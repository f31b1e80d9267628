"""Bodies of permits."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from actors.types import SaneDate, Strict


class PermitType(StrEnum):
    residence = "residence"
    work = "work"


class PermitStatus(StrEnum):
    valid = "valid"
    revoked = "revoked"


class PermitIn(Strict):
    type: PermitType
    valid_from: SaneDate
    valid_until: SaneDate
    family_members: int = Field(default=0, ge=0, le=50)


class PermitChange(Strict):
    """Exactly one of: a later `valid_until` (renewal), or `status: "revoked"` (ended)."""

    valid_until: SaneDate | None = Field(
        default=None, description="Renewal: a date later than the permit's current end."
    )
    status: Literal["revoked"] | None = Field(
        default=None, description="`revoked`: the issuing state ended the permit."
    )


class PermitOut(BaseModel):
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
    items: list[PermitOut]
    next_cursor: str | None


class LapsedActor(BaseModel):
    """An actor whose permits have all ended (expired or revoked), none valid today or later."""

    actor_id: str
    custodian_state: str
    last_permit_ended_on: date = Field(
        description="When its last permit ended: the latest `valid_until`, or revocation date."
    )


class LapsedPage(BaseModel):
    items: list[LapsedActor]
    next_cursor: str | None
