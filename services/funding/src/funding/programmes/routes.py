"""HTTP endpoints of joint programmes."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AgencyCaller
from agora_common.pagination import Cursor, Limit
from fastapi import APIRouter

from funding.programmes import service
from funding.programmes.schemas import ProgrammeCreate, ProgrammeOut, ProgrammePage

router = APIRouter(prefix="/v1/funding/programmes", tags=["Funding"])


@router.post("", status_code=201, response_model=ProgrammeOut, summary="Start a joint programme")
async def create_programme(
    body: ProgrammeCreate, session: DbSession, caller: AgencyCaller
) -> ProgrammeOut:
    """A joint programme of several donors, the caller's state among them. A commitment naming
    it (`programme_id`) overlaps the programme's other commitments as `coordinated: true`, not
    as an open notice."""
    return ProgrammeOut.of(await service.create_programme(session, caller=caller, data=body))


@router.get("", response_model=ProgrammePage, summary="List the caller's joint programmes")
async def list_programmes(
    session: DbSession, caller: AgencyCaller, limit: Limit = 50, cursor: Cursor = None
) -> ProgrammePage:
    """The programmes the caller's state takes part in, newest first."""
    page = await service.list_programmes(session, caller=caller, cursor=cursor, limit=limit)
    return ProgrammePage(
        items=[ProgrammeOut.of(p) for p in page.items], next_cursor=page.next_cursor
    )
