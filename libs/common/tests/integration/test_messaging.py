"""The outbox relay and the idempotent consumer, on real SQLite / PostgreSQL and a real nats-server."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
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

        async def all_marked() -> bool:
            # The relay marks a row published after its PubAck, in a transaction of its own:
            # a consumer may apply the event before that mark commits.
            async with db.transaction(readonly=True) as session:
                unpublished = await session.scalar(
                    select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
                )
            return unpublished == 0

        await eventually(all_marked, timeout=30)
    finally:
        await consumer.stop()
        await relay.stop()
        await bus.close()


def consumer_of(db: Database, bus: Bus, topic: Topic, handler=record, **options):  # type: ignore[no-untyped-def]
    return Consumer(
        db,
        bus,
        durable=f"c{topic.stream.lower()}",
        stream=topic.stream,
        subjects=topic.subjects,
        handlers={topic.type: handler},
        max_attempts=4,
        **options,
    )


async def publish_events(js, topic: Topic, events: list[CloudEvent], tag: str = "") -> None:  # type: ignore[no-untyped-def]
    for event in events:
        await js.publish(
            f"{topic.prefix}.happened", event.to_json(), headers={"Nats-Msg-Id": event.id + tag}
        )


async def applied_in_order(db: Database) -> list[str]:
    async with db.transaction(readonly=True) as session:
        return list(await session.scalars(select(effects.c.event_id).order_by(effects.c.id)))


async def test_a_batch_is_applied_in_one_transaction_in_stream_order(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()
    bus = Bus(nats_server.url, "test")
    bus.want_stream(topic.stream, topic.subjects)
    consumer = consumer_of(db, bus, topic, batch=50, events_per_transaction=50)
    commits = []
    db.on_commit(lambda session: commits.append(1))
    bus.start()
    try:
        js = await bus.ready()
        events = [topic.event()[1] for _ in range(40)]
        await publish_events(js, topic, events)
        commits.clear()
        consumer.start()

        async def all_applied() -> bool:
            return consumer.processed_total == 40

        await eventually(all_applied)
        assert await applied_in_order(db) == [e.id for e in events]
        assert len(commits) <= 2  # one per fetched batch, not one per event
        assert consumer.last_event_time == events[-1].time
        assert await consumer.pending() == 0
    finally:
        await consumer.stop()
        await bus.close()


async def test_a_poison_event_in_a_batch_is_parked_alone_and_the_others_applied_once(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()

    async def strict(session: AsyncSession, event: CloudEvent) -> None:
        await record(session, event)  # written before it fails: must be rolled back
        if event.data.get("poison"):
            raise PoisonMessage("can never be applied")

    bus = Bus(nats_server.url, "test")
    bus.want_stream(topic.stream, topic.subjects)
    consumer = consumer_of(db, bus, topic, strict, batch=50, events_per_transaction=50)
    bus.start()
    nc = await nats.connect(nats_server.url)
    try:
        js = await bus.ready()
        dead = await nc.jetstream().subscribe(f"agora.deadletter.{consumer.durable}")
        good = [topic.event()[1] for _ in range(20)]
        poison = CloudEvent(
            type=topic.type, source=topic.source, subject="s", data={"poison": True}
        )
        await publish_events(js, topic, good[:10])
        await js.publish(f"{topic.prefix}.happened", b"{not json")  # parked before the batch
        await publish_events(js, topic, [poison, *good[10:]])
        consumer.start()

        async def all_done() -> bool:
            return consumer.processed_total == 20 and consumer.parked_total == 2

        await eventually(all_done)
        parked = [await dead.next_msg(timeout=5) for _ in range(2)]
        reasons = sorted(m.headers["Agora-Deadletter-Reason"].split(":")[0] for m in parked)
        assert reasons == ["PoisonMessage in " + topic.type, "malformed"]
        assert await applied_in_order(db) == [e.id for e in good]
        await asyncio.sleep(0.3)
        assert await consumer.pending() == 0
        assert set((await effect_counts(db)).values()) == {1}
    finally:
        await nc.close()
        await consumer.stop()
        await bus.close()


class Crash(BaseException):
    """The process dies: nothing after it runs (not an Exception the consumer could handle)."""


async def test_a_crash_between_commit_and_ack_redelivers_without_applying_twice(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()
    bus = Bus(nats_server.url, "test")
    bus.want_stream(topic.stream, topic.subjects)
    first = consumer_of(db, bus, topic, batch=50, events_per_transaction=50, ack_wait_seconds=1)
    crash = {"armed": True}

    def die_after_commit(session: object) -> None:
        if crash["armed"]:
            crash["armed"] = False
            raise Crash  # the batch committed; its messages are never acked

    db.on_commit(die_after_commit)
    bus.start()
    try:
        js = await bus.ready()
        events = [topic.event()[1] for _ in range(30)]
        await publish_events(js, topic, events)
        first.start()
        assert first._task is not None
        with pytest.raises(Crash):
            await asyncio.wait_for(first._task, timeout=15)
        assert first.processed_total == 0  # nothing acked
        assert len(await effect_counts(db)) == 30  # but all committed

        second = consumer_of(db, bus, topic, batch=50, ack_wait_seconds=1)
        second.start()
        try:

            async def redelivered() -> bool:
                return second.processed_total >= 30

            await eventually(redelivered)
            await asyncio.sleep(0.3)
            assert await effect_counts(db) == {e.id: 1 for e in events}
            assert await second.pending() == 0
        finally:
            await second.stop()
    finally:
        await bus.close()


async def test_batches_delivered_twice_concurrently_to_two_replicas_apply_each_event_once(
    db: Database, nats_server: NatsServer
) -> None:
    topic = Topic()

    async def slow_record(session: AsyncSession, event: CloudEvent) -> None:
        await record(session, event)
        await asyncio.sleep(0.002)  # widen the window in which both replicas hold a batch

    other_db = Database(db.url)  # the second replica's own engine, as in another process
    buses = [Bus(nats_server.url, f"test-{i}") for i in range(2)]
    for bus in buses:
        bus.want_stream(topic.stream, topic.subjects)
        bus.start()
    replicas = [
        consumer_of(database, bus, topic, slow_record, batch=10, events_per_transaction=10)
        for database, bus in zip((db, other_db), buses, strict=True)
    ]
    try:
        js = await buses[0].ready()
        events = [topic.event()[1] for _ in range(60)]
        # Every block of ten, then the same ten again (another message id, reversed: as if
        # republished after the duplicate window): the replicas fetch the two copies at once.
        for block in range(0, 60, 10):
            await publish_events(js, topic, events[block : block + 10])
            await publish_events(js, topic, events[block : block + 10][::-1], tag="-again")
        for replica in replicas:
            replica.start()

        async def all_handled() -> bool:
            return sum(r.processed_total for r in replicas) >= 120

        await eventually(all_handled, timeout=30)
        await asyncio.sleep(0.3)
        assert await effect_counts(db) == {e.id: 1 for e in events}
        assert all(r.parked_total == 0 for r in replicas)
    finally:
        for replica in replicas:
            await replica.stop()
        for bus in buses:
            await bus.close()
        await other_db.dispose()


class Wire:
    """Every message published on a topic's subjects as a plain NATS subscriber sees it: each
    publish, including those JetStream then drops as duplicates."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    async def listen(self, server: NatsServer, topic: Topic) -> nats.NATS:
        nc = await nats.connect(server.url)

        async def count(msg: nats.aio.msg.Msg) -> None:
            msg_id = (msg.headers or {}).get("Nats-Msg-Id", "")
            self.seen[msg_id] = self.seen.get(msg_id, 0) + 1

        await nc.subscribe(f"{topic.prefix}.>", cb=count)
        await nc.flush()
        return nc


