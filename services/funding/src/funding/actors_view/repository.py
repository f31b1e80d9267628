"""All SQL of the funding service's actor read model."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor


async def get_known_actor(session: AsyncSession, actor_id: str) -> KnownActor | None:
    return await session.get(KnownActor, actor_id)


async def save_known_actor(session: AsyncSession, actor: KnownActor) -> None:
    session.add(actor)
    await session.flush()
