"""Response bodies of the audit trail."""

from __future__ import annotations

from datetime import datetime

from agora_common.pagination import Page
from pydantic import BaseModel, ConfigDict


class AuditEvent(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "seq": 48213,
                    "at": "2026-03-02T09:15:04.518Z",
                    "client_id": "cl_Qm7vTzK2pXa9bR4w",
                    "state": "DE",
                    "action": "actor.personal_data.read",
                    "resource": "act_4fR9zQ2mXkL8pV3nT6yWaA",
                    "outcome": "success",
                    "subject_state": "DE",
                    "hash": "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d",
                    "prev_hash": "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
                }
            ]
        }
    )

    seq: int
    at: datetime
    client_id: str | None
    state: str | None
    action: str
    resource: str
    outcome: str
    subject_state: str | None = None
    hash: str
    prev_hash: str


class AuditPage(Page[AuditEvent]):
    pass


class Verification(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"valid": True, "records": 48213}]})

    valid: bool
    records: int
