"""Crashes and a NATS restart in the middle of 200 registrations lose nothing and apply nothing twice.

While an agency registers 200 actors through the gateway (four at a time), the test kills the
actors service (its outbox relay) with SIGKILL and restarts it, stops and restarts nats-server, and
kills and restarts the funding service (a consumer). Afterwards every actor the registry committed
must be in both read models exactly once: one stream message per outbox row, one inbox row per
event in each consumer, one read-model row per actor.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import httpx
import nats
import pytest
from agora_platform.testing.e2e import Agora, eventually, start_platform

TOTAL = 200


def rows(platform, service: str, sql: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    path = platform.database_url(service).removeprefix("sqlite+aiosqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


@pytest.fixture
def faulty_platform(tmp_path: Path):  # type: ignore[no-untyped-def]
    platform = start_platform(tmp_path / "platform")
    yield platform
    platform.stop()


async def test_faults_lose_nothing_and_duplicate_nothing(faulty_platform) -> None:  # type: ignore[no-untyped-def]
    platform = faulty_platform
    agora = Agora(platform)
    await agora.start()
    agency = await agora.client("agency", "DE")
    registered = 0
    refused = 0

    async def register(n: int) -> None:
        nonlocal registered, refused
        body = {
            "kind": "initiative",
            "public_name": f"Initiative {n}",
            "sectors": ["civil_society"],
            "host_country": "LT",
        }
        while True:
            try:
                response = await agency.post("/v1/actors", json=body)
            except httpx.TransportError:
                response = None
            if response is not None and response.status_code == 201:
                registered += 1
                return
            refused += 1  # the service is down for a moment: the agency tries again
            await asyncio.sleep(0.1)

    async def load() -> None:
        queue = list(range(TOTAL))

        async def worker() -> None:
            while queue:
                await register(queue.pop())

        await asyncio.gather(*(worker() for _ in range(4)))

    async def at(count: int) -> None:
        print(f"waiting for {count}; registered={registered} refused={refused}", flush=True)
        await eventually(lambda: _reached(count), timeout=60)

    async def _reached(count: int) -> bool:
        return registered >= count

    async def faults() -> None:
        await at(40)
        await asyncio.to_thread(platform.restart_process, "actors", signal.SIGKILL)
        await at(80)
        assert platform.nats is not None
        await asyncio.to_thread(platform.nats.stop)
        await at(110)  # registrations go on: their events wait in the outbox
        await asyncio.to_thread(platform.nats.start)
        await at(140)
        await asyncio.to_thread(platform.restart_process, "funding", signal.SIGKILL)
        await at(170)
        await asyncio.to_thread(platform.restart_process, "evaluation", signal.SIGKILL)

    await asyncio.gather(load(), faults())
    await agora.close()

    actors = {r[0] for r in rows(platform, "actors", "SELECT id FROM actors")}
    outbox = {r[0] for r in rows(platform, "actors", "SELECT event_id FROM outbox")}
    assert len(actors) >= TOTAL  # a request killed after its commit may have been retried

    async def read_models_complete() -> bool:
        return all(
            len(rows(platform, s, "SELECT actor_id FROM known_actors")) == len(actors)
            for s in ("funding", "evaluation")
        )

    await eventually(read_models_complete, timeout=60)

    unpublished = rows(platform, "actors", "SELECT count(*) FROM outbox WHERE published_at IS NULL")
    assert unpublished == [(0,)]
    nc = await nats.connect(platform.nats_url, **platform.nats_credentials("monitor"))  # type: ignore[arg-type]
    stream = await nc.jetstream().stream_info("ACTORS")
    await nc.close()
    assert stream.state.messages == len(outbox), "a duplicate or a lost message in the stream"

    for service in ("funding", "evaluation"):
        known = rows(platform, service, "SELECT actor_id FROM known_actors")
        assert sorted(r[0] for r in known) == sorted(actors)  # none lost, none twice
        inbox = rows(
            platform, service, f"SELECT event_id FROM inbox WHERE consumer = '{service}-actors'"
        )
        assert sorted(r[0] for r in inbox) == sorted(outbox)  # each event applied exactly once

    print(
        f"\nfault test: {len(actors)} actors committed ({registered} answered 201, "
        f"{refused} attempts refused while a part was down); stream messages {stream.state.messages}; "
        f"read models funding and evaluation {len(actors)} each; lost 0, duplicated 0"
    )
