"""All SQL of a master-key rotation: the wrapped data keys, read and replaced in batches."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from actors.models import ActorKey


async def keys_wrapped_by_others(
    session: AsyncSession, *, current_key_id: str, after: str, limit: int
) -> list[tuple[str, bytes]]:
    """(actor id, wrapped key) of data keys not wrapped by the current master key, by id."""
    rows = await session.execute(
        select(ActorKey.actor_id, ActorKey.wrapped_key)
        .where(ActorKey.master_key_id != current_key_id, ActorKey.actor_id > after)
        .order_by(ActorKey.actor_id)
        .limit(limit)
    )
    return [(row.actor_id, row.wrapped_key) for row in rows]


async def replace_wrapped_key(
    session: AsyncSession, actor_id: str, *, old: bytes, new: bytes, key_id: str
) -> bool:
    """Store the re-wrapped key unless the row changed meanwhile (erased, or re-wrapped by
    another run); False then."""
    result = await session.execute(
        update(ActorKey)
        .where(ActorKey.actor_id == actor_id, ActorKey.wrapped_key == old)
        .values(wrapped_key=new, master_key_id=key_id)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def data_keys_by_master_key(session: AsyncSession) -> dict[str, int]:
    """How many data keys each master key (by its id) wraps."""
    rows = await session.execute(
        select(ActorKey.master_key_id, func.count()).group_by(ActorKey.master_key_id)
    )
    return {str(key_id): int(n) for key_id, n in rows}
