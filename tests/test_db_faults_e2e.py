"""A PostgreSQL restart under load: answers are 2xx or 503 with Retry-After, never a 500, and
the platform answers 2xx again once the database is back, without restarting any process.

The test runs its own PostgreSQL cluster (initdb in a temporary directory, its own port), never
the shared one, and restarts it while agencies register, read and list actors through the gateway.
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from agora_common.nats_server import free_port
from agora_platform.testing.e2e import Agora, Platform, eventually, start_platform

PARTS = ("actors", "funding", "evaluation", "gateway")
ACTOR = {"kind": "media_outlet", "public_name": "Radio", "sectors": ["independent_media"]}


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@dataclass
class OwnPostgres:
    """A PostgreSQL cluster of this test alone: its data directory, socket directory and port."""

    bin: Path
    data: Path
    port: int

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -k {self.data.parent}"
        log = str(self.data.parent / "server.log")  # a file: a pipe would be held by the server
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}"


async def _start_platform(data_dir: Path, env: dict[str, str]) -> Platform:
    """The platform, given time to start on a machine busy with other tests."""
    return await asyncio.to_thread(start_platform, data_dir, env, ready_timeout=180)


@pytest.fixture
def own_postgres() -> Iterator[OwnPostgres]:
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql")
    # Not under pytest's own temporary directory: the postgres user could not enter it.
    root = Path(tempfile.mkdtemp(prefix="agora-own-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pg = OwnPostgres(pg_bin, root / "data", free_port())
    pg._run("initdb", "-D", str(pg.data), "-U", "postgres", "-A", "trust", "--no-sync")
    pg.start()
    try:
        for part in PARTS:
            pg._run("createdb", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", part)
        yield pg
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            pg.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
async def pg_agora(own_postgres: OwnPostgres, tmp_path: Path) -> AsyncIterator[Agora]:
    env = {f"AGORA_{p.upper()}_DATABASE_URL": f"{own_postgres.url}/{p}" for p in PARTS}
    platform = await _start_platform(tmp_path / "platform", env)
    agora = Agora(platform)
    await agora.start()
    try:
        yield agora
    finally:
        await agora.close()
        platform.stop()


async def _load(agency: httpx.AsyncClient, answers: list[httpx.Response], stop: asyncio.Event):
    """Register an actor, read it and list actors, again and again until told to stop."""
    actor_id = None
    while not stop.is_set():
        try:
            created = await agency.post("/v1/actors", json={**ACTOR, "host_country": "DE"})
            answers.append(created)
            if created.status_code == 201:
                actor_id = created.json()["id"]
            if actor_id is not None:
                answers.append(await agency.get(f"/v1/actors/{actor_id}"))
            answers.append(await agency.get("/v1/actors", params={"limit": 5}))
        except httpx.TransportError:  # the gateway itself never went away: this fails the test
            answers.append(httpx.Response(599))
        await asyncio.sleep(0.02)


# A whole platform of its own, started on a machine that may be busy.
@pytest.mark.timeout(600)
async def test_a_postgresql_restart_gives_503_with_retry_after_then_recovers(
    pg_agora: Agora, own_postgres: OwnPostgres
) -> None:
    agencies = [await pg_agora.agency("DE") for _ in range(3)]
    answers: list[httpx.Response] = []
    stop = asyncio.Event()
    workers = [asyncio.create_task(_load(a, answers, stop)) for a in agencies]
    await asyncio.sleep(2)  # load on a healthy database first
    await asyncio.to_thread(own_postgres.stop)
    await asyncio.sleep(3)  # the database is down: the platform answers 503 meanwhile
    down_answers = len(answers)
    await asyncio.to_thread(own_postgres.start)
    await asyncio.sleep(3)
    stop.set()
    await asyncio.gather(*workers)

    statuses = Counter(r.status_code for r in answers)
    print(f"answers by status across the restart: {dict(sorted(statuses.items()))}")  # -s
    assert set(statuses) <= {200, 201, 503}, statuses
    assert statuses[503] > 0, "the restart was not seen by the load"
    assert statuses[201] > 0
    assert statuses[200] > 0
    for answer in answers:
        if answer.status_code == 503:
            assert answer.headers["retry-after"].isdigit()
            assert answer.headers["content-type"] == "application/problem+json"
    assert len(answers) > down_answers  # the load went on after the restart

    created_after: list[str] = []

    async def recovered() -> bool:
        created = await agencies[0].post("/v1/actors", json={**ACTOR, "host_country": "DE"})
        if created.status_code == 201:
            created_after.append(created.json()["id"])
        return created.status_code == 201

    await eventually(recovered, timeout=30, interval=0.5)

    async def funding_learned_of_it() -> bool:
        # Funding's consumer resumed too: a commitment needs the actor in its read model.
        committed = await agencies[1].post(
            "/v1/funding/commitments",
            json={
                "actor_id": created_after[0],
                "instrument": "grant",
                "amount": "1000.00",
                "currency": "EUR",
                "period": {"start": "2026-01-01", "end": "2026-12-31"},
                "purposes": ["anti_war"],
            },
        )
        return committed.status_code == 201

    await eventually(funding_learned_of_it, timeout=30, interval=0.5)
