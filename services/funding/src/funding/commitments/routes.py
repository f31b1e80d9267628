"""HTTP endpoints of commitments."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller
from agora_common.ids import id_query
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Query, Response

from funding.commitments import service
from funding.commitments.dependencies import OwnCommitment, ReadableCommitment
from funding.commitments.models import Commitment
from funding.commitments.rules import Purpose, Status
from funding.commitments.schemas import (
    CommitmentCreate,
    CommitmentCreated,
    CommitmentDetail,
    CommitmentFilter,
    CommitmentOut,
    CommitmentPage,
    DisbursementCreate,
)
from funding.dependencies import CommitmentId
from funding.schemas import IsoDate

router = APIRouter(prefix="/v1/funding/commitments", tags=["Funding"])


def _versioned(response: Response, commitment: Commitment) -> Commitment:
    """Tag the response with the commitment's version (ETag)."""
    response.headers["ETag"] = f'"{commitment.version}"'
    return commitment


@router.post(
    "",
    status_code=201,
    response_model=CommitmentCreated,
    summary="Commit funding to an actor",
)
async def make_commitment(
    body: CommitmentCreate, session: DbSession, response: Response, caller: AgencyCaller
) -> CommitmentCreated:
    """Record a commitment by the caller's state; the answer lists the overlaps it creates (each
    also a notice both donors see in GET /v1/funding/overlaps) and `warnings` for the donor,
    such as `declined_by_your_state` when its own state's vetting declined the actor."""
    made = await service.make_commitment(session, caller=caller, data=body)
    response.headers["Location"] = f"/v1/funding/commitments/{made.commitment.id}"
    _versioned(response, made.commitment)
    return CommitmentCreated.made(made)


@router.get("", response_model=CommitmentPage, summary="List commitments")
async def list_commitments(
    session: DbSession,
    caller: AgencyCaller,
    actor_id: Annotated[str | None, id_query("actor")] = None,
    donor: Annotated[str | None, Query(pattern=r"^[A-Z]{2,16}$")] = None,
    status: Status | None = None,
    purpose: Purpose | None = None,
    active_on: Annotated[IsoDate | None, Query(description="Period includes this day.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CommitmentPage:
    """Every donor's commitments (another donor's confidential ones excepted), newest first;
    filters combine."""
    where = CommitmentFilter(
        viewer=caller.state,
        actor_id=actor_id,
        donor=donor,
        status=status.value if status else None,
        purpose=purpose.value if purpose else None,
        active_on=active_on,
    )
    page = await service.list_commitments(session, where=where, cursor=cursor, limit=limit)
    return CommitmentPage(
        items=[CommitmentOut.of(c) for c in page.items], next_cursor=page.next_cursor
    )


@router.get("/{commitment_id}", response_model=CommitmentDetail, summary="Get one commitment")
async def get_commitment(commitment: ReadableCommitment, response: Response) -> CommitmentDetail:
    """One commitment with its disbursements."""
    return CommitmentDetail.of(_versioned(response, commitment))


@router.post(
    "/{commitment_id}/disbursements",
    status_code=201,
    response_model=CommitmentDetail,
    summary="Record a disbursement",
)
async def record_disbursement(
    commitment_id: CommitmentId,
    body: DisbursementCreate,
    session: DbSession,
    response: Response,
    caller: AgencyCaller,
) -> CommitmentDetail:
    """Pay out part of the caller's commitment; the sum may not exceed it (422).

    When the disbursements reach the amount, the status becomes `disbursed`.
    """
    # The commitment is loaded by the service, not a dependency: a body that is not valid
    # answers 422 before the commitment is looked up (403, 404).
    commitment = await service.record_disbursement(
        session, caller=caller, commitment_id=commitment_id, data=body
    )
    return CommitmentDetail.of(_versioned(response, commitment))


@router.post("/{commitment_id}/cancel", response_model=CommitmentOut, summary="Cancel a commitment")
async def cancel_commitment(
    commitment: OwnCommitment, session: DbSession, response: Response
) -> CommitmentOut:
    """Cancel the caller's pledge or commitment (not once fully disbursed or completed)."""
    cancelled = await service.cancel_commitment(session, commitment=commitment)
    return CommitmentOut.of(_versioned(response, cancelled))


@router.post(
    "/{commitment_id}/commit",
    response_model=CommitmentOut,
    summary="Turn a pledge into a commitment",
)
async def confirm_commitment(
    commitment: OwnCommitment, session: DbSession, response: Response
) -> CommitmentOut:
    """`pledged` → `committed`; only the donor."""
    confirmed = await service.confirm_commitment(session, commitment=commitment)
    return CommitmentOut.of(_versioned(response, confirmed))


@router.post(
    "/{commitment_id}/complete", response_model=CommitmentOut, summary="Complete a commitment"
)
async def complete_commitment(
    commitment: OwnCommitment, session: DbSession, response: Response
) -> CommitmentOut:
    """`committed` or `disbursed` → `completed`: nothing more will be paid under it."""
    completed = await service.complete_commitment(session, commitment=commitment)
    return CommitmentOut.of(_versioned(response, completed))
