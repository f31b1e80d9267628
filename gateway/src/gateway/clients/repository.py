"""All SQL of clients."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.clients.models import Client


async def get_client(session: AsyncSession, client_id: str) -> Client | None:
    return await session.get(Client, client_id)


async def add_client(session: AsyncSession, client: Client) -> None:
    session.add(client)
    await session.flush()


async def list_clients(session: AsyncSession, *, after: str | None, limit: int) -> list[Client]:
    """Clients ordered by id, those after ``after``."""
    query = select(Client).order_by(Client.client_id).limit(limit)
    if after is not None:
        query = query.where(Client.client_id > after)
    return list((await session.scalars(query)).all())
