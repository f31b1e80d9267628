"""Response bodies of the audit trail."""

from __future__ import annotations

from datetime import datetime

from agora_common.pagination import Page
from pydantic import BaseModel


class AuditEvent(BaseModel):
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
    valid: bool
    records: int
