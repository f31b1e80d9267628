"""Rules of evaluation cycles: opening and closing, conflicts, blind assessments, activities."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from agora_common.identity import Identity
from agora_common.outbox import enqueue
from agora_common.problems import Conflict, NotFound, Unprocessable
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation import rules
from evaluation.actors_view import repository as actors
from evaluation.cycles import repository
from evaluation.cycles.models import CLOSED, OPEN, Activity, Assessment, ConflictDeclaration, Cycle
from evaluation.cycles.schemas import ActivityCreate, AssessmentCreate, ConflictCreate, CycleCreate
from evaluation.events import published
from evaluation.funding_view import repository as funding


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


class CycleAlreadyClosed(Conflict):
    title = "Cycle already closed"


def new_id(prefix: str) -> str:
    """A random, opaque id (never sequential)."""
    return f"{prefix}_{secrets.token_urlsafe(16)}"


async def _cycle(session: AsyncSession, cycle_id: str, *, for_update: bool = False) -> Cycle:
    cycle = await repository.get_cycle(session, cycle_id, for_update=for_update)
    if cycle is None:
        raise NotFound("No such evaluation cycle.")
    return cycle


async def _require_live_actor(session: AsyncSession, actor_id: str) -> None:
    if not await actors.is_live_actor(session, actor_id):
        raise Unprocessable.field(
            ["body", "actor_id"], "Not an actor this service knows (unknown or erased)."
        )


async def open_cycle(session: AsyncSession, *, data: CycleCreate) -> Cycle:
    """Open a new evaluation cycle for a period."""
    cycle = Cycle(
        id=new_id("cyc"),
        name=data.name,
        period_start=data.period.start,
        period_end=data.period.end,
        status=OPEN,
        created_at=datetime.now(UTC),
        closed_at=None,
    )
    await repository.add(session, cycle)
    await enqueue(session, *published.cycle_opened(cycle))
    return cycle


async def close_cycle(session: AsyncSession, *, cycle_id: str) -> Cycle:
    """Close a cycle: it takes no more assessments."""
    cycle = await _cycle(session, cycle_id, for_update=True)
    if not cycle.is_open:
        raise CycleAlreadyClosed("The cycle is already closed.")
    cycle.status = CLOSED
    cycle.closed_at = datetime.now(UTC)
    await session.flush()
    figures = (await repository.progress(session, [cycle.id])).get(cycle.id, repository.Progress())
    await enqueue(session, *published.cycle_closed(cycle, figures))
    return cycle


async def get_cycle(session: AsyncSession, *, cycle_id: str) -> Cycle:
    """One cycle, or 404."""
    return await _cycle(session, cycle_id)


async def list_cycles(
    session: AsyncSession, *, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Cycle]:
    """Cycles in the order they were opened."""
    return await repository.list_cycles(session, after=after, limit=limit)


async def progress_of(
    session: AsyncSession, *, cycle_ids: Sequence[str]
) -> dict[str, repository.Progress]:
    """Progress figures of some cycles (absent ones have none yet)."""
    return await repository.progress(session, cycle_ids)


async def declare_conflict(
    session: AsyncSession, *, caller: Identity, data: ConflictCreate
) -> ConflictDeclaration:
    """Record the evaluator's conflict of interest with an actor (declaring twice is harmless)."""
    await _require_live_actor(session, data.actor_id)
    existing = await repository.conflict_of(
        session, evaluator_id=caller.client_id, actor_id=data.actor_id
    )
    if existing is not None:
        return existing
    declaration = ConflictDeclaration(
        id=new_id("coi"),
        evaluator_id=caller.client_id,
        actor_id=data.actor_id,
        reason=data.reason,
        declared_at=datetime.now(UTC),
    )
    await repository.add(session, declaration)
    return declaration


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
        conflict_declared=await repository.conflict_of(
            session, evaluator_id=caller.client_id, actor_id=actor_id
        )
        is not None,
        affiliated_state_funds_actor=funds,
    )


async def submit_assessment(
    session: AsyncSession, *, cycle_id: str, caller: Identity, data: AssessmentCreate
) -> Assessment:
    """Score an actor on the three criteria, unless a conflict or a closed cycle forbids it."""
    cycle = await _cycle(session, cycle_id, for_update=True)
    await _require_live_actor(session, data.actor_id)
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
    count = await repository.count_assessments(session, cycle_id=cycle.id, actor_id=data.actor_id)
    await enqueue(session, *published.assessment_submitted(assessment, count))
    return assessment


async def list_assessments(
    session: AsyncSession,
    *,
    cycle_id: str,
    caller: Identity,
    actor_id: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[Assessment]:
    """Assessments an evaluator may see (its own, and others' once it submitted), or all for admins."""
    await _cycle(session, cycle_id)
    return await repository.list_assessments(
        session,
        cycle_id=cycle_id,
        actor_id=actor_id,
        visible_to=None if caller.role == "admin" else caller.client_id,
        after=after,
        limit=limit,
    )


async def scorecard(session: AsyncSession, *, cycle_id: str, actor_id: str) -> rules.Scorecard:
    """An actor's aggregate scores in a cycle; 404 for an unknown or erased actor."""
    await _cycle(session, cycle_id)
    if not await actors.is_live_actor(session, actor_id):
        raise NotFound("No such actor.")
    rows = await repository.assessments_of(session, cycle_id=cycle_id, actor_id=actor_id)
    return rules.scorecard([a.scores() for a in rows])


async def record_activity(
    session: AsyncSession, *, caller: Identity, data: ActivityCreate
) -> Activity:
    """Record a supported activity with aggregate participant counts."""
    errors: list[dict[str, Any]] = []
    parts = data.participants
    for name in ("women", "non_russian_ethnic_origin"):
        if getattr(parts, name) > parts.total:
            errors.append(
                {
                    "loc": ["body", "participants", name],
                    "msg": "May not exceed the total.",
                    "type": "value_error",
                }
            )
    if errors:
        raise Unprocessable("The request is not valid; see errors.", errors=errors)
    cycle = await repository.get_cycle(session, data.cycle_id)
    if cycle is None:
        raise Unprocessable.field(["body", "cycle_id"], "No such evaluation cycle.")
    if not cycle.period_start <= data.date <= cycle.period_end:
        raise Unprocessable.field(["body", "date"], "Not within the cycle's period.")
    await _require_live_actor(session, data.actor_id)
    activity = Activity(
        id=new_id("acy"),
        cycle_id=cycle.id,
        actor_id=data.actor_id,
        kind=data.kind.value,
        title=data.title,
        held_on=data.date,
        participants_total=parts.total,
        participants_women=parts.women,
        participants_non_russian=parts.non_russian_ethnic_origin,
        audience_inside_russia=data.audience_inside_russia,
        reported_by=caller.state or caller.client_id[:16],
        recorded_at=datetime.now(UTC),
    )
    await repository.add(session, activity)
    return activity
