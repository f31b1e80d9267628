"""All SQL of vetting decisions: one per actor and state."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import Vetting


async def get_vetting(session: AsyncSession, actor_id: str, state: str) -> Vetting | None:
    return await session.get(Vetting, (actor_id, state))


async def save_vetting(session: AsyncSession, vetting: Vetting) -> bool:
    """Save the decision; False if a concurrent request created the same one first."""
    session.add(vetting)
    try:
        await session.flush()
    except IntegrityError:
        return False
    return True
