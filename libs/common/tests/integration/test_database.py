"""agora_common.db on real SQLite and PostgreSQL: read-only transactions, dead connections."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from agora_common.db import Database
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.plugin import require_postgres
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select, text

toy = MetaData()
things = Table("things", toy, Column("id", Integer, primary_key=True))


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'db.db'}"
    else:
        await require_postgres()
        name = f"agora_db_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
        url = base.replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(toy.create_all)
    yield database
    await database.dispose()
    if backend == "postgres":
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


async def count(db: Database) -> int:
    async with db.transaction(readonly=True) as session:
        return int(await session.scalar(select(func.count()).select_from(things)) or 0)


async def test_a_read_only_transaction_that_writes_writes_atomically(db: Database) -> None:
    async with db.transaction(readonly=True) as session:
        assert await session.scalar(select(func.count()).select_from(things)) == 0
        await session.execute(insert(things).values(id=1))
        await session.execute(insert(things).values(id=2))
    assert await count(db) == 2
    with pytest.raises(RuntimeError):
        async with db.transaction(readonly=True) as session:
            await session.execute(insert(things).values(id=3))
            await session.execute(insert(things).values(id=4))
            raise RuntimeError("the request failed after its writes")
    assert await count(db) == 2  # both rolled back


async def test_connections_the_server_closed_are_replaced_without_a_failed_transaction(
    db: Database, backend: str
) -> None:
    if backend != "postgres":
        pytest.skip("PostgreSQL connections only")
    assert not db.engine.pool._pre_ping  # no round trip before every transaction
    async with db.transaction() as a, db.transaction() as b:  # two pooled connections
        await a.execute(text("SELECT 1"))
        await b.execute(text("SELECT 1"))
    name = db.engine.url.database
    admin = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        # As on a server restart or failover: every connection of the pool is closed.
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
    finally:
        await admin.close()

    await asyncio.sleep(0.2)  # the close reaches the idle connections
    for i in range(5):
        async with db.transaction() as session:
            await session.execute(insert(things).values(id=10 + i))
    assert await count(db) == 5
