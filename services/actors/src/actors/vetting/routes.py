"""HTTP endpoints of vetting decisions."""

from __future__ import annotations

from agora_common.db import DbSession
from fastapi import APIRouter, Response

from actors.audit import audit
from actors.dependencies import CallerState, LiveActor
from actors.vetting import service
from actors.vetting.schemas import VettingIn, VettingOut

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


@router.put("/{actor_id}/vetting", response_model=VettingOut, summary="Record your vetting")
async def record_vetting(
    state: CallerState, actor: LiveActor, body: VettingIn, session: DbSession, response: Response
) -> VettingOut:
    """The caller's own state's vetting decision (`pending`, `approved`, `declined`) → 201
    when first recorded, 200 when replaced. No other state ever sees it."""
    vetting, created = await service.record_vetting(session, state=state, actor=actor, data=body)
    response.status_code = 201 if created else 200
    audit(response, "actor.vetting.recorded", [actor.id])
    return VettingOut.model_validate(vetting, from_attributes=True)


@router.get("/{actor_id}/vetting", response_model=VettingOut, summary="Your vetting decision")
async def get_vetting(state: CallerState, actor: LiveActor, session: DbSession) -> VettingOut:
    """The caller's own state's decision on the actor; 404 if it recorded none."""
    vetting = await service.get_vetting(session, state=state, actor=actor)
    return VettingOut.model_validate(vetting, from_attributes=True)
