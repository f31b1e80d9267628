"""HTTP endpoints of the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Query

from gateway.audit import service
from gateway.audit.repository import AuditFilter
from gateway.audit.schemas import AuditEvent, AuditPage
from gateway.checkpoints import service as checkpoints
from gateway.checkpoints.schemas import AnchoredVerification
from gateway.deps import AnchorDep, AuditorPrincipal

router = APIRouter(prefix="/v1/audit", tags=["Audit"])


@router.get("/events", response_model=AuditPage, summary="Read the audit trail")
async def audit_events(
    session: DbSession,
    _: AuditorPrincipal,
    limit: Limit = 50,
    cursor: Cursor = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    client_id: Annotated[str | None, Query(max_length=64)] = None,
    state: Annotated[str | None, Query(max_length=16)] = None,
    resource: Annotated[str | None, Query(max_length=200)] = None,
    outcome: Annotated[str | None, Query(max_length=16)] = None,
    since: Annotated[datetime | None, Query(description="Records at or after (RFC 3339).")] = None,
    until: Annotated[datetime | None, Query(description="Records before (RFC 3339).")] = None,
) -> AuditPage:
    """The audit trail in the order it was written, filtered by any of its fields."""
    only = AuditFilter(action, client_id, state, resource, outcome, since, until)
    page = await service.events(session, cursor=cursor, limit=limit, only=only)
    return AuditPage(
        items=[AuditEvent.model_validate(r, from_attributes=True) for r in page.items],
        next_cursor=page.next_cursor,
    )


@router.get(
    "/verify",
    response_model=AnchoredVerification,
    summary="Verify the audit trail",
    responses={503: {"description": "NATS, which keeps the checkpoints, is unavailable."}},
)
async def audit_verify(
    session: DbSession, _: AuditorPrincipal, anchor: AnchorDep
) -> AnchoredVerification:
    """Recompute the hash chain and check it against every signed checkpoint; ``valid`` is false
    if any record was changed or removed, even when the chain was recomputed consistently."""
    return await checkpoints.verify(session, anchor=anchor)
