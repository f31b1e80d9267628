"""The slice on PostgreSQL: every service and the gateway on a database of its own."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.plugin import require_postgres
from agora_platform.testing.e2e import Agora, eventually, start_platform

PARTS = ("actors", "funding", "evaluation", "gateway")


@pytest.fixture
async def pg_agora(tmp_path: Path) -> AsyncIterator[Agora]:
    await require_postgres()
    prefix = f"agora_e2e_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
    for part in PARTS:
        await conn.execute(f'CREATE DATABASE "{prefix}_{part}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    env = {f"AGORA_{p.upper()}_DATABASE_URL": f"{base}/{prefix}_{p}" for p in PARTS}
    platform = await asyncio.to_thread(start_platform, tmp_path / "platform", env)
    agora = Agora(platform)
    await agora.start()
    try:
        yield agora
    finally:
        await agora.close()
        platform.stop()
        for part in PARTS:
            await conn.execute(f'DROP DATABASE IF EXISTS "{prefix}_{part}" WITH (FORCE)')
        await conn.close()


async def test_the_slice_runs_on_postgresql(pg_agora: Agora) -> None:
    agency = await pg_agora.client("agency", "PL")
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "media_outlet",
            "public_name": "Radio in exile",
            "sectors": ["independent_media"],
            "host_country": "PL",
        },
    )
    assert created.status_code == 201, created.text
    actor_id = created.json()["id"]
    assert (await agency.get(f"/v1/actors/{actor_id}")).json()["custodian_state"] == "PL"

    urls = {p: pg_agora.platform.database_url(p) for p in PARTS}
    for service in ("funding", "evaluation"):
        dsn = urls[service].replace("postgresql+asyncpg://", "postgresql://")

        async def arrived(dsn: str = dsn) -> bool:
            conn = await asyncpg.connect(dsn)
            try:
                row = await conn.fetchrow(
                    "SELECT kind FROM known_actors WHERE actor_id = $1", actor_id
                )
            finally:
                await conn.close()
            return row is not None and row["kind"] == "media_outlet"

        assert await eventually(arrived)
