"""agora_common.applied through request_session on real SQLite and PostgreSQL: a POST with an
Idempotency-Key is applied once; its retry gets 409, another request under the key 422."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from agora_common.applied import ALREADY_APPLIED_TYPE, AppliedRequests, applied_requests
from agora_common.db import Database, DbSession
from agora_common.identity import IdentitySigner, IdentityVerifier, current_identity
from agora_common.problems import Conflict, install_problem_handlers
from agora_common.testing.client import Caller, ServiceClient
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.plugin import require_postgres
from fastapi import APIRouter, Depends, FastAPI, Request
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select

toy = MetaData()
things = Table(
    "things",
    toy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(50)),
)
applied_requests.to_metadata(toy)

AGENCY = Caller("agency", "DE")


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'db.db'}"
    else:
        await require_postgres()
        name = f"agora_applied_{uuid.uuid4().hex[:10]}"
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


def toy_app(db: Database, public_key: bytes) -> FastAPI:
    """A service-shaped app: every route behind the identity, one write per POST."""
    router = APIRouter()

    @router.post("/things", status_code=201)
    async def add_thing(body: dict[str, Any], session: DbSession, request: Request) -> dict:
        await session.execute(insert(things).values(name=str(body.get("name"))))
        await asyncio.sleep(float(body.get("linger", 0)))  # holds the transaction open
        if request.app.state.refuse:
            raise Conflict("Refused after the write (the request rolls back).")
        return {"ok": True}

    app = FastAPI()
    install_problem_handlers(app)
    app.state.db = db
    app.state.identity_verifier = IdentityVerifier(public_key)
    app.state.applied_requests = AppliedRequests()
    app.state.refuse = False
    app.include_router(router, dependencies=[Depends(current_identity)])
    return app


@pytest.fixture
async def service(
    db: Database, signer: IdentitySigner, identity_keys: tuple[bytes, bytes]
) -> AsyncIterator[ServiceClient]:
    app = toy_app(db, identity_keys[1])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        yield ServiceClient(http, signer, app)


async def post(
    service: ServiceClient, body: dict[str, Any], key: str | None, caller: Caller = AGENCY
) -> httpx.Response:
    headers = {"Idempotency-Key": key} if key is not None else None
    return await service.post("/things", caller=caller, json=body, headers=headers)


async def counts(db: Database) -> tuple[int, int]:
    async with db.transaction(readonly=True) as session:
        n_things = await session.scalar(select(func.count()).select_from(things))
        n_applied = await session.scalar(select(func.count()).select_from(applied_requests))
    return int(n_things or 0), int(n_applied or 0)


async def test_a_retried_write_is_refused_with_409_and_not_applied_again(
    service: ServiceClient, db: Database
) -> None:
    first = await post(service, {"name": "a"}, "k-1")
    assert first.status_code == 201
    assert await counts(db) == (1, 1)
    again = await post(service, {"name": "a"}, "k-1")
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    problem = again.json()
    assert problem["type"] == ALREADY_APPLIED_TYPE
    assert "already applied" in problem["detail"]
    assert await counts(db) == (1, 1)


async def test_the_key_with_another_request_is_a_422_and_changes_nothing(
    service: ServiceClient, db: Database
) -> None:
    assert (await post(service, {"name": "a"}, "k-2")).status_code == 201
    reused = await post(service, {"name": "b"}, "k-2")
    assert reused.status_code == 422
    assert reused.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert reused.json()["errors"][0]["type"] == "idempotency_key_reused"
    assert await counts(db) == (1, 1)


async def test_keys_belong_to_the_verified_client_and_posts_without_a_key_are_not_recorded(
    service: ServiceClient, db: Database
) -> None:
    assert (await post(service, {"name": "a"}, "shared")).status_code == 201
    assert (await post(service, {"name": "a"}, "shared", Caller("agency", "FR"))).status_code == 201
    assert (await post(service, {"name": "a"}, None)).status_code == 201
    assert (await post(service, {"name": "a"}, None)).status_code == 201
    assert await counts(db) == (4, 2)
    unsigned = await service.post("/things", caller=None, json={}, headers={"Idempotency-Key": "x"})
    assert unsigned.status_code == 401
    assert await counts(db) == (4, 2)


async def test_an_invalid_key_is_a_422(service: ServiceClient, db: Database) -> None:
    assert (await post(service, {"name": "a"}, "k" * 256)).status_code == 422
    assert await counts(db) == (0, 0)


async def test_a_refused_request_leaves_no_record_and_may_be_retried_with_its_key(
    service: ServiceClient, db: Database
) -> None:
    service.app.state.refuse = True
    assert (await post(service, {"name": "a"}, "k-3")).status_code == 409
    assert await counts(db) == (0, 0)  # the row rolled back with the write
    service.app.state.refuse = False
    assert (await post(service, {"name": "a"}, "k-3")).status_code == 201
    assert await counts(db) == (1, 1)


async def test_concurrent_duplicates_apply_once(service: ServiceClient, db: Database) -> None:
    answers = await asyncio.gather(
        *(post(service, {"name": "a", "linger": 0.3}, "k-4") for _ in range(3))
    )
    assert sorted(a.status_code for a in answers) == [201, 409, 409]
    assert await counts(db) == (1, 1)


async def test_rows_older_than_the_gateway_keeps_keys_are_purged_and_their_keys_new_again(
    service: ServiceClient, db: Database
) -> None:
    assert (await post(service, {"name": "a"}, "old")).status_code == 201
    assert (await post(service, {"name": "a"}, "older")).status_code == 201
    applied: AppliedRequests = service.app.state.applied_requests
    async with db.transaction() as session:
        await session.execute(
            applied_requests.update().values(created_at=datetime.now(UTC) - timedelta(hours=26))
        )
    # Not purged yet (the last purge is recent): an expired key is taken over all the same.
    assert (await post(service, {"name": "b"}, "old")).status_code == 201
    assert await counts(db) == (3, 2)
    applied._last_purge -= timedelta(minutes=11)
    assert (await post(service, {"name": "c"}, "new")).status_code == 201
    async with db.transaction(readonly=True) as session:
        left = await session.scalars(select(applied_requests.c.created_at))
        assert all(at > datetime.now(UTC) - timedelta(hours=1) for at in left)
    assert await counts(db) == (4, 2)  # "older" purged; "old" (renewed) and "new" kept
