"""Request and response parts that more than one feature uses."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from agora_common.ids import ID_PATTERN
from pydantic import BaseModel, ConfigDict, Field, model_validator

ActorId = Annotated[str, Field(max_length=32, pattern=ID_PATTERN)]
"""An actor named in a request body."""


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: date
    end: date

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Period:
        if self.end < self.start:
            raise ValueError("end must not be before start")
        return self
