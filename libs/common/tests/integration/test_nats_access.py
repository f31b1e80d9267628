"""Per-process NATS users: each service publishes only its own events (a real nats-server)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import nats
import pytest
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent, EventSource
from agora_common.inbox import Consumer
from agora_common.nats_access import Consumes, NatsAccess, authorization_block
from agora_common.nats_server import NatsServer
from agora_common.tables import metadata as messaging
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncSession

ACTORS = NatsAccess("actors", owns="actors")
FUNDING = NatsAccess("funding", owns="funding", consumes=(Consumes("ACTORS", "funding-actors"),))
PASSWORDS = {ACTORS: secrets.token_urlsafe(24), FUNDING: secrets.token_urlsafe(24)}
ACTOR_EVENTS = EventSource("actors")
# A refused request gets no reply (time-out, or no responders); a refused connection an error.
REFUSED = (nats.errors.Error, TimeoutError)


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[NatsServer]:
    server = NatsServer(tmp_path / "nats", authorization=authorization_block(PASSWORDS)).start()
    try:
        yield server
    finally:
        server.stop()


async def connect(server: NatsServer, access: NatsAccess, errors: list[str]) -> Client:
    async def on_error(exc: Exception) -> None:
        errors.append(str(exc))

    return await nats.connect(
        server.url,
        user=access.user,
        password=PASSWORDS[access],
        inbox_prefix=access.inbox_prefix,
        error_cb=on_error,
    )


async def actors_stream_messages(actors: Client) -> int:
    info = await actors.jetstream().stream_info("ACTORS")
    return int(info.state.messages)


async def test_a_forged_erasure_from_another_service_is_refused_by_nats(
    server: NatsServer,
) -> None:
    errors: list[str] = []
    actors_bus = Bus(server.url, "actors", user="actors", password=PASSWORDS[ACTORS])
    actors_bus.want_stream(ACTOR_EVENTS.stream, ACTOR_EVENTS.subjects)
    actors_bus.start()
    funding = await connect(server, FUNDING, errors)
    try:
        js = await actors_bus.ready()
        subject, event = ACTOR_EVENTS.event("registered", "act_1", {"actor_id": "act_1"})
        await js.publish(subject, event.to_json())  # the owner may
        assert actors_bus.nc is not None
        assert await actors_stream_messages(actors_bus.nc) == 1

        forged_subject, forged = ACTOR_EVENTS.event("erased", "act_1", {"actor_id": "act_1"})
        with pytest.raises(REFUSED) as refused:
            await funding.jetstream().publish(forged_subject, forged.to_json(), timeout=1)
        assert type(refused.value).__name__ in {"TimeoutError", "NoRespondersError"}
        await funding.publish(forged_subject, forged.to_json())
        await funding.flush()
        await asyncio.sleep(0.2)
        assert any("permissions violation" in e.lower() for e in errors), errors
        assert await actors_stream_messages(actors_bus.nc) == 1  # nothing forged got in

        # Nor may it purge the stream or read it through a consumer that is not its own.
        with pytest.raises(REFUSED):
            await funding.jetstream().purge_stream("ACTORS")
        with pytest.raises(REFUSED):
            await funding.jetstream().pull_subscribe(
                "agora.actors.>", durable="evaluation-actors", stream="ACTORS"
            )
        assert await actors_stream_messages(actors_bus.nc) == 1
    finally:
        await funding.close()
        await actors_bus.close()


async def test_no_user_can_read_what_another_users_consumer_fetches(server: NatsServer) -> None:
    """Fetched messages travel on the fetching connection's inbox subjects; a user may subscribe
    only to its own (``_INBOX_<user>.>``), never to the shared ``_INBOX.>`` or another's."""
    errors: list[str] = []
    actors = await connect(server, ACTORS, errors)
    try:
        for subject in ("_INBOX.>", f"{FUNDING.inbox_prefix}.>", ">"):
            await actors.subscribe(subject)
            await actors.flush()
        await asyncio.sleep(0.2)
        refused = [e for e in errors if "permissions violation" in e.lower()]
        assert len(refused) == 3, errors
    finally:
        await actors.close()


async def test_without_credentials_nothing_connects(server: NatsServer) -> None:
    with pytest.raises(REFUSED):
        await nats.connect(server.url, allow_reconnect=False, connect_timeout=1)


async def test_a_consumer_works_within_its_permissions(server: NatsServer, tmp_path: Path) -> None:
    """The list of JetStream API subjects is enough for the real consumer: fetch, ack, park."""
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'funding.db'}")
    async with db.engine.begin() as conn:
        await conn.run_sync(messaging.create_all)
    applied: list[str] = []

    async def record(_: AsyncSession, event: CloudEvent) -> None:
        applied.append(event.id)

    actors_bus = Bus(server.url, "actors", user="actors", password=PASSWORDS[ACTORS])
    actors_bus.want_stream(ACTOR_EVENTS.stream, ACTOR_EVENTS.subjects)
    funding_bus = Bus(server.url, "funding", user="funding", password=PASSWORDS[FUNDING])
    consumer = Consumer(
        db,
        funding_bus,
        durable="funding-actors",
        stream="ACTORS",
        subjects=ACTOR_EVENTS.subjects,
        handlers={"agora.actors.registered.v1": record},
    )
    actors_bus.start()
    funding_bus.start()
    consumer.start()
    try:
        js = await actors_bus.ready()
        good_subject, good = ACTOR_EVENTS.event("registered", "act_2", {"actor_id": "act_2"})
        await js.publish(good_subject, b"{not json")  # parked on funding's dead-letter subject
        await js.publish(good_subject, good.to_json())
        for _ in range(200):
            if applied and consumer.parked_total:
                break
            await asyncio.sleep(0.05)
        assert applied == [good.id]
        assert consumer.parked_total == 1
        assert await consumer.pending() == 0
    finally:
        await consumer.stop()
        await funding_bus.close()
        await actors_bus.close()
        await db.dispose()
