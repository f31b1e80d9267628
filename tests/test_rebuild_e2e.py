"""Read models rebuilt from the streams give the same reports, on SQLite and on PostgreSQL.

A platform of the test's own gets actors (one erased), commitments in EUR and USD, an FX rate,
a cycle and activities. The reports (concentration, representation, portfolio) are read; then the
read models are lost (their rows deleted behind the services' backs, and the reports change);
``python -m funding.rebuild`` and ``python -m evaluation.rebuild`` replay the streams; the
reports are the same as before, the erased actor stays erased and its funding gone, and the
services' own records (commitments, activities) are untouched.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.plugin import require_postgres
from agora_platform.testing.e2e import Agora, Platform, eventually, start_platform

PARTS = ("actors", "funding", "evaluation", "gateway")
PERIOD = {"start": "2026-01-01", "end": "2026-12-31"}
DAY = "2026-06-30"
READ_MODELS = {
    "funding": ("known_actors", "actor_vetting"),
    "evaluation": ("known_actors", "funded_commitments", "fx_rates"),
}


async def _start_platform(data_dir: Path, env: dict[str, str]) -> Platform:
    """The platform, given time to start on a machine busy with other tests."""
    return await asyncio.to_thread(start_platform, data_dir, env, ready_timeout=180)


@pytest.fixture(params=["sqlite", "postgres"])
async def own_agora(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Agora]:
    env: dict[str, str] = {}
    prefix = f"agora_rebuild_{uuid.uuid4().hex[:8]}"
    if request.param == "postgres":
        await require_postgres()
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        for part in PARTS:
            await conn.execute(f'CREATE DATABASE "{prefix}_{part}"')
        await conn.close()
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace(
            "postgresql://", "postgresql+asyncpg://"
        )
        env = {f"AGORA_{p.upper()}_DATABASE_URL": f"{base}/{prefix}_{p}" for p in PARTS}
    platform = await _start_platform(tmp_path / "platform", env)
    agora = Agora(platform)
    await agora.start()
    try:
        yield agora
    finally:
        await agora.close()
        platform.stop()
        if request.param == "postgres":
            conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
            for part in PARTS:
                await conn.execute(f'DROP DATABASE IF EXISTS "{prefix}_{part}" WITH (FORCE)')
            await conn.close()


async def _sql(platform: Platform, service: str, statement: str) -> Any:
    """Run one statement on a service's database behind its back; the first column of each row."""
    url = platform.database_url(service)
    if url.startswith("sqlite"):
        with sqlite3.connect(url.split("///", 1)[1]) as conn:
            rows = conn.execute(statement).fetchall()
        return [r[0] for r in rows]
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
    try:
        return [r[0] for r in await conn.fetch(statement)]
    finally:
        await conn.close()


async def _actor(agency: httpx.AsyncClient, name: str, kind: str = "organisation") -> str:
    body = {"kind": kind, "public_name": name, "sectors": ["independent_media"]}
    created = await agency.post("/v1/actors", json={**body, "host_country": "DE"})
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def _commit(agency: httpx.AsyncClient, actor_id: str, amount: str, currency: str) -> str:
    body = {
        "actor_id": actor_id,
        "instrument": "grant",
        "amount": amount,
        "currency": currency,
        "period": PERIOD,
        "purposes": ["anti_war"],
    }

    async def made() -> str | None:
        answer = await agency.post("/v1/funding/commitments", json=body)
        return str(answer.json()["id"]) if answer.status_code == 201 else None

    return await eventually(made)  # once funding knows the actor


async def _reports(client: httpx.AsyncClient, cycle_id: str) -> dict[str, Any]:
    found = {}
    for path, params in (
        ("/v1/funding/reports/concentration", {"as_of": DAY}),
        ("/v1/evaluation/reports/representation", {"cycle_id": cycle_id}),
        ("/v1/evaluation/reports/portfolio", {"cycle_id": cycle_id}),
    ):
        answer = await client.get(path, params=params)
        assert answer.status_code == 200, answer.text
        found[path] = answer.json()
    return found


