"""HTTP endpoints of vetting decisions."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Response

from actors.audit import audit
from actors.dependencies import CallerState, LiveActor, VaultDep
from actors.vetting import service
from actors.vetting.schemas import VettingHistoryPage, VettingIn, VettingOut

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


@router.put("/{actor_id}/vetting", response_model=VettingOut, summary="Record your vetting")
async def record_vetting(
    state: CallerState,
    actor: LiveActor,
    body: VettingIn,
    session: DbSession,
    response: Response,
    vault: VaultDep,
) -> VettingOut:
    """The caller's own state's vetting decision (`pending`, `approved`, `declined`), with an
    optional `reason` → 201 when first recorded, 200 when replaced. Every decision is kept in
    the state's history; no other state ever sees it. Publishes `vetting_decided` (without the
    reason)."""
    vetting, created = await service.record_vetting(
        session, state=state, actor=actor, data=body, vault=vault
    )
    response.status_code = 201 if created else 200
    audit(response, "actor.vetting.recorded", [actor.id])
    return VettingOut.model_validate(vetting, from_attributes=True)


@router.get("/{actor_id}/vetting", response_model=VettingOut, summary="Your vetting decision")
async def get_vetting(state: CallerState, actor: LiveActor, session: DbSession) -> VettingOut:
    """The caller's own state's decision on the actor; 404 if it recorded none."""
    vetting = await service.get_vetting(session, state=state, actor=actor)
    return VettingOut.model_validate(vetting, from_attributes=True)


@router.get(
    "/{actor_id}/vetting/history",
    response_model=VettingHistoryPage,
    summary="Your vetting decisions, with reasons",
)
async def vetting_history(
    state: CallerState,
    actor: LiveActor,
    session: DbSession,
    response: Response,
    vault: VaultDep,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> VettingHistoryPage:
    """Every decision the caller's own state recorded on the actor, oldest first, with its
    reason; empty if it recorded none. No other state ever sees them."""
    page = await service.vetting_history(
        session, state=state, actor=actor, cursor=cursor, limit=limit, vault=vault
    )
    # The reasons are a state's own notes about a person: never cached on the way.
    response.headers["Cache-Control"] = "no-store"
    return VettingHistoryPage.model_validate(page, from_attributes=True)
