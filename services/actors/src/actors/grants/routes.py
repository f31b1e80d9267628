"""HTTP endpoints of grants: the custodian shares an actor with other states."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Path, Response

from actors.audit import audit, audit_headers, named
from actors.dependencies import CustodianActor
from actors.grants import service
from actors.grants.schemas import GrantIn, GrantOut, GrantPage

router = APIRouter(prefix="/v1/actors", tags=["Actors"])


@router.post(
    "/{actor_id}/grants", status_code=201, response_model=GrantOut, summary="Share with a state"
)
async def grant_access(
    actor: CustodianActor, body: GrantIn, session: DbSession, response: Response
) -> GrantOut:
    """The custodian shares the actor's personal data with another state."""
    grant = await service.grant_access(session, actor=actor, data=body)
    response.headers["Location"] = f"/v1/actors/{actor.id}/grants/{grant.state}"
    audit(response, "actor.grant.created", [named(actor)])
    return GrantOut.model_validate(grant, from_attributes=True)


@router.get("/{actor_id}/grants", response_model=GrantPage, summary="States with access")
async def list_grants(
    actor: CustodianActor, session: DbSession, limit: Limit = 50, cursor: Cursor = None
) -> GrantPage:
    """The states the custodian shares the actor with (custodian only)."""
    page = await service.list_grants(session, actor=actor, cursor=cursor, limit=limit)
    return GrantPage.model_validate(page, from_attributes=True)


@router.delete("/{actor_id}/grants/{state}", status_code=204, summary="Withdraw a state's access")
async def withdraw_access(
    actor: CustodianActor,
    state: Annotated[str, Path(pattern=r"^[A-Z]{2,16}$")],
    session: DbSession,
) -> Response:
    """The custodian withdraws a state's access; its agencies stop seeing personal data."""
    await service.withdraw_access(session, actor=actor, state=state)
    return Response(status_code=204, headers=audit_headers("actor.grant.withdrawn", named(actor)))
