"""All SQL of custody transfers, and of handing an actor over to its new custodian."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from actors import keyset
from actors.models import Actor, ActorKey, CustodyTransfer, Grant

PENDING = "pending"


async def add_transfer(session: AsyncSession, transfer: CustodyTransfer) -> None:
    session.add(transfer)
    await session.flush()


async def get_transfer(
    session: AsyncSession, actor_id: str, transfer_id: str
) -> CustodyTransfer | None:
    transfer = await session.get(CustodyTransfer, transfer_id)
    return transfer if transfer is not None and transfer.actor_id == actor_id else None


async def pending_transfer(session: AsyncSession, actor_id: str) -> CustodyTransfer | None:
    query = select(CustodyTransfer).where(
        CustodyTransfer.actor_id == actor_id, CustodyTransfer.status == PENDING
    )
    return (await session.scalars(query.limit(1))).first()


async def list_transfers(
    session: AsyncSession,
    *,
    to_state: str | None = None,
    from_state: str | None = None,
    status: str,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[CustodyTransfer]:
    """Transfers to (or from) a state with a status, oldest first."""
    query = select(CustodyTransfer).where(CustodyTransfer.status == status)
    if to_state is not None:
        query = query.where(CustodyTransfer.to_state == to_state)
    if from_state is not None:
        query = query.where(CustodyTransfer.from_state == from_state)
    order = (CustodyTransfer.created_at, CustodyTransfer.id)
    if after is not None:
        query = query.where(keyset.after(order, after))
    return list(await session.scalars(query.order_by(*order).limit(limit)))


async def decide(
    session: AsyncSession, transfer: CustodyTransfer, *, status: str, at: datetime
) -> bool:
    """Close a pending transfer; False if a concurrent request closed it first."""
    result = await session.execute(
        update(CustodyTransfer)
        .where(CustodyTransfer.id == transfer.id, CustodyTransfer.status == PENDING)
        .values(status=status, decided_at=at)
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return False
    await session.refresh(transfer)
    return True


async def hand_over(
    session: AsyncSession,
    actor: Actor,
    *,
    to_state: str,
    personal: bytes,
    attributes: bytes,
    wrapped_key: bytes,
    master_key_id: str,
    at: datetime,
) -> bool:
    """Make ``to_state`` the custodian with the actor's data sealed under a new data key, whose
    wrapped form replaces (destroys) the old one; only if the actor is unchanged since it was
    read (False when a concurrent change came first). ``actor`` is refreshed."""
    result = await session.execute(
        update(Actor)
        .where(
            Actor.id == actor.id,
            Actor.version == actor.version,
            Actor.custodian_state == actor.custodian_state,
        )
        .values(
            custodian_state=to_state,
            personal=personal,
            attributes=attributes,
            version=actor.version + 1,
            updated_at=at,
        )
        .execution_options(synchronize_session=False)
    )
    if not getattr(result, "rowcount", 0):
        return False
    await session.execute(
        update(ActorKey)
        .where(ActorKey.actor_id == actor.id)
        .values(wrapped_key=wrapped_key, master_key_id=master_key_id)
        .execution_options(synchronize_session=False)
    )
    await session.refresh(actor)
    return True


async def withdraw_grants(
    session: AsyncSession, actor_id: str, *, all_states: bool, state: str
) -> None:
    """Withdraw every grant of the actor (``all_states``), or only ``state``'s."""
    query = delete(Grant).where(Grant.actor_id == actor_id)
    if not all_states:
        query = query.where(Grant.state == state)
    await session.execute(query.execution_options(synchronize_session=False))
