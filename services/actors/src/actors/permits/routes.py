"""HTTP endpoints of permits.

``/permits/expiring`` and ``/permits/lapsed`` are declared (see main's router list) before
``/{actor_id}`` so the path parameter never captures them.
"""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.ids import id_path
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Query

from actors.dependencies import CallerState, LiveActor
from actors.permits import service
from actors.permits.schemas import LapsedPage, PermitChange, PermitIn, PermitOut, PermitPage

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


@router.get(
    "/permits/expiring",
    response_model=PermitPage,
    summary="Permits ending soon that the caller may see",
)
async def expiring_permits(
    state: CallerState,
    session: DbSession,
    within_days: Annotated[int, Query(ge=0, le=3650, description="Days from today, 0–3650.")],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PermitPage:
    """Valid permits whose `valid_until` is between today and today + `within_days`, soonest
    first, of actors the caller's state holds, was granted, or issued the permit for. A renewed
    permit counts by its new end; a revoked one is not listed."""
    page = await service.expiring_permits(
        session, state=state, within_days=within_days, cursor=cursor, limit=limit
    )
    return PermitPage.model_validate(page, from_attributes=True)


@router.get(
    "/permits/lapsed",
    response_model=LapsedPage,
    summary="Actors whose permits have all ended",
)
async def lapsed_actors(
    state: CallerState, session: DbSession, limit: Limit = 50, cursor: Cursor = None
) -> LapsedPage:
    """Actors the caller's state holds, was granted, or issued a permit for, whose last permit
    has expired or was revoked with no permit valid today or later (any state's counts), the
    longest-lapsed first."""
    page = await service.lapsed_actors(session, state=state, cursor=cursor, limit=limit)
    return LapsedPage.model_validate(page, from_attributes=True)


@router.post(
    "/{actor_id}/permits", status_code=201, response_model=PermitOut, summary="Record a permit"
)
async def issue_permit(
    state: CallerState, actor: LiveActor, body: PermitIn, session: DbSession
) -> PermitOut:
    """A residence or work permit; the issuing state is the caller's. Visible to the
    custodian, the states it granted access, and the issuing state."""
    permit = await service.issue_permit(session, state=state, actor=actor, data=body)
    return PermitOut.model_validate(permit, from_attributes=True)


@router.get("/{actor_id}/permits", response_model=PermitPage, summary="An actor's permits")
async def list_actor_permits(
    state: CallerState,
    actor: LiveActor,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PermitPage:
    """The actor's permits that the caller's state may see, by `valid_until`."""
    page = await service.list_actor_permits(
        session, state=state, actor=actor, cursor=cursor, limit=limit
    )
    return PermitPage.model_validate(page, from_attributes=True)


@router.patch(
    "/{actor_id}/permits/{permit_id}",
    response_model=PermitOut,
    summary="Renew or revoke a permit",
)
async def change_permit(
    state: CallerState,
    actor: LiveActor,
    permit_id: Annotated[str, id_path("permit")],
    body: PermitChange,
    session: DbSession,
) -> PermitOut:
    """The issuing state renews a permit (`{"valid_until"}` later than its current end) or ends
    it (`{"status": "revoked"}`); anything else → 422. The custodian and grantees get 403, other
    states 404. Repeating the same change answers the permit unchanged. Publishes
    `permit_renewed` or `permit_revoked`; a renewed permit's expiry notices start again from
    its new end."""
    permit = await service.change_permit(
        session, state=state, actor=actor, permit_id=permit_id, data=body
    )
    return PermitOut.model_validate(permit, from_attributes=True)
