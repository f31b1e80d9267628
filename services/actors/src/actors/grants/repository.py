"""All SQL of grants: the states a custodian shares an actor's personal data with."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import Grant


async def get_grant(session: AsyncSession, actor_id: str, state: str) -> Grant | None:
    return await session.get(Grant, (actor_id, state))


async def add_grant(session: AsyncSession, grant: Grant) -> bool:
    """Add the grant; False if a concurrent request added the same one first."""
    session.add(grant)
    try:
        await session.flush()
    except IntegrityError:
        return False
    return True


async def delete_grant(session: AsyncSession, grant: Grant) -> None:
    await session.delete(grant)
    await session.flush()


async def granted_actor_ids(
    session: AsyncSession, actor_ids: Sequence[str], state: str
) -> set[str]:
    """Which of ``actor_ids`` are shared with ``state``."""
    if not actor_ids:
        return set()
    rows = await session.scalars(
        select(Grant.actor_id).where(Grant.actor_id.in_(actor_ids), Grant.state == state)
    )
    return set(rows)


async def list_grants(
    session: AsyncSession, actor_id: str, *, after: str | None, limit: int
) -> list[Grant]:
    query = select(Grant).where(Grant.actor_id == actor_id)
    if after is not None:
        query = query.where(Grant.state > after)
    return list(await session.scalars(query.order_by(Grant.state).limit(limit)))
