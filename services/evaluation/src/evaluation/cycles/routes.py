"""HTTP endpoints of evaluation cycles, conflicts, assessments, scorecards and activities."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.identity import Identity, require_role
from agora_common.pagination import Cursor, Limit, decode_cursor, encode_cursor
from agora_common.problems import Unprocessable
from fastapi import APIRouter, Path, Query, Response

from evaluation import rules
from evaluation.cycles import service
from evaluation.cycles.models import Activity, Assessment, ConflictDeclaration, Cycle
from evaluation.cycles.repository import Progress
from evaluation.cycles.schemas import (
    ID_PATTERN,
    ActivityCreate,
    ActivityOut,
    AssessmentCreate,
    AssessmentOut,
    AssessmentPage,
    ConflictCreate,
    ConflictOut,
    CriterionOut,
    CycleCreate,
    CycleOut,
    CyclePage,
    CycleProgress,
    CycleStatus,
    Participants,
    Period,
    ScorecardOut,
    Scores,
)

router = APIRouter(prefix="/v1/evaluation", tags=["Evaluation"])

CycleId = Annotated[str, Path(pattern=ID_PATTERN, description="The cycle's opaque id.")]
ActorIdPath = Annotated[str, Path(pattern=ID_PATTERN, description="The actor's opaque id.")]

REFUSALS: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "Refused: `reason` is one of "
        + ", ".join(f"`{r.value}`" for r in rules.Refusal)
    }
}


def _cycle_out(cycle: Cycle, progress: Progress | None) -> CycleOut:
    progress = progress or Progress()
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


def _assessment_out(assessment: Assessment, caller: Identity) -> AssessmentOut:
    return AssessmentOut(
        id=assessment.id,
        cycle_id=assessment.cycle_id,
        actor_id=assessment.actor_id,
        scores=Scores.model_validate(assessment.scores()),
        rationale=assessment.rationale,
        submitted_at=assessment.submitted_at,
        own=assessment.evaluator_id == caller.client_id,
        # Evaluators never learn who gave which score; admins answer for the process.
        evaluator_id=assessment.evaluator_id if caller.role == "admin" else None,
    )


def _position(cursor: str | None) -> tuple[datetime, str] | None:
    position = decode_cursor(cursor, 2)
    if position is None:
        return None
    try:
        at = datetime.fromisoformat(str(position[0]))
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:  # this API only issues UTC timestamps
        raise Unprocessable.field(["query", "cursor"], "Not a cursor this API issued.")
    return at, str(position[1])


@router.post("/cycles", status_code=201, response_model=CycleOut, summary="Open a cycle")
async def open_cycle(
    body: CycleCreate,
    session: DbSession,
    response: Response,
    _: Identity = require_role("admin"),
) -> CycleOut:
    """Open an evaluation cycle for a period."""
    cycle = await service.open_cycle(session, data=body)
    response.headers["Location"] = f"/v1/evaluation/cycles/{cycle.id}"
    return _cycle_out(cycle, None)


@router.get("/cycles", response_model=CyclePage, summary="List cycles with their progress")
async def list_cycles(
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
    _: Identity = require_role("agency", "admin", "evaluator"),
) -> CyclePage:
    """Cycles in the order they were opened, each with its progress figures."""
    rows = await service.list_cycles(session, after=_position(cursor), limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    figures = await service.progress_of(session, cycle_ids=[c.id for c in rows])
    return CyclePage(
        items=[_cycle_out(c, figures.get(c.id)) for c in rows],
        next_cursor=encode_cursor([rows[-1].created_at.isoformat(), rows[-1].id]) if more else None,
    )


@router.get("/cycles/{cycle_id}", response_model=CycleOut, summary="Get one cycle")
async def get_cycle(
    cycle_id: CycleId,
    session: DbSession,
    _: Identity = require_role("agency", "admin", "evaluator"),
) -> CycleOut:
    """One cycle with its progress: actors assessed, assessments, complete scorecards."""
    cycle = await service.get_cycle(session, cycle_id=cycle_id)
    figures = await service.progress_of(session, cycle_ids=[cycle.id])
    return _cycle_out(cycle, figures.get(cycle.id))


@router.post(
    "/cycles/{cycle_id}/close",
    response_model=CycleOut,
    summary="Close a cycle",
    responses={409: {"description": "Already closed"}},
)
async def close_cycle(
    cycle_id: CycleId, session: DbSession, _: Identity = require_role("admin")
) -> CycleOut:
    """Close a cycle: it takes no more assessments."""
    cycle = await service.close_cycle(session, cycle_id=cycle_id)
    figures = await service.progress_of(session, cycle_ids=[cycle.id])
    return _cycle_out(cycle, figures.get(cycle.id))


@router.post(
    "/conflicts", status_code=201, response_model=ConflictOut, summary="Declare a conflict"
)
async def declare_conflict(
    body: ConflictCreate, session: DbSession, caller: Identity = require_role("evaluator")
) -> ConflictOut:
    """Declare a conflict of interest with an actor: you will not assess it in any cycle."""
    declaration: ConflictDeclaration = await service.declare_conflict(
        session, caller=caller, data=body
    )
    return ConflictOut.model_validate(declaration, from_attributes=True)


@router.post(
    "/cycles/{cycle_id}/assessments",
    status_code=201,
    response_model=AssessmentOut,
    summary="Submit an assessment",
    responses=REFUSALS,
)
async def submit_assessment(
    cycle_id: CycleId,
    body: AssessmentCreate,
    session: DbSession,
    caller: Identity = require_role("evaluator"),
) -> AssessmentOut:
    """Score an actor 0–4 on each criterion, with a rationale."""
    assessment = await service.submit_assessment(
        session, cycle_id=cycle_id, caller=caller, data=body
    )
    return _assessment_out(assessment, caller)


@router.get(
    "/cycles/{cycle_id}/assessments",
    response_model=AssessmentPage,
    summary="List assessments (blind for evaluators)",
)
async def list_assessments(
    cycle_id: CycleId,
    session: DbSession,
    actor_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    caller: Identity = require_role("evaluator", "admin"),
) -> AssessmentPage:
    """An evaluator sees its own assessments, and others' of an actor only once it assessed it."""
    rows = await service.list_assessments(
        session,
        cycle_id=cycle_id,
        caller=caller,
        actor_id=actor_id,
        after=_position(cursor),
        limit=limit + 1,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return AssessmentPage(
        items=[_assessment_out(a, caller) for a in rows],
        next_cursor=(
            encode_cursor([rows[-1].submitted_at.isoformat(), rows[-1].id]) if more else None
        ),
    )


@router.get(
    "/cycles/{cycle_id}/scorecards/{actor_id}",
    response_model=ScorecardOut,
    summary="An actor's scorecard",
)
async def get_scorecard(
    cycle_id: CycleId,
    actor_id: ActorIdPath,
    session: DbSession,
    _: Identity = require_role("agency", "admin"),
) -> ScorecardOut:
    """Per criterion median, min and max; never who gave which score."""
    card = await service.scorecard(session, cycle_id=cycle_id, actor_id=actor_id)

    def criterion(name: str) -> CriterionOut:
        summary = card.criteria[name]
        if summary is None:
            return CriterionOut(median=None, min=None, max=None)
        return CriterionOut(median=summary.median, min=summary.min, max=summary.max)

    return ScorecardOut(
        cycle_id=cycle_id,
        actor_id=actor_id,
        assessments=card.assessments,
        complete=card.complete,
        disagreement=card.disagreement,
        standards_and_visions=criterion("standards_and_visions"),
        knowledge_generation=criterion("knowledge_generation"),
        domestic_outreach=criterion("domestic_outreach"),
    )


@router.post(
    "/activities", status_code=201, response_model=ActivityOut, summary="Record an activity"
)
async def record_activity(
    body: ActivityCreate, session: DbSession, caller: Identity = require_role("agency")
) -> ActivityOut:
    """Record a supported activity with aggregate participant counts (no lists of people)."""
    activity: Activity = await service.record_activity(session, caller=caller, data=body)
    return ActivityOut(
        id=activity.id,
        actor_id=activity.actor_id,
        cycle_id=activity.cycle_id,
        kind=body.kind,
        title=activity.title,
        date=activity.held_on,
        participants=Participants(
            total=activity.participants_total,
            women=activity.participants_women,
            non_russian_ethnic_origin=activity.participants_non_russian,
        ),
        audience_inside_russia=activity.audience_inside_russia,
        recorded_at=activity.recorded_at,
    )
