"""Blind assessments: who may assess whom, what an evaluator may see, and the scorecard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from agora_common.identity import Identity
from agora_common.ids import new_id
from agora_common.outbox import enqueue
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.actors_view.service import live_actor_or_404, require_live_actor
from evaluation.assessments import repository
from evaluation.assessments.models import Assessment
from evaluation.assessments.schemas import AssessmentCreate
from evaluation.conflicts import repository as conflicts
from evaluation.cycles import service as cycles
from evaluation.cycles.models import Cycle
from evaluation.events import published
from evaluation.funding_view import repository as funding
from evaluation.reports import inputs as report_inputs


class AssessmentRefused(Conflict):
    """409 naming why the evaluator may not assess this actor in this cycle."""

    title = "Assessment refused"

    def __init__(self, reason: rules.Refusal) -> None:
        super().__init__(rules.REFUSAL_DETAILS[reason])
        self.reason = reason

    def body(self) -> dict[str, Any]:
        return {
            **super().body(),
            "type": f"urn:agora:problem:assessment-refused:{self.reason.value}",
            "reason": self.reason.value,
        }


async def refusal_for(
    session: AsyncSession, *, cycle: Cycle, caller: Identity, actor_id: str
) -> rules.Refusal | None:
    """Why ``caller`` may not assess ``actor_id`` in ``cycle``, or None."""
    funds = False
    if caller.state:
        funds = await funding.donor_funds_actor(
            session,
            donor=caller.state,
            actor_id=actor_id,
            start=cycle.period_start,
            end=cycle.period_end,
        )
    return rules.refusal(
        cycle_open=cycle.is_open,
        already_assessed=await repository.has_assessed(
            session, cycle_id=cycle.id, actor_id=actor_id, evaluator_id=caller.client_id
        ),
        conflict_declared=await conflicts.conflict_of(
            session, evaluator_id=caller.client_id, actor_id=actor_id
        )
        is not None,
        affiliated_state_funds_actor=funds,
    )


async def submit_assessment(
    session: AsyncSession, *, cycle_id: str, caller: Identity, data: AssessmentCreate
) -> Assessment:
    """Score an actor on the three criteria, unless a conflict or a closed cycle forbids it."""
    cycle = await cycles.get_cycle(session, cycle_id=cycle_id, for_update=True)
    await require_live_actor(session, actor_id=data.actor_id)
    reason = await refusal_for(session, cycle=cycle, caller=caller, actor_id=data.actor_id)
    if reason is not None:
        raise AssessmentRefused(reason)
    assessment = Assessment(
        id=new_id("asm"),
        cycle_id=cycle.id,
        actor_id=data.actor_id,
        evaluator_id=caller.client_id,
        evaluator_state=caller.state,
        standards_and_visions=data.scores.standards_and_visions,
        knowledge_generation=data.scores.knowledge_generation,
        domestic_outreach=data.scores.domestic_outreach,
        rationale=data.rationale,
        submitted_at=datetime.now(UTC),
    )
    try:
        await repository.add(session, assessment)
    except IntegrityError:
        # A concurrent submission by the same evaluator won the unique constraint.
        raise AssessmentRefused(rules.Refusal.already_assessed) from None
    report_inputs.note_change(session)  # its scores are in the cycle's portfolio
    count = await repository.count_assessments(session, cycle_id=cycle.id, actor_id=data.actor_id)
    await enqueue(session, *published.assessment_submitted(assessment, count))
    return assessment


async def list_assessments(
    session: AsyncSession,
    *,
    cycle_id: str,
    caller: Identity,
    actor_id: str | None,
    cursor: str | None,
    limit: int,
) -> Slice[Assessment]:
    """Assessments an evaluator may see (its own, and others' once it submitted), or all for admins."""
    after = decode_cursor(cursor, datetime, str)
    await cycles.get_cycle(session, cycle_id=cycle_id)
    rows = await repository.list_assessments(
        session,
        cycle_id=cycle_id,
        actor_id=actor_id,
        visible_to=None if caller.role == "admin" else caller.client_id,
        after=after,
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda a: (a.submitted_at, a.id))


async def scorecard(session: AsyncSession, *, cycle_id: str, actor_id: str) -> rules.Scorecard:
    """An actor's aggregate scores in a cycle; 404 for an unknown or erased actor."""
    await cycles.get_cycle(session, cycle_id=cycle_id)
    await live_actor_or_404(session, actor_id=actor_id)
    rows = await repository.assessments_of(session, cycle_id=cycle_id, actor_id=actor_id)
    return rules.scorecard([a.scores() for a in rows])


@dataclass(frozen=True, slots=True)
class CycleScorecard:
    cycle: Cycle
    card: rules.Scorecard


async def history(
    session: AsyncSession, *, actor_id: str, cursor: str | None, limit: int
) -> Slice[CycleScorecard]:
    """The actor's scorecard in every cycle it was assessed in, oldest period first."""
    after = decode_cursor(cursor, date, str)
    await live_actor_or_404(session, actor_id=actor_id)
    found = await repository.cycles_assessing(
        session, actor_id=actor_id, after=after, limit=limit + 1
    )
    page = page_of(found, limit, key=lambda c: (c.period_start, c.id))
    scores: dict[str, list[dict[str, int]]] = {c.id: [] for c in page.items}
    for cycle_id, s, k, d in await repository.scores_in(
        session, actor_id=actor_id, cycle_ids=list(scores)
    ):
        scores[cycle_id].append(dict(zip(rules.CRITERIA, (s, k, d), strict=True)))
    return Slice(
        [CycleScorecard(c, rules.scorecard(scores[c.id])) for c in page.items], page.next_cursor
    )
