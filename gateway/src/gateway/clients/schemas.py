"""Request and response bodies of client administration."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import pycountry
from agora_common.pagination import Page
from pydantic import BaseModel, ConfigDict, Field, model_validator


class Role(StrEnum):
    admin = "admin"
    agency = "agency"
    evaluator = "evaluator"
    auditor = "auditor"


def valid_state(code: str) -> bool:
    """An ISO 3166-1 alpha-2 country, or a donor code of 3–16 capitals (a foundation)."""
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code) is not None
    return 3 <= len(code) <= 16 and code.isascii() and code.isalpha() and code.isupper()


class ClientCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    role: Role
    state: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 state, or a donor code of 3–16 capitals for a foundation. "
        "Required for `agency`, optional affiliation for `evaluator`.",
        examples=["DE"],
    )

    @model_validator(mode="after")
    def _state_rules(self) -> ClientCreate:
        if self.state is not None and not valid_state(self.state):
            raise ValueError("state must be an ISO 3166-1 alpha-2 code or a donor code (3–16 A–Z)")
        if self.role is Role.agency and self.state is None:
            raise ValueError("an agency client needs a state")
        if self.role in (Role.admin, Role.auditor) and self.state is not None:
            raise ValueError("admin and auditor clients belong to no state")
        return self


class ClientOut(BaseModel):
    client_id: str
    name: str
    role: Role
    state: str | None
    created_at: datetime
    revoked_at: datetime | None


class ClientCreated(ClientOut):
    client_secret: str = Field(description="Shown only in this response; store it safely.")


class ClientPage(Page[ClientOut]):
    pass
