"""HTTP endpoints of stewardship: a steward administers its own state's clients."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Path, Query, Response

from gateway.audit.models import AuditRecord
from gateway.audit.schemas import AuditEvent, AuditPage
from gateway.clients.schemas import ClientCreated, ClientOut, ClientPage
from gateway.deps import StewardPrincipal
from gateway.stewardship import service
from gateway.stewardship.schemas import AgencyEnrolment

router = APIRouter(prefix="/v1/stewardship", tags=["Stewardship"])

Since = Annotated[datetime | None, Query(description="Records at or after (RFC 3339).")]
Until = Annotated[datetime | None, Query(description="Records before (RFC 3339).")]


def _audit_page(items: list[AuditRecord], next_cursor: str | None) -> AuditPage:
    return AuditPage(
        items=[AuditEvent.model_validate(r, from_attributes=True) for r in items],
        next_cursor=next_cursor,
    )


@router.post(
    "/clients", status_code=201, response_model=ClientCreated, summary="Enrol an agency client"
)
async def enrol_agency(
    body: AgencyEnrolment, session: DbSession, response: Response, steward: StewardPrincipal
) -> ClientCreated:
    """Enrol an `agency` client of your own state; its secret is shown only in this response."""
    created = await service.enrol_agency(session, data=body, by=steward)
    response.headers["Location"] = f"/v1/stewardship/clients/{created.client_id}"
    response.headers["Cache-Control"] = "no-store"
    return created


@router.get("/clients", response_model=ClientPage, summary="List your state's clients")
async def list_state_clients(
    session: DbSession, steward: StewardPrincipal, limit: Limit = 50, cursor: Cursor = None
) -> ClientPage:
    """Your state's agency and steward clients (active, pending or revoked) with who created
    and who approved each, ordered by id."""
    page = await service.list_state_clients(session, steward=steward, cursor=cursor, limit=limit)
    return ClientPage(
        items=[ClientOut.model_validate(c, from_attributes=True) for c in page.items],
        next_cursor=page.next_cursor,
    )


@router.delete(
    "/clients/{client_id}",
    status_code=204,
    summary="Revoke one of your state's clients",
    responses={404: {"description": "Not an agency or steward client of your state."}},
)
async def revoke_state_client(
    client_id: Annotated[str, Path(max_length=64)], session: DbSession, steward: StewardPrincipal
) -> Response:
    """Revoke an agency or steward client of your state: its tokens stop working at once."""
    await service.revoke_state_client(session, client_id=client_id, by=steward)
    return Response(status_code=204)


@router.get("/access-log", response_model=AuditPage, summary="Who touched your actors' data")
async def access_log(
    session: DbSession,
    steward: StewardPrincipal,
    limit: Limit = 50,
    cursor: Cursor = None,
    since: Since = None,
    until: Until = None,
) -> AuditPage:
    """The audit records of reads and writes of your state's actors' personal data, by anyone
    (your agencies and the states you granted access), in the order they were written.
    `client_id` and `state` name who; `resource` the actor."""
    page = await service.state_records(
        session,
        steward=steward,
        actions=service.ACCESS_ACTIONS,
        cursor=cursor,
        limit=limit,
        since=since,
        until=until,
    )
    return _audit_page(page.items, page.next_cursor)


@router.get("/events", response_model=AuditPage, summary="How your state's clients changed")
async def client_events(
    session: DbSession,
    steward: StewardPrincipal,
    limit: Limit = 50,
    cursor: Cursor = None,
    since: Since = None,
    until: Until = None,
) -> AuditPage:
    """Every step in the life of your state's agency and steward clients, in written order:
    `client.pending_approval` (an admin created a steward), `client.approved`,
    `client.approval_refused`, `client.enrolled` (a steward enrolled an agency),
    `client.revoked`. `resource` is the client, `client_id` who acted."""
    page = await service.state_records(
        session,
        steward=steward,
        actions=service.CLIENT_ACTIONS,
        cursor=cursor,
        limit=limit,
        since=since,
        until=until,
    )
    return _audit_page(page.items, page.next_cursor)
