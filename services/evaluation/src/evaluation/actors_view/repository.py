"""All SQL of the evaluation service's actor read model."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view.models import KnownActor


async def get_known_actor(session: AsyncSession, actor_id: str) -> KnownActor | None:
    return await session.get(KnownActor, actor_id)


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


async def live_actors(session: AsyncSession, actor_ids: Iterable[str]) -> dict[str, KnownActor]:
    """The known, non-erased actors among ``actor_ids``."""
    ids = sorted(set(actor_ids))
    found: dict[str, KnownActor] = {}
    for start in range(0, len(ids), 500):  # bounded IN lists
        rows = await session.scalars(
            select(KnownActor).where(
                KnownActor.actor_id.in_(ids[start : start + 500]), KnownActor.erased.is_(False)
            )
        )
        found.update({a.actor_id: a for a in rows})
    return found
