"""The outbox relay and the idempotent consumer, on real SQLite / PostgreSQL and a real nats-server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import nats
import pytest
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent
from agora_common.inbox import Consumer, PoisonMessage
from agora_common.outbox import OutboxRelay, enqueue
from agora_common.tables import metadata as messaging
from agora_common.tables import outbox
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import require_postgres
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

toy = MetaData()
effects = Table(
    "effects",
    toy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
)


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'messaging.db'}"
    else:
        await require_postgres()
        name = f"agora_msg_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        url = (
            POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
            + f"/{name}"
        )
    database = Database(url)
    async with database.engine.begin() as conn:
        await conn.run_sync(messaging.create_all)
        await conn.run_sync(toy.create_all)
    yield database
    await database.dispose()
    if backend == "postgres":
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


class Topic:
    """A stream and subject of a test's own, so tests never see each other's events."""

    def __init__(self) -> None:
        tag = uuid.uuid4().hex[:8]
        self.stream = f"T{tag.upper()}"
        self.prefix = f"agora.t{tag}"
        self.subjects = [f"{self.prefix}.>"]
        self.type = f"{self.prefix}.happened.v1"
        self.source = f"agora/{self.stream.lower()}"  # the stream's owner, as consumers expect

    def event(self) -> tuple[str, CloudEvent]:
        return f"{self.prefix}.happened", CloudEvent(
            type=self.type, source=self.source, subject="s", data={"n": 1}
        )


async def record(session: AsyncSession, event: CloudEvent) -> None:
    await session.execute(insert(effects).values(event_id=event.id))


async def effect_counts(db: Database) -> dict[str, int]:
    async with db.transaction(readonly=True) as session:
        rows = await session.execute(
            select(effects.c.event_id, func.count()).group_by(effects.c.event_id)
        )
        return {row[0]: row[1] for row in rows.all()}


async def eventually(check, timeout: float = 15.0):  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not (result := await check()):
        assert asyncio.get_running_loop().time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
    return result


def wiring(db: Database, server: NatsServer, topic: Topic, handler=record):  # type: ignore[no-untyped-def]
    bus = Bus(server.url, "test", duplicate_window_seconds=60)
    bus.want_stream(topic.stream, topic.subjects)
    relay = OutboxRelay(db, bus, poll_seconds=0.5)
    consumer = Consumer(
        db,
        bus,
        durable=f"c{topic.stream.lower()}",
        stream=topic.stream,
        subjects=topic.subjects,
        handlers={topic.type: handler},
        max_attempts=4,
    )
    return bus, relay, consumer


async def test_committed_events_are_published_once_and_applied_once(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()
    bus, relay, consumer = wiring(db, nats_server, topic)
    bus.start()
    relay.start()
    consumer.start()
    try:
        sent = []
        for _ in range(25):
            subject, event = topic.event()
            async with db.transaction() as session:
                await enqueue(session, subject, event)
            sent.append(event.id)
        with pytest.raises(RuntimeError):
            async with db.transaction() as session:
                subject, event = topic.event()
                await enqueue(session, subject, event)
                raise RuntimeError("the change failed: its event must never leave")

        async def all_applied() -> bool:
            return set((await effect_counts(db)).keys()) == set(sent)

        await eventually(all_applied)
        assert await relay.backlog() == 0
        js = await bus.ready()
        info = await js.stream_info(topic.stream)
        assert info.state.messages == 25
        message = await js.get_msg(topic.stream, seq=1)
        assert message.headers["Nats-Msg-Id"] == sent[0]
        assert set((await effect_counts(db)).values()) == {1}
    finally:
        await consumer.stop()
        await relay.stop()
        await bus.close()


async def test_a_redelivered_event_is_not_applied_twice(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()
    bus, _, consumer = wiring(db, nats_server, topic)
    bus.start()
    consumer.start()
    try:
        js = await bus.ready()
        subject, event = topic.event()
        # The same event published twice under different message ids (outside JetStream's
        # duplicate window, as after a long outage): the inbox must still apply it once.
        await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": "first"})
        await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": "second"})
        _, other = topic.event()
        await js.publish(subject, other.to_json())

        async def both_seen() -> bool:
            return consumer.processed_total >= 2 and len(await effect_counts(db)) == 2

        await eventually(both_seen)
        await asyncio.sleep(0.3)
        assert await effect_counts(db) == {event.id: 1, other.id: 1}
    finally:
        await consumer.stop()
        await bus.close()


async def test_poison_is_parked_and_transient_errors_are_retried(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()
    failures = {"left": 2}

    async def flaky(session: AsyncSession, event: CloudEvent) -> None:
        if event.data.get("poison"):
            raise PoisonMessage("can never be applied")
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("database blinked")
        await record(session, event)

    bus, _, consumer = wiring(db, nats_server, topic, flaky)
    bus.start()
    consumer.start()
    nc = await nats.connect(nats_server.url)
    try:
        js = await bus.ready()
        dead = await nc.jetstream().subscribe(f"agora.deadletter.{consumer.durable}")
        subject, good = topic.event()
        await js.publish(subject, b"{not json")
        poison = CloudEvent(
            type=topic.type, source=topic.source, subject="s", data={"poison": True}
        )
        await js.publish(subject, poison.to_json())
        # Claims to come from another service than the stream's owner: never applied.
        forged = CloudEvent(type=topic.type, source="agora/funding", subject="s", data={"n": 1})
        await js.publish(subject, forged.to_json())
        await js.publish(subject, good.to_json())

        async def applied() -> bool:
            return good.id in await effect_counts(db)

        await eventually(applied)
        parked = [await dead.next_msg(timeout=5) for _ in range(3)]
        reasons = sorted(m.headers["Agora-Deadletter-Reason"].split(":")[0] for m in parked)
        assert reasons == [
            "PoisonMessage in " + topic.type,
            "malformed",
            f"source does not own stream {topic.stream}",
        ]
        assert consumer.parked_total == 3
        assert await effect_counts(db) == {good.id: 1}
    finally:
        await nc.close()
        await consumer.stop()
        await bus.close()


async def test_nothing_is_lost_while_nats_is_down(
    db: Database, fresh_nats_server: NatsServer
) -> None:
    topic = Topic()
    bus, relay, consumer = wiring(db, fresh_nats_server, topic)
    bus.start()
    relay.start()
    consumer.start()
    try:
        await bus.ready()
        sent = []

        async def commit_one() -> None:
            subject, event = topic.event()
            async with db.transaction() as session:
                await enqueue(session, subject, event)
            sent.append(event.id)

        for _ in range(5):
            await commit_one()
        fresh_nats_server.stop()
        for _ in range(10):
            await commit_one()  # committed while NATS is down: they wait in the outbox
        await asyncio.sleep(0.5)
        fresh_nats_server.start()
        for _ in range(5):
            await commit_one()

        async def all_applied() -> bool:
            return set((await effect_counts(db)).keys()) == set(sent)

        await eventually(all_applied, timeout=30)
        assert set((await effect_counts(db)).values()) == {1}
        async with db.transaction(readonly=True) as session:
            unpublished = await session.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
            )
        assert unpublished == 0
    finally:
        await consumer.stop()
        await relay.stop()
        await bus.close()
