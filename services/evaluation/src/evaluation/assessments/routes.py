"""HTTP endpoints of blind assessments and scorecards."""

from __future__ import annotations

from typing import Annotated, Any

from agora_common.db import DbSession
from agora_common.identity import (
    AgencyOrAdminCaller,
    EvaluatorCaller,
    EvaluatorOrAdminCaller,
    Identity,
)
from agora_common.ids import id_query
from agora_common.pagination import Cursor, Limit, Page
from fastapi import APIRouter

from evaluation import rules
from evaluation.assessments import service
from evaluation.assessments.models import Assessment
from evaluation.assessments.schemas import (
    AssessmentCreate,
    AssessmentOut,
    CriterionOut,
    HistoryEntry,
    ScorecardOut,
    Scores,
)
from evaluation.dependencies import ActorId, CycleId
from evaluation.schemas import Period

router = APIRouter(prefix="/v1/evaluation", tags=["Evaluation"])

REFUSALS: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "Refused: `reason` is one of "
        + ", ".join(f"`{r.value}`" for r in rules.Refusal)
    }
}


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


def criterion_out(summary: rules.CriterionSummary | None) -> CriterionOut:
    """One criterion's median, min and max; all null without assessments."""
    if summary is None:
        return CriterionOut(median=None, min=None, max=None)
    return CriterionOut(median=summary.median, min=summary.min, max=summary.max)


@router.post(
    "/cycles/{cycle_id}/assessments",
    status_code=201,
    response_model=AssessmentOut,
    summary="Submit an assessment",
    responses=REFUSALS,
)
async def submit_assessment(
    caller: EvaluatorCaller, cycle_id: CycleId, body: AssessmentCreate, session: DbSession
) -> AssessmentOut:
    """Score an actor 0–4 on each criterion, with a rationale."""
    assessment = await service.submit_assessment(
        session, cycle_id=cycle_id, caller=caller, data=body
    )
    return _assessment_out(assessment, caller)


@router.get(
    "/cycles/{cycle_id}/assessments",
    response_model=Page[AssessmentOut],
    summary="List assessments (blind for evaluators)",
)
async def list_assessments(
    caller: EvaluatorOrAdminCaller,
    cycle_id: CycleId,
    session: DbSession,
    actor_id: Annotated[str | None, id_query("actor")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[AssessmentOut]:
    """An evaluator sees its own assessments, and others' of an actor only once it assessed it."""
    found = await service.list_assessments(
        session, cycle_id=cycle_id, caller=caller, actor_id=actor_id, cursor=cursor, limit=limit
    )
    return Page(
        items=[_assessment_out(a, caller) for a in found.items], next_cursor=found.next_cursor
    )


@router.get(
    "/cycles/{cycle_id}/scorecards/{actor_id}",
    response_model=ScorecardOut,
    summary="An actor's scorecard",
)
async def get_scorecard(
    _: AgencyOrAdminCaller, cycle_id: CycleId, actor_id: ActorId, session: DbSession
) -> ScorecardOut:
    """Per criterion median, min and max; never who gave which score."""
    card = await service.scorecard(session, cycle_id=cycle_id, actor_id=actor_id)
    return _scorecard_out(cycle_id, actor_id, card)


def _scorecard_out(cycle_id: str, actor_id: str, card: rules.Scorecard) -> ScorecardOut:
    return ScorecardOut(
        cycle_id=cycle_id,
        actor_id=actor_id,
        assessments=card.assessments,
        complete=card.complete,
        disagreement=card.disagreement,
        standards_and_visions=criterion_out(card.criteria["standards_and_visions"]),
        knowledge_generation=criterion_out(card.criteria["knowledge_generation"]),
        domestic_outreach=criterion_out(card.criteria["domestic_outreach"]),
    )


@router.get(
    "/actors/{actor_id}/history",
    response_model=Page[HistoryEntry],
    summary="An actor's scorecards across cycles",
)
async def actor_history(
    _: AgencyOrAdminCaller,
    actor_id: ActorId,
    session: DbSession,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[HistoryEntry]:
    """The actor's scorecard in each cycle it was assessed in, oldest period first; never who
    gave which score. 404 for an unknown or erased actor."""
    found = await service.history(session, actor_id=actor_id, cursor=cursor, limit=limit)
    return Page(
        items=[
            HistoryEntry(
                cycle_id=e.cycle.id,
                cycle_name=e.cycle.name,
                period=Period(start=e.cycle.period_start, end=e.cycle.period_end),
                scorecard=_scorecard_out(e.cycle.id, actor_id, e.card),
            )
            for e in found.items
        ],
        next_cursor=found.next_cursor,
    )
