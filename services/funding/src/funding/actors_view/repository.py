"""All SQL of the funding service's actor read model."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor


async def get_known_actor(session: AsyncSession, actor_id: str) -> KnownActor | None:
    return await session.get(KnownActor, actor_id)


async def lock_known_actor(session: AsyncSession, actor_id: str) -> KnownActor | None:
    """The actor, its row locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway): commitments to one actor are then made one after the other, so each
    sees every earlier one when it looks for overlaps."""
    query = (
        select(KnownActor)
        .where(KnownActor.actor_id == actor_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def save_known_actor(session: AsyncSession, actor: KnownActor) -> None:
    session.add(actor)
    await session.flush()
