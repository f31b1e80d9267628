"""All SQL of assignments and of a cycle's outstanding actors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import delete, exists, func, literal, select, tuple_, union
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view.models import KnownActor
from evaluation.assessments.models import Assessment
from evaluation.assignments.models import Assignment
from evaluation.conflicts.models import ConflictDeclaration
from evaluation.cycles.models import Cycle
from evaluation.funding_view.models import FundedCommitment
from evaluation.funding_view.repository import live_within


async def of_cycle(session: AsyncSession, *, cycle_id: str) -> Sequence[Assignment]:
    """Every assignment of a cycle (bounded: two or three per funded actor)."""
    rows = await session.scalars(
        select(Assignment).where(Assignment.cycle_id == cycle_id).order_by(Assignment.id)
    )
    return rows.all()


async def add_all(session: AsyncSession, assignments: Iterable[Assignment]) -> None:
    session.add_all(assignments)
    await session.flush()


async def withdraw(session: AsyncSession, assignment_ids: Sequence[str]) -> None:
    if assignment_ids:
        await session.execute(delete(Assignment).where(Assignment.id.in_(assignment_ids)))


async def declared_conflicts(
    session: AsyncSession, evaluator_ids: Iterable[str]
) -> set[tuple[str, str]]:
    """(evaluator, actor) of every conflict the given evaluators declared."""
    ids = list(evaluator_ids)
    if not ids:
        return set()
    rows = await session.execute(
        select(ConflictDeclaration.evaluator_id, ConflictDeclaration.actor_id).where(
            ConflictDeclaration.evaluator_id.in_(ids)
        )
    )
    return {(evaluator, actor) for evaluator, actor in rows}


async def previous_cycle(session: AsyncSession, cycle: Cycle) -> Cycle | None:
    """The cycle before this one: the latest by period start, then opening time."""
    position = (cycle.period_start, cycle.created_at, cycle.id)
    return await session.scalar(
        select(Cycle)
        .where(tuple_(Cycle.period_start, Cycle.created_at, Cycle.id) < position)
        .order_by(Cycle.period_start.desc(), Cycle.created_at.desc(), Cycle.id.desc())
        .limit(1)
    )


async def evaluators_by_actor(session: AsyncSession, *, cycle_id: str) -> dict[str, set[str]]:
    """Who was assigned to, or assessed, each actor in a cycle."""
    rows = await session.execute(
        union(
            select(Assignment.actor_id, Assignment.evaluator_id).where(
                Assignment.cycle_id == cycle_id
            ),
            select(Assessment.actor_id, Assessment.evaluator_id).where(
                Assessment.cycle_id == cycle_id
            ),
        )
    )
    found: dict[str, set[str]] = {}
    for actor_id, evaluator_id in rows:
        found.setdefault(actor_id, set()).add(evaluator_id)
    return found


async def assessed_pairs(session: AsyncSession, *, cycle_id: str) -> set[tuple[str, str]]:
    """(actor, evaluator) of every assessment in a cycle."""
    rows = await session.execute(
        select(Assessment.actor_id, Assessment.evaluator_id).where(Assessment.cycle_id == cycle_id)
    )
    return {(actor, evaluator) for actor, evaluator in rows}


class AssignmentRow(NamedTuple):
    id: str
    cycle_id: str
    actor_id: str
    evaluator_id: str
    created_at: datetime
    assessed: bool


async def list_assignments(
    session: AsyncSession,
    *,
    cycle_id: str,
    evaluator_id: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[AssignmentRow]:
    """A cycle's assignments (one evaluator's with ``evaluator_id``) of live actors, in the order
    they were made, each saying whether its evaluator has assessed the actor."""
    assessed = exists().where(
        Assessment.cycle_id == Assignment.cycle_id,
        Assessment.actor_id == Assignment.actor_id,
        Assessment.evaluator_id == Assignment.evaluator_id,
    )
    query = (
        select(
            Assignment.id,
            Assignment.cycle_id,
            Assignment.actor_id,
            Assignment.evaluator_id,
            Assignment.created_at,
            assessed.label("assessed"),
        )
        .join(KnownActor, KnownActor.actor_id == Assignment.actor_id)
        .where(Assignment.cycle_id == cycle_id, KnownActor.erased.is_(False))
        .order_by(Assignment.created_at, Assignment.id)
        .limit(limit)
    )
    if evaluator_id is not None:
        query = query.where(Assignment.evaluator_id == evaluator_id)
    if after is not None:
        query = query.where(tuple_(Assignment.created_at, Assignment.id) > after)
    return [AssignmentRow(*row) for row in await session.execute(query)]


class Outstanding(NamedTuple):
    actor_id: str
    assessments: int
    assigned: int


async def outstanding(
    session: AsyncSession, *, cycle: Cycle, below: int, after: str | None, limit: int
) -> list[Outstanding]:
    """Live actors of a cycle (funded in its period, assigned or assessed in it) with fewer than
    ``below`` assessments, by actor id after a keyset position."""
    in_cycle = union(
        select(FundedCommitment.actor_id.label("actor_id")).where(
            *live_within(cycle.period_start, cycle.period_end),
            FundedCommitment.confidential.is_(False),  # confidential funding shows nowhere
        ),
        select(Assignment.actor_id).where(Assignment.cycle_id == cycle.id),
        select(Assessment.actor_id).where(Assessment.cycle_id == cycle.id),
    ).subquery()
    assessed = (
        select(Assessment.actor_id, func.count().label("n"))
        .where(Assessment.cycle_id == cycle.id)
        .group_by(Assessment.actor_id)
        .subquery()
    )
    assigned = (
        select(Assignment.actor_id, func.count().label("n"))
        .where(Assignment.cycle_id == cycle.id)
        .group_by(Assignment.actor_id)
        .subquery()
    )
    count_assessed = func.coalesce(assessed.c.n, literal(0))
    query = (
        select(in_cycle.c.actor_id, count_assessed, func.coalesce(assigned.c.n, literal(0)))
        .join(KnownActor, KnownActor.actor_id == in_cycle.c.actor_id)
        .outerjoin(assessed, assessed.c.actor_id == in_cycle.c.actor_id)
        .outerjoin(assigned, assigned.c.actor_id == in_cycle.c.actor_id)
        .where(KnownActor.erased.is_(False), count_assessed < below)
        .order_by(in_cycle.c.actor_id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(in_cycle.c.actor_id > after)
    return [Outstanding(a, int(n), int(m)) for a, n, m in await session.execute(query)]
