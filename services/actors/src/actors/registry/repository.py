"""All SQL of the actor registry."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from actors.registry.models import Actor


async def add_actor(session: AsyncSession, actor: Actor) -> None:
    session.add(actor)
    await session.flush()


async def get_actor(session: AsyncSession, actor_id: str) -> Actor | None:
    return await session.get(Actor, actor_id)