async def test_two_relays_on_postgres_never_publish_the_same_row(
    db: Database, backend: str, nats_server: NatsServer
) -> None:
    if backend != "postgres":
        pytest.skip("one process per SQLite database: a single relay")
    topic = Topic()
    wire = Wire()
    nc = await wire.listen(nats_server, topic)
    dbs = [db, Database(db.url)]  # two replicas, each its own engine, bus and relay
    buses = [Bus(nats_server.url, f"replica-{i}", duplicate_window_seconds=60) for i in range(2)]
    relays = [
        OutboxRelay(d, b, poll_seconds=0.02, batch_size=20) for d, b in zip(dbs, buses, strict=True)
    ]
    for bus, relay in zip(buses, relays, strict=True):
        bus.want_stream(topic.stream, topic.subjects)
        bus.start()
        relay.start()
    try:
        sent: list[str] = []

        async def commit_many(database: Database) -> None:
            for _ in range(150):
                subject, event = topic.event()
                async with database.transaction() as session:
                    await enqueue(session, subject, event)
                sent.append(event.id)
                for relay in relays:
                    relay.wake()  # both relays race for every row

        await asyncio.gather(*(commit_many(d) for d in dbs))

        async def all_published() -> bool:
            return await relays[0].backlog() == 0 and len(wire.seen) == 300

        await eventually(all_published)
        await asyncio.sleep(0.3)
        assert wire.seen == dict.fromkeys(sent, 1)  # one publish per row
        assert sum(r.published_total for r in relays) == 300
        assert all(r.published_total > 0 for r in relays)
        js = await buses[0].ready()
        assert (await js.stream_info(topic.stream)).state.messages == 300
    finally:
        for relay in relays:
            await relay.stop()
        for bus in buses:
            await bus.close()
        await nc.close()
        await dbs[1].dispose()


async def test_rows_of_a_relay_killed_after_its_claim_are_published_once_its_lease_ends(
    db: Database, backend: str, nats_server: NatsServer
) -> None:
    if backend != "postgres":
        pytest.skip("one process per SQLite database: a single relay, no lease")
    topic = Topic()
    wire = Wire()
    nc = await wire.listen(nats_server, topic)
    killed = OutboxRelay(db, Bus(nats_server.url, "killed"), lease=timedelta(seconds=2))
    sent = []
    for _ in range(20):
        subject, event = topic.event()
        async with db.transaction() as session:
            await enqueue(session, subject, event)
        sent.append(event.id)
    claimed = await killed.claim()  # ... and the relay dies before it publishes them
    assert [row.event_id for row in claimed] == sent
    # No lock outlives the claim: another transaction can lock the rows at once.
    async with db.transaction() as session:
        locked = await session.execute(
            select(outbox.c.seq).where(outbox.c.event_id.in_(sent)).with_for_update(nowait=True)
        )
        assert len(locked.all()) == 20

    other_db = Database(db.url)
    bus, relay, consumer = wiring(other_db, nats_server, topic)
    relay.poll_seconds = 0.1
    bus.start()
    relay.start()
    consumer.start()
    try:
        await asyncio.sleep(1.0)
        assert wire.seen == {}  # leased: the other relay leaves them alone
        assert await relay.claim() == []

        async def all_applied() -> bool:
            return set((await effect_counts(db)).keys()) == set(sent)

        await eventually(all_applied)
        await asyncio.sleep(0.3)
        assert wire.seen == dict.fromkeys(sent, 1)
        assert set((await effect_counts(db)).values()) == {1}
        assert await relay.backlog() == 0
    finally:
        await consumer.stop()
        await relay.stop()
        await bus.close()
        await nc.close()
        await other_db.dispose()
