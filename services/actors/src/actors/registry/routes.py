"""HTTP endpoints of the actor registry."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import Identity, require_role
from fastapi import APIRouter, Response

from actors.registry import service
from actors.registry.models import Actor
from actors.registry.schemas import ActorCreate, ActorOut

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


def _out(actor: Actor, response: Response) -> ActorOut:
    response.headers["ETag"] = f'"{actor.version}"'
    return ActorOut.model_validate(actor, from_attributes=True)


@router.post("", status_code=201, response_model=ActorOut, summary="Register an actor")
async def register_actor(
    body: ActorCreate,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> ActorOut:
    """Register an actor; the caller's state becomes its custodian."""
    actor = await service.register_actor(session, caller=caller, data=body)
    response.headers["Location"] = f"/v1/actors/{actor.id}"
    return _out(actor, response)


@router.get("/{actor_id}", response_model=ActorOut, summary="Get one actor")
async def get_actor(
    actor_id: str,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency", "evaluator", "admin"),
) -> ActorOut:
    """One actor."""
    actor = await service.get_actor(session, actor_id=actor_id)
    return _out(actor, response)
