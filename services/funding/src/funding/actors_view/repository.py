"""All SQL of the funding service's actor read model."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import ActorVetting, KnownActor


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


async def lock_vetting(session: AsyncSession, actor_id: str, state: str) -> ActorVetting | None:
    """One state's decision on one actor, its row locked (two replicas keep the newer)."""
    query = (
        select(ActorVetting)
        .where(ActorVetting.actor_id == actor_id, ActorVetting.state == state)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def vetting_decision(session: AsyncSession, actor_id: str, state: str) -> str | None:
    """The latest decision of ``state`` on the actor, if it made one."""
    query = select(ActorVetting.decision).where(
        ActorVetting.actor_id == actor_id, ActorVetting.state == state
    )
    return (await session.execute(query)).scalar_one_or_none()


async def save_vetting(session: AsyncSession, vetting: ActorVetting) -> None:
    session.add(vetting)
    await session.flush()


async def forget_vetting(session: AsyncSession, actor_id: str) -> None:
    """Drop every state's decision on an erased actor."""
    await session.execute(
        delete(ActorVetting)
        .where(ActorVetting.actor_id == actor_id)
        .execution_options(synchronize_session="fetch")
    )
