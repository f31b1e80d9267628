"""All SQL of vetting decisions: the current one per actor and state, and their history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from actors import keyset
from actors.models import Vetting, VettingRecord


async def get_vetting(session: AsyncSession, actor_id: str, state: str) -> Vetting | None:
    return await session.get(Vetting, (actor_id, state))


async def add_vetting(session: AsyncSession, vetting: Vetting) -> bool:
    """Add the state's first decision; False if a concurrent request added one first."""
    session.add(vetting)
    try:
        await session.flush()
    except IntegrityError:
        return False
    return True


async def replace_vetting(
    session: AsyncSession,
    current: Vetting,
    *,
    decision: str,
    decided_on: date,
    recorded_at: datetime,
) -> bool:
    """Replace the state's decision, only if it is still ``current`` (False when a concurrent
    request replaced it first); ``current`` is refreshed to the stored row."""
    result = await session.execute(
        update(Vetting)
        .where(
            Vetting.actor_id == current.actor_id,
            Vetting.state == current.state,
            Vetting.version == current.version,
        )
        .values(
            decision=decision,
            decided_on=decided_on,
            recorded_at=recorded_at,
            version=current.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return False
    await session.refresh(current)
    return True


async def add_record(session: AsyncSession, record: VettingRecord) -> None:
    session.add(record)
    await session.flush()


async def list_records(
    session: AsyncSession,
    actor_id: str,
    state: str,
    *,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[VettingRecord]:
    """The state's decisions on the actor in the order they were recorded."""
    order = (VettingRecord.recorded_at, VettingRecord.id)
    query = select(VettingRecord).where(
        VettingRecord.actor_id == actor_id, VettingRecord.state == state
    )
    if after is not None:
        query = query.where(keyset.after(order, after))
    return list(await session.scalars(query.order_by(*order).limit(limit)))


async def sealed_reasons(
    session: AsyncSession, actor_id: str, *, after: str | None, limit: int
) -> list[VettingRecord]:
    """A batch of the actor's records with a sealed reason, by id (a custody transfer seals
    them anew under the new data key)."""
    query = select(VettingRecord).where(
        VettingRecord.actor_id == actor_id, VettingRecord.reason.is_not(None)
    )
    if after is not None:
        query = query.where(VettingRecord.id > after)
    return list(await session.scalars(query.order_by(VettingRecord.id).limit(limit)))


async def store_reason(session: AsyncSession, record: VettingRecord, reason: bytes) -> None:
    """Replace a record's sealed reason (sealed anew under another data key)."""
    record.reason = reason
    await session.flush()
