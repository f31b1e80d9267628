"""HTTP endpoints of overlap notices."""

from __future__ import annotations

from typing import Annotated

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller
from agora_common.ids import id_path
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter

from funding.overlaps import service
from funding.overlaps.schemas import OverlapNotice, OverlapPage, OverlapResolve, OverlapStatus

router = APIRouter(prefix="/v1/funding/overlaps", tags=["Funding"])

OverlapId = Annotated[str, id_path("overlap")]


@router.get("", response_model=OverlapPage, summary="List the caller's overlap notices")
async def list_overlaps(
    session: DbSession,
    caller: AgencyCaller,
    status: OverlapStatus | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> OverlapPage:
    """Overlaps that involve one of the caller's commitments, earlier or later, newest first.

    Another donor's confidential commitment shows only as a flag: donor and period, no
    instrument and never an amount. Overlaps inside one joint programme have `coordinated: true`
    and status `coordinated`: reported, not open."""
    page = await service.list_overlaps(
        session, caller=caller, status=status, cursor=cursor, limit=limit
    )
    viewer = caller.state or ""
    return OverlapPage(
        items=[OverlapNotice.of(v, viewer) for v in page.items], next_cursor=page.next_cursor
    )


@router.post(
    "/{overlap_id}/resolve", response_model=OverlapNotice, summary="Resolve an overlap notice"
)
async def resolve_overlap(
    overlap_id: OverlapId, body: OverlapResolve, session: DbSession, caller: AgencyCaller
) -> OverlapNotice:
    """Either donor says how the overlap is settled: `co_funding`, `will_adjust` or
    `not_an_overlap`, with an optional note both donors read. Repeating it is a no-op 200; a
    third donor gets 404; a coordinated overlap (one joint programme) 409."""
    # Loaded in the service, not a dependency: an invalid body answers 422 before any 404.
    view = await service.resolve_overlap(session, caller=caller, overlap_id=overlap_id, data=body)
    return OverlapNotice.of(view, caller.state or "")
