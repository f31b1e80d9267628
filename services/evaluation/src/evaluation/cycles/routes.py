"""HTTP endpoints of evaluation cycles."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AdminCaller, ReaderCaller
from agora_common.pagination import Cursor, Limit, Page
from fastapi import APIRouter, Response

from evaluation.cycles import service
from evaluation.cycles.schemas import CycleCreate, CycleOut, CycleProgress, CycleStatus
from evaluation.cycles.service import CycleWithProgress
from evaluation.dependencies import CurrentCycle, LockedCycle
from evaluation.schemas import Period

router = APIRouter(prefix="/v1/evaluation", tags=["Evaluation"])


def _cycle_out(found: CycleWithProgress) -> CycleOut:
    cycle, progress = found.cycle, found.progress
    return CycleOut(
        id=cycle.id,
        name=cycle.name,
        period=Period(start=cycle.period_start, end=cycle.period_end),
        status=CycleStatus(cycle.status),
        created_at=cycle.created_at,
        closed_at=cycle.closed_at,
        progress=CycleProgress(
            actors_assessed=progress.actors_assessed,
            assessments=progress.assessments,
            complete_scorecards=progress.complete_scorecards,
        ),
    )


@router.post("/cycles", status_code=201, response_model=CycleOut, summary="Open a cycle")
async def open_cycle(
    _: AdminCaller, body: CycleCreate, session: DbSession, response: Response
) -> CycleOut:
    """Open an evaluation cycle for a period."""
    opened = await service.open_cycle(session, data=body)
    response.headers["Location"] = f"/v1/evaluation/cycles/{opened.cycle.id}"
    return _cycle_out(opened)


@router.get("/cycles", response_model=Page[CycleOut], summary="List cycles with their progress")
async def list_cycles(
    _: ReaderCaller, session: DbSession, limit: Limit = 50, cursor: Cursor = None
) -> Page[CycleOut]:
    """Cycles in the order they were opened, each with its progress figures."""
    found = await service.list_cycles(session, cursor=cursor, limit=limit)
    return Page(items=[_cycle_out(c) for c in found.items], next_cursor=found.next_cursor)


@router.get("/cycles/{cycle_id}", response_model=CycleOut, summary="Get one cycle")
async def get_cycle(_: ReaderCaller, cycle: CurrentCycle, session: DbSession) -> CycleOut:
    """One cycle with its progress: actors assessed, assessments, complete scorecards."""
    return _cycle_out(await service.cycle_with_progress(session, cycle=cycle))


@router.post(
    "/cycles/{cycle_id}/close",
    response_model=CycleOut,
    summary="Close a cycle",
    responses={409: {"description": "Already closed"}},
)
async def close_cycle(_: AdminCaller, cycle: LockedCycle, session: DbSession) -> CycleOut:
    """Close a cycle: it takes no more assessments."""
    return _cycle_out(await service.close_cycle(session, cycle=cycle))
