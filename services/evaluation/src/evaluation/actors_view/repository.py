"""All SQL of the evaluation service's actor read model."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view.models import KnownActor


async def lock_known_actor(session: AsyncSession, actor_id: str) -> KnownActor | None:
    """The actor, its row locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway), so two consumer replicas applying two versions of it cannot both read the
    older one and the older write win."""
    return await session.get(KnownActor, actor_id, with_for_update=True, populate_existing=True)


async def save_known_actor(session: AsyncSession, actor: KnownActor) -> None:
    session.add(actor)
    await session.flush()


async def is_live_actor(session: AsyncSession, actor_id: str) -> bool:
    """Whether the actor is known and not erased."""
    found = await session.scalar(
        select(KnownActor.actor_id).where(
            KnownActor.actor_id == actor_id, KnownActor.erased.is_(False)
        )
    )
    return found is not None


class ActorAttributes(NamedTuple):
    actor_id: str
    kind: str | None
    sectors: list[str]
    host_country: str | None
    origin_region: str | None


async def live_actor_attributes(session: AsyncSession) -> dict[str, ActorAttributes]:
    """The public attributes of every live actor (one bounded read: ~15,000 rows at most)."""
    rows = await session.execute(
        select(
            KnownActor.actor_id,
            KnownActor.kind,
            KnownActor.sectors,
            KnownActor.host_country,
            KnownActor.origin_region,
        ).where(KnownActor.erased.is_(False))
    )
    return {
        actor_id: ActorAttributes(actor_id, kind, sectors or [], host, region)
        for actor_id, kind, sectors, host, region in rows
    }
