"""Bodies of grants."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.json_schema import JsonDict

from actors.types import StateCode, Strict

_GRANT: JsonDict = {
    "actor_id": "act_4fR9zQ2mXkL8pV3nT6yWaA",
    "state": "EE",
    "granted_at": "2026-03-02T09:15:00Z",
}


class GrantIn(Strict):
    model_config = ConfigDict(json_schema_extra={"examples": [{"state": "EE"}]})

    state: StateCode


class GrantOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_GRANT]})

    actor_id: str
    state: str
    granted_at: datetime


class GrantPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_GRANT], "next_cursor": None}]}
    )

    items: list[GrantOut]
    next_cursor: str | None
