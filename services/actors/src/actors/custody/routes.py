"""HTTP endpoints of custody transfers.

``/custody-transfers`` is declared (see main's router list) before ``/{actor_id}`` so the path
parameter never captures it.
"""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.ids import id_path
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Query, Response

from actors.audit import audit
from actors.custody import service
from actors.custody.schemas import Direction, TransferIn, TransferOut, TransferPage, TransferStatus
from actors.dependencies import CallerState, CustodianActor, LiveActor, VaultDep

router = APIRouter(prefix="/v1/actors", tags=["Actors"])

TransferId = Annotated[str, id_path("custody transfer")]


@router.get(
    "/custody-transfers",
    response_model=TransferPage,
    summary="Custody transfers to or from your state",
)
async def list_transfers(
    state: CallerState,
    session: DbSession,
    direction: Annotated[
        Direction, Query(description="`incoming`: to your state; `outgoing`: from it.")
    ],
    status: Annotated[TransferStatus, Query(description="Default `pending`.")] = (
        TransferStatus.pending
    ),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> TransferPage:
    """Transfers of actors to the caller's state (`incoming`, to accept or decline) or from it
    (`outgoing`), oldest first."""
    page = await service.list_transfers(
        session, state=state, direction=direction, status=status, cursor=cursor, limit=limit
    )
    return TransferPage.model_validate(page, from_attributes=True)


@router.post(
    "/{actor_id}/custody-transfers",
    status_code=201,
    response_model=TransferOut,
    summary="Hand an actor over to another state",
)
async def request_transfer(
    actor: CustodianActor, body: TransferIn, session: DbSession, response: Response
) -> TransferOut:
    """The custodian asks `to_state` to become the actor's custodian (the person relocated),
    keeping or dropping the grants to other states once accepted → 201 pending. The same
    request while it is pending answers it again (200); another one → 409."""
    transfer, created = await service.request_transfer(session, actor=actor, data=body)
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/v1/actors/{actor.id}/custody-transfers/{transfer.id}"
    return TransferOut.model_validate(transfer, from_attributes=True)


@router.post(
    "/{actor_id}/custody-transfers/{transfer_id}/accept",
    response_model=TransferOut,
    summary="Take an actor into your custody",
)
async def accept_transfer(
    state: CallerState,
    actor: LiveActor,
    transfer_id: TransferId,
    session: DbSession,
    response: Response,
    vault: VaultDep,
) -> TransferOut:
    """The receiving state becomes the custodian. The personal data is sealed under a new data
    key and the old one destroyed; the handing-over state loses access; grants are kept or
    withdrawn as it chose. Publishes `actors.updated`. States on neither side get 404."""
    before = actor.custodian_state
    transfer = await service.accept_transfer(
        session, state=state, actor=actor, transfer_id=transfer_id, vault=vault
    )
    # Both custodians' stewards see the hand-over of the personal data in their access logs.
    audit(
        response,
        "actor.personal_data.write",
        [f"{actor.id}@{transfer.from_state}", f"{actor.id}@{transfer.to_state}"]
        if before != actor.custodian_state
        else [],
    )
    return TransferOut.model_validate(transfer, from_attributes=True)


@router.post(
    "/{actor_id}/custody-transfers/{transfer_id}/decline",
    response_model=TransferOut,
    summary="Decline a custody transfer",
)
async def decline_transfer(
    state: CallerState, actor: LiveActor, transfer_id: TransferId, session: DbSession
) -> TransferOut:
    """The receiving state declines; the custodian keeps the actor."""
    transfer = await service.decline_transfer(
        session, state=state, actor=actor, transfer_id=transfer_id
    )
    return TransferOut.model_validate(transfer, from_attributes=True)


@router.post(
    "/{actor_id}/custody-transfers/{transfer_id}/cancel",
    response_model=TransferOut,
    summary="Cancel a custody transfer",
)
async def cancel_transfer(
    state: CallerState, actor: LiveActor, transfer_id: TransferId, session: DbSession
) -> TransferOut:
    """The handing-over state withdraws its pending request."""
    transfer = await service.cancel_transfer(
        session, state=state, actor=actor, transfer_id=transfer_id
    )
    return TransferOut.model_validate(transfer, from_attributes=True)
