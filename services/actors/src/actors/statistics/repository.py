"""All SQL of the statistics: aggregated in SQL; personal data only as ciphertext, in bounded
batches."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import (
    Actor,
    ActorActivity,
    ActorKey,
    ActorSector,
    ErasedActor,
    StatisticsSnapshot,
)


async def count_actors(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Actor)) or 0)


async def registry_changes(session: AsyncSession) -> int:
    """How many counted changes the registry has seen (only ever grows: an erasure moves the
    actor's changes, plus one, to its tombstone)."""
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(Actor.statistics_changes), 0),
                select(func.coalesce(func.sum(ErasedActor.statistics_changes), 0))
                .select_from(ErasedActor)
                .scalar_subquery(),
            ).select_from(Actor)
        )
    ).one()
    return int(row[0]) + int(row[1])


async def get_snapshot(session: AsyncSession) -> StatisticsSnapshot:
    snapshot = (
        await session.execute(
            select(StatisticsSnapshot)
            .where(StatisticsSnapshot.id == 1)
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    return snapshot


async def replace_snapshot(
    session: AsyncSession,
    *,
    expected_changes: int,
    expected_taken_at: datetime | None,
    changes: int,
    body: str,
    taken_at: datetime,
) -> bool:
    """Store a new release unless another request stored one since the one expected (the
    time tells apart releases taken at the same change count)."""
    result = await session.execute(
        update(StatisticsSnapshot)
        .where(
            StatisticsSnapshot.id == 1,
            StatisticsSnapshot.changes == expected_changes,
            StatisticsSnapshot.taken_at.is_not_distinct_from(expected_taken_at),
        )
        .values(changes=changes, body=body, taken_at=taken_at)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def _count_by(session: AsyncSession, column: Any) -> dict[str, int]:
    rows = await session.execute(select(column, func.count()).group_by(column))
    return {str(value): int(n) for value, n in rows if value is not None}


async def counts_by_kind(session: AsyncSession) -> dict[str, int]:
    return await _count_by(session, Actor.kind)


async def counts_by_host_country(session: AsyncSession) -> dict[str, int]:
    return await _count_by(session, Actor.host_country)


async def counts_by_origin_region(session: AsyncSession) -> dict[str, int]:
    return await _count_by(session, Actor.origin_region)


async def counts_by_sector(session: AsyncSession) -> dict[str, int]:
    return await _count_by(session, ActorSector.sector)


async def counts_by_activity(session: AsyncSession) -> dict[str, int]:
    return await _count_by(session, ActorActivity.activity)


async def sealed_personal_data(
    session: AsyncSession, *, batch: int = 500
) -> AsyncIterator[list[tuple[str, bytes, bytes]]]:
    """(actor id, ciphertext, wrapped key) of every actor, a batch at a time by id."""
    last = ""
    while True:
        rows = (
            await session.execute(
                select(Actor.id, Actor.personal, ActorKey.wrapped_key)
                .join(ActorKey, ActorKey.actor_id == Actor.id)
                .where(Actor.id > last)
                .order_by(Actor.id)
                .limit(batch)
            )
        ).all()
        if not rows:
            return
        yield [(r[0], r[1], r[2]) for r in rows]
        last = rows[-1][0]
