"""All SQL of assessments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Row, delete, exists, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from evaluation.actors_view.models import KnownActor
from evaluation.assessments.models import Assessment
from evaluation.cycles.models import Cycle


async def add(session: AsyncSession, assessment: Assessment) -> None:
    session.add(assessment)
    await session.flush()


async def has_assessed(
    session: AsyncSession, *, cycle_id: str, actor_id: str, evaluator_id: str
) -> bool:
    found = await session.scalar(
        select(Assessment.id).where(
            Assessment.cycle_id == cycle_id,
            Assessment.actor_id == actor_id,
            Assessment.evaluator_id == evaluator_id,
        )
    )
    return found is not None


async def count_assessments(session: AsyncSession, *, cycle_id: str, actor_id: str) -> int:
    count = await session.scalar(
        select(func.count()).where(Assessment.cycle_id == cycle_id, Assessment.actor_id == actor_id)
    )
    return int(count or 0)


async def assessments_of(
    session: AsyncSession, *, cycle_id: str, actor_id: str
) -> Sequence[Assessment]:
    rows = await session.scalars(
        select(Assessment).where(Assessment.cycle_id == cycle_id, Assessment.actor_id == actor_id)
    )
    return rows.all()


async def list_assessments(
    session: AsyncSession,
    *,
    cycle_id: str,
    actor_id: str | None,
    visible_to: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[Assessment]:
    """A cycle's assessments in submission order, after a keyset position.

    With ``visible_to`` (an evaluator's id) only its own, and others' of actors it has itself
    assessed in this cycle: the blindness rule, enforced in the query itself.
    """
    query = (
        select(Assessment)
        .where(Assessment.cycle_id == cycle_id)
        .order_by(Assessment.submitted_at, Assessment.id)
        .limit(limit)
    )
    if actor_id is not None:
        query = query.where(Assessment.actor_id == actor_id)
    if visible_to is not None:
        own = aliased(Assessment)
        query = query.where(
            exists().where(
                own.cycle_id == Assessment.cycle_id,
                own.actor_id == Assessment.actor_id,
                own.evaluator_id == visible_to,
            )
        )
    if after is not None:
        query = query.where(tuple_(Assessment.submitted_at, Assessment.id) > after)
    return (await session.scalars(query)).all()


async def cycle_scores(
    session: AsyncSession, *, cycle_id: str
) -> Sequence[Row[str, int, int, int]]:
    """Every score given in a cycle to an actor that is still live, without evaluator ids."""
    rows = await session.execute(
        select(
            Assessment.actor_id,
            Assessment.standards_and_visions,
            Assessment.knowledge_generation,
            Assessment.domestic_outreach,
        )
        .join(KnownActor, KnownActor.actor_id == Assessment.actor_id)
        .where(Assessment.cycle_id == cycle_id, KnownActor.erased.is_(False))
        .order_by(Assessment.actor_id)
    )
    return rows.all()


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Remove an erased actor's assessments (a rationale may name it)."""
    await session.execute(delete(Assessment).where(Assessment.actor_id == actor_id))


async def cycles_assessing(
    session: AsyncSession, *, actor_id: str, after: tuple[date, str] | None, limit: int
) -> Sequence[Cycle]:
    """The cycles in which the actor was assessed, by period start, after a keyset position."""
    assessed = exists().where(Assessment.cycle_id == Cycle.id, Assessment.actor_id == actor_id)
    query = select(Cycle).where(assessed).order_by(Cycle.period_start, Cycle.id).limit(limit)
    if after is not None:
        query = query.where(tuple_(Cycle.period_start, Cycle.id) > after)
    return (await session.scalars(query)).all()


async def scores_in(
    session: AsyncSession, *, actor_id: str, cycle_ids: Sequence[str]
) -> Sequence[Row[str, int, int, int]]:
    """The actor's scores in the given cycles, without evaluator ids."""
    rows = await session.execute(
        select(
            Assessment.cycle_id,
            Assessment.standards_and_visions,
            Assessment.knowledge_generation,
            Assessment.domestic_outreach,
        ).where(Assessment.actor_id == actor_id, Assessment.cycle_id.in_(cycle_ids))
    )
    return rows.all()
