"""All SQL of clients."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.clients.models import Client


async def get_client(session: AsyncSession, client_id: str) -> Client | None:
    return await session.get(Client, client_id)


async def lock_client(session: AsyncSession, client_id: str) -> Client | None:
    """The client, its row locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway): two admins approving one client at once approve it one after the other."""
    return await session.get(Client, client_id, with_for_update=True, populate_existing=True)


async def add_client(session: AsyncSession, client: Client) -> None:
    session.add(client)
    await session.flush()


async def list_clients(session: AsyncSession, *, after: str | None, limit: int) -> list[Client]:
    """Clients ordered by id, those after ``after``."""
    query = select(Client).order_by(Client.client_id).limit(limit)
    if after is not None:
        query = query.where(Client.client_id > after)
    return list((await session.scalars(query)).all())


async def count_active_admins(session: AsyncSession) -> int:
    """Admin clients that can sign in (not revoked, not pending approval)."""
    query = (
        select(func.count())
        .select_from(Client)
        .where(Client.role == "admin", Client.status == "active", Client.revoked_at.is_(None))
    )
    return int(await session.scalar(query) or 0)


async def list_state_clients(
    session: AsyncSession, *, state: str, roles: tuple[str, ...], after: str | None, limit: int
) -> list[Client]:
    """The clients of ``state`` with one of ``roles``, ordered by id, those after ``after``."""
    query = (
        select(Client)
        .where(Client.state == state, Client.role.in_(roles))
        .order_by(Client.client_id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(Client.client_id > after)
    return list((await session.scalars(query)).all())
