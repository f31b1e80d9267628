"""HTTP endpoints of client administration."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Path, Response

from gateway.clients import service
from gateway.clients.schemas import ClientCreate, ClientCreated, ClientOut, ClientPage
from gateway.deps import AdminPrincipal

router = APIRouter(prefix="/v1/admin", tags=["Administration"])


@router.post("/clients", status_code=201, response_model=ClientCreated, summary="Create a client")
async def create_client(
    body: ClientCreate, session: DbSession, response: Response, admin: AdminPrincipal
) -> ClientCreated:
    """Create a client; its secret is shown only in this response."""
    created = await service.create_client(session, data=body, by=admin)
    response.headers["Location"] = f"/v1/admin/clients/{created.client_id}"
    response.headers["Cache-Control"] = "no-store"
    return created


@router.get("/clients", response_model=ClientPage, summary="List clients")
async def list_clients(
    session: DbSession, _: AdminPrincipal, limit: Limit = 50, cursor: Cursor = None
) -> ClientPage:
    """Every client, active or revoked, ordered by id."""
    page = await service.list_clients(session, cursor=cursor, limit=limit)
    return ClientPage(
        items=[ClientOut.model_validate(c, from_attributes=True) for c in page.items],
        next_cursor=page.next_cursor,
    )


@router.delete("/clients/{client_id}", status_code=204, summary="Revoke a client")
async def revoke_client(
    client_id: Annotated[str, Path(max_length=64)], session: DbSession, admin: AdminPrincipal
) -> Response:
    """Revoke a client: its tokens stop working at once."""
    await service.revoke_client(session, client_id=client_id, by=admin)
    return Response(status_code=204)
