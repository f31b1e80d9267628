"""All SQL of evaluation cycles and their progress figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.assessments.models import Assessment
from evaluation.cycles.models import Cycle
from evaluation.rules import COMPLETE_AT


async def save(session: AsyncSession, cycle: Cycle) -> None:
    session.add(cycle)
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
    """Cycles in the order they were opened, after a keyset position."""
    query = select(Cycle).order_by(Cycle.created_at, Cycle.id).limit(limit)
    if after is not None:
        query = query.where(tuple_(Cycle.created_at, Cycle.id) > after)
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