def _rebuild(platform: Platform, service: str) -> str:
    env = {**os.environ, **platform.child_env(service)}
    done = subprocess.run(
        [sys.executable, "-m", f"{service}.rebuild"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# A whole platform of its own, started on a machine that may be busy.
@pytest.mark.timeout(600)
async def test_rebuilt_read_models_give_the_same_reports(own_agora: Agora) -> None:
    platform = own_agora.platform
    de, fr, admin = await own_agora.agency("DE"), await own_agora.agency("FR"), own_agora.admin
    rate = await admin.put(
        "/v1/funding/fx-rates/USD", json={"eur_per_unit": "0.9", "as_of": "2026-01-01"}
    )
    assert rate.status_code == 200, rate.text
    cycle = await admin.post("/v1/evaluation/cycles", json={"name": "Rebuild", "period": PERIOD})
    assert cycle.status_code == 201, cycle.text
    cycle_id = cycle.json()["id"]
    kept = [await _actor(de, f"Newsroom {i}") for i in range(3)]
    erased = await _actor(de, "Erased newsroom")
    for i, actor_id in enumerate([*kept, erased]):
        await _commit(de, actor_id, f"{10000 * (i + 1)}.00", "EUR")
        await _commit(fr, actor_id, f"{5000 * (i + 1)}.00", "USD")
        activity = {
            "actor_id": actor_id,
            "cycle_id": cycle_id,
            "kind": "event",
            "title": "Open debate",
            "date": "2026-03-01",
            "participants": {"total": 40, "women": 10 + i, "non_russian_ethnic_origin": 8},
        }

        async def recorded(body: dict[str, Any] = activity) -> bool:
            answer = await de.post("/v1/evaluation/activities", json=body)
            return answer.status_code == 201  # once evaluation knows the actor

        await eventually(recorded)
    read = await de.get(f"/v1/actors/{erased}")
    gone = await de.delete(f"/v1/actors/{erased}", headers={"If-Match": read.headers["etag"]})
    assert gone.status_code == 204, gone.text

    async def settled() -> dict[str, Any] | None:
        # Funding has applied the erasure (its commitments to the actor deleted) before the
        # reports are read: read after it, they hold every fact.
        if await _sql(platform, "funding", "SELECT count(*) FROM commitments") != [6]:
            return None
        report = await _reports(de, cycle_id)
        portfolio = report["/v1/evaluation/reports/portfolio"]
        actors = {a["actor_id"] for a in portfolio["actors"]}
        counts = [len(a["funding"]) for a in portfolio["actors"]]
        return report if actors == set(kept) and counts == [2, 2, 2] else None

    before = await eventually(settled, timeout=60, interval=0.5)
    assert before == await _reports(de, cycle_id)  # nothing more in flight
    commitments = await _sql(platform, "funding", "SELECT count(*) FROM commitments")
    activities = await _sql(platform, "evaluation", "SELECT count(*) FROM activities")
    assert activities == [3]

    # The read models are lost: the reports change.
    for service, tables in READ_MODELS.items():
        for table in tables:
            await _sql(platform, service, f"DELETE FROM {table}")
    assert await _reports(de, cycle_id) != before

    versions = "SELECT version FROM report_inputs ORDER BY shard"
    kept_at = await _sql(platform, "funding", versions)
    funding_out = _rebuild(platform, "funding")
    # Funding's kept reports were computed from the lost read model: the rebuild outdates them
    # all (every shard of the report inputs bumped), whatever it replayed.
    rebuilt_at = await _sql(platform, "funding", versions)
    assert len(rebuilt_at) == 16
    assert all(after > before for before, after in zip(kept_at, rebuilt_at, strict=True))
    evaluation_out = _rebuild(platform, "evaluation")
    print(funding_out + evaluation_out)  # what the commands report, seen with -s
    assert "applied" in funding_out
    assert "read" in evaluation_out

    assert await _reports(de, cycle_id) == before
    # The erasure was replayed into the read models only: a tombstone, no funding facts, and
    # the services' own records exactly as they were.
    for service in ("funding", "evaluation"):
        tombstone = f"SELECT erased FROM known_actors WHERE actor_id = '{erased}'"
        assert await _sql(platform, service, tombstone) == [True]
    lost = f"SELECT count(*) FROM funded_commitments WHERE actor_id = '{erased}'"
    assert await _sql(platform, "evaluation", lost) == [0]
    assert await _sql(platform, "funding", "SELECT count(*) FROM commitments") == commitments
    assert await _sql(platform, "evaluation", "SELECT count(*) FROM activities") == activities
    # The live consumers carry on after the rebuild.
    later = await _actor(de, "Registered after the rebuild")
    await _commit(fr, later, "1.00", "EUR")
