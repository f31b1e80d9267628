"""HTTP endpoints of evaluator assignments and a cycle's outstanding actors."""

from __future__ import annotations

from agora_common.db import DbSession
from agora_common.identity import AdminCaller, AgencyOrAdminCaller, EvaluatorOrAdminCaller
from agora_common.pagination import Cursor, Limit, Page
from fastapi import APIRouter

from evaluation.assignments import service
from evaluation.assignments.schemas import AssignmentOut, AssignmentRunOut, OutstandingActor
from evaluation.dependencies import CurrentCycle, LockedCycle

router = APIRouter(prefix="/v1/evaluation/cycles/{cycle_id}", tags=["Evaluation"])


@router.post(
    "/assignments",
    response_model=AssignmentRunOut,
    summary="Assign evaluators to the cycle's funded actors",
    responses={409: {"description": "The cycle is closed"}},
)
async def assign_evaluators(
    _: AdminCaller, cycle: LockedCycle, session: DbSession
) -> AssignmentRunOut:
    """Give each actor funded in the cycle period two eligible evaluators from the roster (no
    declared conflict, not funded by the evaluator's state; last cycle's evaluators only where
    too few others are eligible), balancing the evaluators' loads. Running it again keeps every
    assignment still eligible and fills the gaps."""
    return AssignmentRunOut.of(cycle.id, await service.assign_evaluators(session, cycle=cycle))


@router.get(
    "/assignments",
    response_model=Page[AssignmentOut],
    summary="List assignments (an evaluator: its own)",
)
async def list_assignments(
    caller: EvaluatorOrAdminCaller,
    cycle: CurrentCycle,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AssignmentOut]:
    """An evaluator sees its own assignments in the cycle; an admin sees all of them."""
    found = await service.list_assignments(
        session, cycle=cycle, caller=caller, cursor=cursor, limit=limit
    )
    return Page(items=[AssignmentOut.of(r) for r in found.items], next_cursor=found.next_cursor)


@router.get(
    "/progress",
    response_model=Page[OutstandingActor],
    summary="Actors with fewer than two assessments",
)
async def outstanding_actors(
    _: AgencyOrAdminCaller,
    cycle: CurrentCycle,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[OutstandingActor]:
    """Live actors of the cycle (funded in its period, assigned or assessed) whose scorecard is
    not complete yet, by actor id."""
    found = await service.outstanding_actors(session, cycle=cycle, cursor=cursor, limit=limit)
    return Page(items=[OutstandingActor.of(r) for r in found.items], next_cursor=found.next_cursor)
