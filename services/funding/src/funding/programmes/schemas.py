"""Request and response bodies of joint programmes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from agora_common.pagination import Page
from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field

from funding.programmes.models import Programme

DonorCode = Annotated[
    str,
    Field(strict=True, pattern=r"^[A-Z]{2,16}$", description="ISO 3166-1 alpha-2 or a donor code."),
]
MAX_DONORS = 50


class ProgrammeCreate(BaseModel):
    """A joint programme; the caller's state must be one of its donors."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Baltic Independent Media Fund 2026–2028",
                    "donors": ["DE", "NL", "LT", "OSF"],
                }
            ]
        },
    )

    name: Line = Field(min_length=1, max_length=200)
    donors: list[DonorCode] = Field(min_length=2, max_length=MAX_DONORS)


class ProgrammeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "prg_Mc6vTq2nWx8kLp4zRb7sYa",
                    "name": "Baltic Independent Media Fund 2026–2028",
                    "donors": ["DE", "LT", "NL", "OSF"],
                    "created_by": "DE",
                    "created_at": "2026-02-20T14:00:00Z",
                }
            ]
        }
    )

    id: str
    name: str
    donors: list[str]
    created_by: str
    created_at: datetime

    @classmethod
    def of(cls, programme: Programme) -> ProgrammeOut:
        return cls(
            id=programme.id,
            name=programme.name,
            donors=[d.donor for d in programme.donors],
            created_by=programme.created_by,
            created_at=programme.created_at,
        )


class ProgrammePage(Page[ProgrammeOut]):
    """One page of the caller's programmes, newest first."""
