"""HTTP endpoints of client administration."""

from __future__ import annotations

from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.pagination import Cursor, Limit
from agora_common.problems import problem_response
from fastapi import APIRouter, Path, Response

from gateway.clients import service
from gateway.clients.schemas import (
    ApprovedClient,
    ClientCreate,
    ClientCreated,
    ClientOut,
    ClientPage,
    PendingClient,
)
from gateway.config import Settings
from gateway.deps import AdminPrincipal, SealerDep, SettingsDep

router = APIRouter(prefix="/v1/admin", tags=["Administration"])

ClientId = Annotated[str, Path(max_length=64)]
_NO_STORE = "no-store"


@router.post(
    "/clients",
    status_code=201,
    response_model=ClientCreated | PendingClient,
    summary="Create a client",
    responses={
        202: {
            "model": PendingClient,
            "description": "A `steward` or `admin` client, pending a second admin's approval.",
        },
        403: {"description": "Not an admin, or `role: agency` (enrolled by the state's steward)."},
    },
)
async def create_client(
    body: ClientCreate,
    session: DbSession,
    response: Response,
    admin: AdminPrincipal,
    sealer: SealerDep,
    settings: SettingsDep,
) -> ClientCreated | PendingClient:
    """Create an `evaluator`, `auditor` or `monitor` client (201, its secret shown only here).

    A `steward` (of a `state`) or another `admin` needs two admins: this answers 202 with the
    first part of its secret; a different admin approves it
    (`POST /v1/admin/clients/{client_id}/approve`) and receives the second part. The secret is
    the first part followed by the second. `agency` clients are enrolled by their state's steward.
    """
    created = await service.create_client(
        session, data=body, by=admin, sealer=sealer, bootstrap_allowed=_bootstrap(settings)
    )
    if isinstance(created, PendingClient):
        response.status_code = 202
    response.headers["Location"] = f"/v1/admin/clients/{created.client_id}"
    response.headers["Cache-Control"] = _NO_STORE
    return created


def _bootstrap(settings: Settings) -> bool:
    # Development only: the first admin of `make run` may create a second one alone.
    return not settings.production


@router.post(
    "/clients/{client_id}/approve",
    response_model=ApprovedClient,
    summary="Approve a steward or admin client",
    responses={
        403: {"description": "Not an admin, or the admin who created the client."},
        404: {"description": "No such client."},
        409: {"description": "The client is not waiting for approval."},
    },
)
async def approve_client(
    client_id: ClientId,
    session: DbSession,
    response: Response,
    admin: AdminPrincipal,
    sealer: SealerDep,
) -> Any:
    """A second admin approves a pending client and receives the second part of its secret."""
    approved = await service.approve_client(session, client_id=client_id, by=admin, sealer=sealer)
    if isinstance(approved, service.ApprovalRefused):
        # Answered, not raised: the refusal's audit record commits with the request.
        return problem_response(403, approved.detail)
    response.headers["Cache-Control"] = _NO_STORE
    return approved


@router.get("/clients", response_model=ClientPage, summary="List clients")
async def list_clients(
    session: DbSession, _: AdminPrincipal, limit: Limit = 50, cursor: Cursor = None
) -> ClientPage:
    """Every client, active, pending or revoked, ordered by id."""
    page = await service.list_clients(session, cursor=cursor, limit=limit)
    return ClientPage(
        items=[ClientOut.model_validate(c, from_attributes=True) for c in page.items],
        next_cursor=page.next_cursor,
    )


@router.delete("/clients/{client_id}", status_code=204, summary="Revoke a client")
async def revoke_client(client_id: ClientId, session: DbSession, admin: AdminPrincipal) -> Response:
    """Revoke a client: its tokens stop working at once."""
    await service.revoke_client(session, client_id=client_id, by=admin)
    return Response(status_code=204)
