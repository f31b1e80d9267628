"""All SQL of evaluation cycles, conflicts, assessments and activities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, and_, case, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from evaluation.actors_view.models import KnownActor
from evaluation.cycles.models import Activity, Assessment, ConflictDeclaration, Cycle
from evaluation.rules import COMPLETE_AT


async def add(
    session: AsyncSession, row: Cycle | ConflictDeclaration | Assessment | Activity
) -> None:
    session.add(row)
    await session.flush()


async def get_cycle(
    session: AsyncSession, cycle_id: str, *, for_update: bool = False
) -> Cycle | None:
    """One cycle; ``for_update`` locks it (PostgreSQL) so that closing and assessing serialise."""
    query = select(Cycle).where(Cycle.id == cycle_id)
    if for_update:
        query = query.with_for_update()
    return await session.scalar(query)


async def list_cycles(
    session: AsyncSession, *, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Cycle]:
    query = select(Cycle).order_by(Cycle.created_at, Cycle.id).limit(limit)
    if after is not None:
        created_at, cycle_id = after
        query = query.where(
            or_(
                Cycle.created_at > created_at,
                and_(Cycle.created_at == created_at, Cycle.id > cycle_id),
            )
        )
    return (await session.scalars(query)).all()


@dataclass(frozen=True, slots=True)
class Progress:
    actors_assessed: int = 0
    assessments: int = 0
    complete_scorecards: int = 0


async def progress(session: AsyncSession, cycle_ids: Sequence[str]) -> dict[str, Progress]:
    """Per cycle: actors assessed, assessments, and actors with a complete scorecard."""
    if not cycle_ids:
        return {}
    per_actor = (
        select(Assessment.cycle_id, Assessment.actor_id, func.count().label("n"))
        .where(Assessment.cycle_id.in_(cycle_ids))
        .group_by(Assessment.cycle_id, Assessment.actor_id)
        .subquery()
    )
    rows = await session.execute(
        select(
            per_actor.c.cycle_id,
            func.count(),
            func.sum(per_actor.c.n),
            func.sum(case((per_actor.c.n >= COMPLETE_AT, 1), else_=0)),
        ).group_by(per_actor.c.cycle_id)
    )
    return {
        cycle_id: Progress(int(actors), int(total or 0), int(complete or 0))
        for cycle_id, actors, total, complete in rows
    }


async def conflict_of(
    session: AsyncSession, *, evaluator_id: str, actor_id: str
) -> ConflictDeclaration | None:
    return await session.scalar(
        select(ConflictDeclaration).where(
            ConflictDeclaration.evaluator_id == evaluator_id,
            ConflictDeclaration.actor_id == actor_id,
        )
    )


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
    """A cycle's assessments in submission order.

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
        submitted_at, assessment_id = after
        query = query.where(
            or_(
                Assessment.submitted_at > submitted_at,
                and_(Assessment.submitted_at == submitted_at, Assessment.id > assessment_id),
            )
        )
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


async def activity_totals(
    session: AsyncSession, *, cycle_id: str
) -> Sequence[Row[str, int, int, int, int, int | None]]:
    """Per live actor: activities and summed participant counts in a cycle (aggregated in SQL)."""
    rows = await session.execute(
        select(
            Activity.actor_id,
            func.count(),
            func.sum(Activity.participants_total),
            func.sum(Activity.participants_women),
            func.sum(Activity.participants_non_russian),
            func.coalesce(func.sum(Activity.audience_inside_russia), 0),
        )
        .join(KnownActor, KnownActor.actor_id == Activity.actor_id)
        .where(Activity.cycle_id == cycle_id, KnownActor.erased.is_(False))
        .group_by(Activity.actor_id)
        .order_by(Activity.actor_id)
    )
    return rows.all()


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Remove what this service holds about an erased actor (rationales and titles may name it)."""
    for table in (Assessment, Activity, ConflictDeclaration):
        await session.execute(delete(table).where(table.actor_id == actor_id))
