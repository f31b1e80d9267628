"""permit_expiring notices at 90/30/7 days: once per (permit, threshold, valid_until), across
concurrent replicas and restarts, on a controlled clock."""

import asyncio
from datetime import date, timedelta
from pathlib import Path

from actors.main import create_app
from actors.permits.notices import publish_due_notices
from actors.types import utc_today
from agora_common.db import Database
from agora_common.identity import IdentitySigner
from agora_common.testing.client import ServiceClient, running
from agora_common.testing.nats import NatsServer

from ..conftest import FR, actors_settings, db_of, register
from ._events import outbox_events

SUBJECT = "agora.actors.permit_expiring"


async def _issue(actors: ServiceClient, actor_id: str, valid_until: date) -> str:
    body = {"type": "work", "valid_from": "2024-01-01", "valid_until": valid_until.isoformat()}
    issued = await actors.post(f"/v1/actors/{actor_id}/permits", caller=FR, json=body)
    assert issued.status_code == 201, issued.text
    return str(issued.json()["id"])


async def _notices(actors: ServiceClient) -> list[tuple[str, int, str]]:
    return [
        (e["data"]["permit_id"], e["data"]["threshold_days"], e["data"]["valid_until"])
        for e in await outbox_events(actors, SUBJECT)
    ]


async def test_a_controlled_clock_crosses_each_threshold_once(actors: ServiceClient) -> None:
    db = db_of(actors)
    actor = await register(actors)
    end = utc_today() + timedelta(days=400)
    permit = await _issue(actors, actor["id"], end)

    async def run_on(days_before_end: int) -> int:
        return await publish_due_notices(db, today=end - timedelta(days=days_before_end))

    assert await run_on(91) == 0
    assert await run_on(90) == 1
    assert await run_on(90) == 0
    assert await run_on(45) == 0
    assert await run_on(30) == 1
    assert await run_on(8) == 0
    assert await run_on(7) == 1
    assert await run_on(0) == 0
    assert await run_on(-1) == 0  # expired: no notice
    assert await _notices(actors) == [
        (permit, 90, end.isoformat()),
        (permit, 30, end.isoformat()),
        (permit, 7, end.isoformat()),
    ]
    [first, *_] = await outbox_events(actors, SUBJECT)
    assert first["type"] == "agora.actors.permit_expiring.v1"
    assert first["subject"] == actor["id"]
    assert first["data"] == {
        "permit_id": permit,
        "actor_id": actor["id"],
        "issuing_state": "FR",
        "custodian_state": "DE",
        "threshold_days": 90,
        "valid_until": end.isoformat(),
    }


async def test_only_the_most_urgent_crossed_threshold_is_sent(actors: ServiceClient) -> None:
    actor = await register(actors)
    today = utc_today()
    short = await _issue(actors, actor["id"], today + timedelta(days=20))
    await _issue(actors, actor["id"], today + timedelta(days=200))
    assert await publish_due_notices(db_of(actors), today=today) == 1
    assert await _notices(actors) == [(short, 30, (today + timedelta(days=20)).isoformat())]


async def test_a_renewal_starts_the_thresholds_again_and_revocation_stops_them(
    actors: ServiceClient,
) -> None:
    db = db_of(actors)
    actor = await register(actors)
    today = utc_today()
    end = today + timedelta(days=5)
    permit = await _issue(actors, actor["id"], end)
    url = f"/v1/actors/{actor['id']}/permits/{permit}"
    assert await publish_due_notices(db, today=today) == 1  # 7 days
    new_end = today + timedelta(days=60)
    renewed = await actors.patch(url, caller=FR, json={"valid_until": new_end.isoformat()})
    assert renewed.status_code == 200
    assert await publish_due_notices(db, today=today) == 1  # 90 days of the new end
    assert await publish_due_notices(db, today=new_end - timedelta(days=30)) == 1
    assert await _notices(actors) == [
        (permit, 7, end.isoformat()),
        (permit, 90, new_end.isoformat()),
        (permit, 30, new_end.isoformat()),
    ]
    await actors.patch(url, caller=FR, json={"status": "revoked"})
    assert await publish_due_notices(db, today=new_end - timedelta(days=7)) == 0


async def test_two_replicas_at_once_publish_each_notice_once(
    actors: ServiceClient, actors_db_url: str
) -> None:
    actor = await register(actors)
    today = utc_today()
    permits = [
        await _issue(actors, actor["id"], today + timedelta(days=days))
        for days in (3, 3, 15, 29, 60, 89, 90, 91)
    ]
    # Two replicas: two engines on the same database, each running the scheduler's work with
    # small batches, at the same time, several rounds.
    replicas = [Database(actors_db_url), Database(actors_db_url)]
    try:
        counts = await asyncio.gather(
            *[
                publish_due_notices(db, today=today, batch_size=2)
                for _ in range(3)
                for db in replicas
            ]
        )
    finally:
        for db in replicas:
            await db.dispose()
    assert sum(counts) == 7
    notices = await _notices(actors)
    assert sorted(notices) == sorted(
        (permit, threshold, (today + timedelta(days=days)).isoformat())
        for permit, threshold, days in zip(
            permits[:7], (7, 7, 30, 30, 90, 90, 90), (3, 3, 15, 29, 60, 89, 90), strict=True
        )
    )


async def test_a_restart_loses_no_notice_and_the_running_service_sends_them(
    actors_db_url: str,
    nats_server: NatsServer,
    identity_keys: tuple[bytes, bytes],
    signer: IdentitySigner,
    tmp_path: Path,
) -> None:
    settings = actors_settings(actors_db_url, nats_server.url, identity_keys[1], tmp_path)
    today = utc_today()
    # The first instance runs its scheduler rarely: it stops before it sends anything due.
    async with running(create_app(settings, permit_notice_interval_seconds=3600), signer) as a:
        actor = await register(a)
        await asyncio.sleep(0.2)  # its first run (at startup) found nothing
        permit = await _issue(a, actor["id"], today + timedelta(days=25))
        assert await _notices(a) == []
    # Restarted (another instance, often): the due notice goes out once.
    app = create_app(settings, permit_notice_interval_seconds=0.05)
    async with running(app, signer) as b:
        for _ in range(100):
            if await _notices(b):
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # several more runs
        assert await _notices(b) == [(permit, 30, (today + timedelta(days=25)).isoformat())]
    assert app.state.permit_notices._task is None  # stopped with the app
