"""All SQL of supported activities."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.activities.models import Activity
from evaluation.actors_view.models import KnownActor


async def add(session: AsyncSession, activity: Activity) -> None:
    session.add(activity)
    await session.flush()


async def activity_totals(
    session: AsyncSession, *, cycle_id: str
) -> Sequence[Row[str, str | None, int, int, int, int, int | None]]:
    """Per live actor and funding donor of the linked commitment (None: not linked): activities
    and summed participant counts in a cycle (aggregated in SQL)."""
    rows = await session.execute(
        select(
            Activity.actor_id,
            Activity.funded_by,
            func.count(),
            func.sum(Activity.participants_total),
            func.sum(Activity.participants_women),
            func.sum(Activity.participants_non_russian),
            func.coalesce(func.sum(Activity.audience_inside_russia), 0),
        )
        .join(KnownActor, KnownActor.actor_id == Activity.actor_id)
        .where(Activity.cycle_id == cycle_id, KnownActor.erased.is_(False))
        .group_by(Activity.actor_id, Activity.funded_by)
        .order_by(Activity.actor_id)
    )
    return rows.all()


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Remove an erased actor's activities (a title may name it)."""
    await session.execute(delete(Activity).where(Activity.actor_id == actor_id))
