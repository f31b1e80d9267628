"""Bodies of grants."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from actors.types import StateCode, Strict


class GrantIn(Strict):
    state: StateCode


class GrantOut(BaseModel):
    actor_id: str
    state: str
    granted_at: datetime


class GrantPage(BaseModel):
    items: list[GrantOut]
    next_cursor: str | None
