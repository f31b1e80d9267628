"""Bodies of permits."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from actors.types import SaneDate, Strict


class PermitType(StrEnum):
    residence = "residence"
    work = "work"


class PermitIn(Strict):
    type: PermitType
    valid_from: SaneDate
    valid_until: SaneDate
    family_members: int = Field(default=0, ge=0, le=50)


class PermitOut(BaseModel):
    id: str
    actor_id: str
    type: PermitType
    issuing_state: str
    valid_from: date
    valid_until: date
    family_members: int
    created_at: datetime


class PermitPage(BaseModel):
    items: list[PermitOut]
    next_cursor: str | None
