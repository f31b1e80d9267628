"""Request and response bodies of client administration."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

import pycountry
from agora_common.pagination import Page
from agora_common.text import Line
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import JsonDict


class Role(StrEnum):
    admin = "admin"
    steward = "steward"
    agency = "agency"
    evaluator = "evaluator"
    auditor = "auditor"
    monitor = "monitor"


class Status(StrEnum):
    active = "active"
    pending_approval = "pending_approval"
    revoked = "revoked"


# Roles whose creation needs a second admin's approval (the two-person rule).
TWO_PERSON_ROLES = frozenset({Role.admin, Role.steward})
# A client's name: one line of at most this many characters (no control or invisible format
# characters: a name shows in lists, audit views and the console, where they would disguise it).
NAME_LENGTH = 200
ClientName = Annotated[Line, Field(min_length=1, max_length=NAME_LENGTH)]

# Roles that belong to a state (or a donor): required there, refused for the roles of no state.
STATE_ROLES = frozenset({Role.agency, Role.steward})
STATELESS_ROLES = frozenset({Role.admin, Role.auditor, Role.monitor})


def valid_state(code: str) -> bool:
    """An ISO 3166-1 alpha-2 country, or a donor code of 3–16 capitals (a foundation)."""
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code) is not None
    return 3 <= len(code) <= 16 and code.isascii() and code.isalpha() and code.isupper()


# A steward of Lithuania, created by one admin and approved by a second (the two-person rule).
_CLIENT: JsonDict = {
    "client_id": "cl_Qm7vTzK2pXa9bR4w",
    "name": "Lithuania — Migration Department steward",
    "role": "steward",
    "state": "LT",
    "status": "active",
    "created_at": "2026-03-02T09:15:00Z",
    "created_by": "cl_Hx3nWq8LrT5vYb2k",
    "approved_by": "cl_Zp6mRk4sNc9dVf1j",
    "approved_at": "2026-03-02T10:02:41Z",
    "revoked_at": None,
}
_PENDING: JsonDict = {
    **_CLIENT,
    "status": "pending_approval",
    "approved_by": None,
    "approved_at": None,
}


class ClientCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Lithuania — Migration Department steward",
                    "role": "steward",
                    "state": "LT",
                },
                {"name": "Evaluator Ганна Коваленко (Hanna Kovalenko)", "role": "evaluator"},
            ]
        },
    )

    name: ClientName
    role: Role = Field(
        description="`evaluator`, `auditor` and `monitor` are created at once; `steward` and "
        "`admin` wait for a second admin's approval; `agency` clients are enrolled by their "
        "state's steward (`POST /v1/stewardship/clients`)."
    )
    state: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 state, or a donor code of 3–16 capitals for a foundation. "
        "Required for `steward` (and `agency`), optional affiliation for `evaluator`.",
        examples=["DE"],
    )

    @model_validator(mode="after")
    def _state_rules(self) -> ClientCreate:
        if self.state is not None and not valid_state(self.state):
            raise ValueError("state must be an ISO 3166-1 alpha-2 code or a donor code (3–16 A–Z)")
        if self.role in STATE_ROLES and self.state is None:
            raise ValueError(f"a {self.role.value} client needs a state")
        if self.role in STATELESS_ROLES and self.state is not None:
            raise ValueError("admin, auditor and monitor clients belong to no state")
        return self


class ClientOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CLIENT]})

    client_id: str
    name: str
    role: Role
    state: str | None
    status: Status
    created_at: datetime
    created_by: str | None = Field(description="The client that created it; null if configured.")
    approved_by: str | None = Field(
        description="The second admin who approved it (steward and admin clients)."
    )
    approved_at: datetime | None
    revoked_at: datetime | None


class ClientCreated(ClientOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_CLIENT,
                    "client_id": "cl_Vb8kTq3wYx5mLp2n",
                    "name": "Auswärtiges Amt — Referat 205",
                    "role": "agency",
                    "state": "DE",
                    "approved_by": None,
                    "approved_at": None,
                    "client_secret": "MvWN3dRxZgPuRA2cOLpWK7D72yz3sOkgq3xI0UB6cyo",
                }
            ]
        }
    )

    client_secret: str = Field(description="Shown only in this response; store it safely.")


class PendingClient(ClientOut):
    """A steward or admin client waiting for a second admin: the creator's half of the secret."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_PENDING, "secret_part": "Scd4R4gmmT-4nDXBh4y1XHcJj9OybaNi"}]
        }
    )

    status: Literal[Status.pending_approval] = Status.pending_approval
    secret_part: str = Field(
        description="The first part of the client's secret, shown only here. The client's "
        "secret is this part followed by the part the approving admin receives."
    )


class ApprovedClient(ClientOut):
    """A client approved by a second admin: the approver's half of the secret."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{**_CLIENT, "secret_part": "JSI2j_HVLjBr7e8Ebw7IsUhSNEAdGH6_"}]
        }
    )

    secret_part: str = Field(
        description="The second part of the client's secret, shown only here: append it to "
        "the creator's part."
    )


class ClientPage(Page[ClientOut]):
    pass
