"""Backup and restore on PostgreSQL that respect erasure: register, back up, erase, restore, and
the erased person does not come back; everybody else does.

The test creates its own databases, backs them up with ``deploy/backup/backup.py``, erases one
actor through the gateway, stops the services, restores with ``deploy/backup/restore.py`` — first
without re-applying the erasure list, to show the backup does bring the person back, then with
``python -m actors.reapply_erasures --downstream`` — and starts the services again.
"""

from __future__ import annotations

import asyncio
import os
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
SERVICES = ("actors", "funding", "evaluation", "gateway")  # every process with a database
SCRIPTS = Path(__file__).resolve().parents[1] / "deploy" / "backup"
MARK = uuid.uuid4().hex[:8]


async def _start_platform(data_dir: Path, env: dict[str, str]) -> Platform:
    """The platform, given time to start on a machine busy with other tests."""
    return await asyncio.to_thread(start_platform, data_dir, env, ready_timeout=180)


@pytest.fixture
async def pg_agora(tmp_path: Path) -> AsyncIterator[Agora]:
    await require_postgres()
    prefix = f"agora_backup_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
    for part in PARTS:
        await conn.execute(f'CREATE DATABASE "{prefix}_{part}"')
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    env = {f"AGORA_{p.upper()}_DATABASE_URL": f"{base}/{prefix}_{p}" for p in PARTS}
    platform = await _start_platform(tmp_path / "platform", env)
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


def _run(platform: Platform, *args: str) -> str:
    env = {**os.environ, **platform.child_env("actors")}
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


async def _rows(platform: Platform, part: str, query: str, *args: Any) -> list[Any]:
    url = platform.database_url(part).replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(url)
    try:
        return [row[0] for row in await conn.fetch(query, *args)]
    finally:
        await conn.close()


async def _person(agency: httpx.AsyncClient, name: str) -> str:
    created = await agency.post(
        "/v1/actors",
        json={
            "kind": "individual",
            "public_name": f"Public {name}",
            "legal_name": f"{name} {MARK}",
            "sectors": ["human_rights"],
            "host_country": "DE",
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def _commit(agency: httpx.AsyncClient, actor_id: str) -> str:
    body = {
        "actor_id": actor_id,
        "instrument": "fellowship",
        "amount": "1000.00",
        "currency": "EUR",
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "purposes": ["anti_war"],
    }

    async def made() -> str | None:
        answer = await agency.post("/v1/funding/commitments", json=body)
        return str(answer.json()["id"]) if answer.status_code == 201 else None

    return await eventually(made, timeout=30)


# A whole platform of its own, started on a machine that may be busy.
@pytest.mark.timeout(600)
async def test_a_restored_backup_does_not_bring_an_erased_person_back(
    pg_agora: Agora, tmp_path: Path
) -> None:
    platform = pg_agora.platform
    de, fr = await pg_agora.agency("DE"), await pg_agora.agency("FR")
    erased, kept = await _person(de, "Erased Person"), await _person(de, "Kept Person")
    erased_commitment, kept_commitment = await _commit(fr, erased), await _commit(fr, kept)

    backup_dir, keys_dir = tmp_path / "backup", tmp_path / "keys"
    _run(platform, str(SCRIPTS / "backup.py"), str(backup_dir), "--keys-out", str(keys_dir))
    assert {p.name for p in backup_dir.iterdir()} == {
        "manifest.json",
        *(f"{part}.dump" for part in PARTS),
    }
    assert (keys_dir / "actors-master.key").exists()

    read = await de.get(f"/v1/actors/{erased}")
    gone = await de.delete(f"/v1/actors/{erased}", headers={"If-Match": read.headers["etag"]})
    assert gone.status_code == 204, gone.text
    erasure_list = platform.data_dir / "erasures" / "actors.list"
    assert erasure_list.read_text().split() == [erased]  # ids only
    erased_path = f"/v1/funding/commitments/{erased_commitment}"
    await eventually(lambda: _status_is(fr, erased_path, 404), timeout=30)

    for service in SERVICES:
        platform.stop_process(service)
    # The backup alone brings the person back: their row and the data key that opens it.
    _run(platform, str(SCRIPTS / "restore.py"), str(backup_dir), "--no-reapply")
    actor_rows = "SELECT count(*) FROM actors WHERE id = $1"
    key_rows = "SELECT count(*) FROM actor_keys WHERE actor_id = $1"
    commitment_rows = "SELECT count(*) FROM commitments WHERE id = $1"
    assert await _rows(platform, "actors", actor_rows, erased) == [1]
    assert await _rows(platform, "actors", key_rows, erased) == [1]
    assert await _rows(platform, "funding", commitment_rows, erased_commitment) == [1]
    # Restored again, this time as restore.py does unless told not to: the erasure list
    # re-applied after the databases.
    out = _run(platform, str(SCRIPTS / "restore.py"), str(backup_dir))
    assert "erased again 1" in out
    assert await _rows(platform, "actors", actor_rows, erased) == [0]
    assert await _rows(platform, "actors", key_rows, erased) == [0]
    assert await _rows(platform, "actors", actor_rows, kept) == [1]
    assert await _rows(platform, "actors", key_rows, kept) == [1]
    # Idempotent: once more, nothing left to erase (the erasure is only announced again).
    assert "erased again 0" in _run(platform, "-m", "actors.reapply_erasures")

    for service in SERVICES:
        platform.restart_process(service)
    await asyncio.to_thread(platform.wait_ready, 120)
    assert (await de.get(f"/v1/actors/{erased}")).status_code == 410
    back = await de.get(f"/v1/actors/{kept}")
    assert back.status_code == 200, back.text
    assert back.json()["legal_name"] == f"Kept Person {MARK}"
    # Funding, restored too, held the erased person's commitment; the erasure announced again
    # makes it forget it; the other person's commitment is intact.
    await eventually(lambda: _status_is(fr, erased_path, 404), timeout=60)
    assert (await fr.get(f"/v1/funding/commitments/{kept_commitment}")).status_code == 200
    # No event published since carries the person's name.
    payloads = await _rows(platform, "actors", "SELECT payload FROM outbox")
    assert all(MARK.encode() not in bytes(p) for p in payloads)


async def _status_is(client: httpx.AsyncClient, path: str, status: int) -> bool:
    return (await client.get(path)).status_code == status
