"""HTTP endpoints of commitments."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import Identity, require_role
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter, Path, Query, Response

from funding.commitments import service
from funding.commitments.models import Commitment, Disbursement
from funding.commitments.repository import CommitmentFilter
from funding.commitments.rules import Purpose, Status
from funding.commitments.schemas import (
    CommitmentCreate,
    CommitmentCreated,
    CommitmentDetail,
    CommitmentOut,
    CommitmentPage,
    DisbursementCreate,
    DisbursementOut,
    OverlapOut,
    Period,
)
from funding.money import format_amount
from funding.schemas import ID_PATTERN, IsoDate

CommitmentId = Annotated[str, Path(pattern=ID_PATTERN)]

router = APIRouter(prefix="/v1/funding/commitments", tags=["Funding"])


def commitment_out(commitment: Commitment) -> CommitmentOut:
    exponent = commitment.minor_units
    return CommitmentOut(
        id=commitment.id,
        donor=commitment.donor,
        actor_id=commitment.actor_id,
        instrument=commitment.instrument,
        amount=None
        if commitment.amount_minor is None or exponent is None
        else format_amount(commitment.amount_minor, exponent),
        currency=commitment.currency,
        period=Period(start=commitment.period_start, end=commitment.period_end),
        purposes=commitment.purposes,
        status=commitment.status,
        horizon=commitment.horizon,
        disbursed=None if exponent is None else format_amount(commitment.disbursed_minor, exponent),
        version=commitment.version,
        created_at=commitment.created_at,
        updated_at=commitment.updated_at,
    )


def disbursement_out(commitment: Commitment, disbursement: Disbursement) -> DisbursementOut:
    assert commitment.currency is not None
    assert commitment.minor_units is not None
    return DisbursementOut(
        id=disbursement.id,
        amount=format_amount(disbursement.amount_minor, commitment.minor_units),
        currency=commitment.currency,
        date=disbursement.date,
        recorded_at=disbursement.recorded_at,
    )


def _etag(response: Response, commitment: Commitment) -> None:
    response.headers["ETag"] = f'"{commitment.version}"'


@router.post(
    "",
    status_code=201,
    response_model=CommitmentCreated,
    summary="Commit funding to an actor",
)
async def make_commitment(
    body: CommitmentCreate,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> CommitmentCreated:
    """Record a commitment by the caller's state; the answer lists the overlaps it creates."""
    commitment, overlapping = await service.make_commitment(session, caller=caller, data=body)
    response.headers["Location"] = f"/v1/funding/commitments/{commitment.id}"
    _etag(response, commitment)
    return CommitmentCreated(
        **commitment_out(commitment).model_dump(),
        overlaps=[
            OverlapOut(
                commitment_id=other.id,
                donor=other.donor,
                instrument=other.instrument,
                status=other.status,
                period=Period(start=other.period_start, end=other.period_end),
                shared_purposes=shared,
            )
            for other, shared in overlapping
        ],
    )


@router.get("", response_model=CommitmentPage, summary="List commitments")
async def list_commitments(
    session: DbSession,
    actor_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    donor: Annotated[str | None, Query(pattern=r"^[A-Z]{2,16}$")] = None,
    status: Status | None = None,
    purpose: Purpose | None = None,
    active_on: Annotated[IsoDate | None, Query(description="Period includes this day.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("agency"),
) -> CommitmentPage:
    """Every donor's commitments, newest first; filters combine."""
    items, next_cursor = await service.list_commitments(
        session,
        where=CommitmentFilter(
            actor_id=actor_id,
            donor=donor,
            status=status.value if status else None,
            purpose=purpose.value if purpose else None,
            active_on=active_on,
        ),
        cursor=cursor,
        limit=limit,
    )
    return CommitmentPage(items=[commitment_out(c) for c in items], next_cursor=next_cursor)


@router.get("/{commitment_id}", response_model=CommitmentDetail, summary="Get one commitment")
async def get_commitment(
    commitment_id: CommitmentId,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> CommitmentDetail:
    """One commitment with its disbursements."""
    commitment = await service.get_commitment(session, commitment_id=commitment_id)
    _etag(response, commitment)
    return CommitmentDetail(
        **commitment_out(commitment).model_dump(),
        disbursements=[disbursement_out(commitment, d) for d in commitment.disbursements],
    )


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
    caller: Identity = require_role("agency"),
) -> CommitmentDetail:
    """Pay out part of the caller's commitment; the sum may not exceed it (422).

    When the disbursements reach the amount, the status becomes `disbursed`.
    """
    commitment, _ = await service.record_disbursement(
        session, caller=caller, commitment_id=commitment_id, data=body
    )
    detail = await service.get_commitment(session, commitment_id=commitment.id)
    _etag(response, detail)
    return CommitmentDetail(
        **commitment_out(detail).model_dump(),
        disbursements=[disbursement_out(detail, d) for d in detail.disbursements],
    )


@router.post("/{commitment_id}/cancel", response_model=CommitmentOut, summary="Cancel a commitment")
async def cancel_commitment(
    commitment_id: CommitmentId,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> CommitmentOut:
    """Cancel the caller's pledge or commitment (not once fully disbursed or completed)."""
    commitment = await service.cancel_commitment(
        session, caller=caller, commitment_id=commitment_id
    )
    _etag(response, commitment)
    return commitment_out(commitment)


@router.post(
    "/{commitment_id}/commit",
    response_model=CommitmentOut,
    summary="Turn a pledge into a commitment",
)
async def confirm_commitment(
    commitment_id: CommitmentId,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> CommitmentOut:
    """`pledged` → `committed`; only the donor."""
    commitment = await service.confirm_commitment(
        session, caller=caller, commitment_id=commitment_id
    )
    _etag(response, commitment)
    return commitment_out(commitment)


@router.post(
    "/{commitment_id}/complete", response_model=CommitmentOut, summary="Complete a commitment"
)
async def complete_commitment(
    commitment_id: CommitmentId,
    session: DbSession,
    response: Response,
    caller: Identity = require_role("agency"),
) -> CommitmentOut:
    """`committed` or `disbursed` → `completed`: nothing more will be paid under it."""
    commitment = await service.complete_commitment(
        session, caller=caller, commitment_id=commitment_id
    )
    _etag(response, commitment)
    return commitment_out(commitment)
