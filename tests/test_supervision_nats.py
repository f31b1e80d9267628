"""The nats-py reconnect pitfalls of docs/pitfalls.md, on a real three-node JetStream cluster,
and a consumer draining on shutdown.

A relay (agora_common.outbox) publishes into an R3 stream and a consumer (agora_common.inbox)
applies its events, each through its own ``Bus`` given the three URLs. The node the consumer is
connected to hangs (SIGSTOP: its sockets stay open, nothing answers — the stale connection), then
the node the relay is connected to is SIGKILLed: the events published meanwhile must all arrive,
each applied once, without anyone restarting the relay or the consumer (a consumer that never
resumes after a reconnect is nats.py #234).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.events import CloudEvent, EventSource
from agora_common.inbox import Consumer
from agora_common.nats_server import NatsServer
from agora_common.outbox import OutboxRelay, enqueue
from agora_common.tables import metadata
from agora_platform.nats_users import dev_passwords
from agora_platform.soak.nats import ClusterNode, NatsCluster
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

EVENTS = EventSource("actors")


def node_of(cluster: NatsCluster, bus: Bus) -> ClusterNode:
    assert bus.nc is not None
    assert bus.nc.connected_url is not None
    return next(n for n in cluster.nodes if n.port == bus.nc.connected_url.port)


@pytest.mark.timeout(600)
async def test_relay_and_consumer_ride_out_a_hung_node_and_a_killed_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    cluster = NatsCluster(data_dir).start()
    passwords = dev_passwords(data_dir)
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'events.db'}")
    async with db.engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    publisher = Bus(
        cluster.url, "agora-actors", replicas=3, user="actors", password=passwords["actors"]
    )
    publisher.want_stream(EVENTS.stream, EVENTS.subjects)
    subscriber = Bus(
        cluster.url, "agora-funding", replicas=3, user="funding", password=passwords["funding"]
    )
    applied: list[str] = []

    async def on_event(_: AsyncSession, event: CloudEvent) -> None:
        applied.append(event.id)

    relay = OutboxRelay(db, publisher)
    consumer = Consumer(
        db,
        subscriber,
        durable="funding-actors",
        stream=EVENTS.stream,
        subjects=EVENTS.subjects,
        handlers={"agora.actors.soaked.v1": on_event},
    )
    published: list[str] = []

    async def publish(count: int) -> None:
        async with db.transaction() as session:
            for n in range(count):
                subject, event = EVENTS.event("soaked", f"n{len(published)}", {"n": n})
                await enqueue(session, subject, event)
                published.append(event.id)

    async def all_applied(within: float) -> None:
        deadline = asyncio.get_running_loop().time() + within
        while not set(published) <= set(applied):
            assert asyncio.get_running_loop().time() < deadline, (
                f"{len(set(published) - set(applied))} of {len(published)} events not applied"
            )
            await asyncio.sleep(0.2)

    publisher.start()
    subscriber.start()
    try:
        async with asyncio.timeout(120):  # the cluster elects its JetStream leaders first
            await publisher.ready()
            await subscriber.ready()
        relay.start()
        consumer.start()
        await publish(10)
        await all_applied(within=120)

        hung = node_of(cluster, subscriber)
        hung.hang()
        try:
            await publish(10)
            # Pings every 5 s, 3 unanswered: the consumer leaves the hung node by itself.
            await all_applied(within=90)
            assert node_of(cluster, subscriber) is not hung
        finally:
            hung.resume()

        killed = node_of(cluster, publisher)
        killed.kill()
        try:
            await publish(10)
            await all_applied(within=90)
            assert node_of(cluster, publisher) is not killed
        finally:
            killed.start()

        assert sorted(applied) == sorted(published)  # each exactly once
        js = await publisher.ready()
        stream = await js.stream_info(EVENTS.stream)
        assert stream.config.num_replicas == 3
        assert stream.state.messages == len(published)  # no duplicate in the stream either
        async with db.transaction(readonly=True) as session:
            unpublished = await session.scalar(
                text("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            )
        assert unpublished == 0
    finally:
        await consumer.stop()
        await relay.stop()
        await subscriber.close()
        await publisher.close()
        await db.dispose()
        cluster.stop()


async def test_a_consumer_told_to_stop_finishes_the_batch_in_hand(tmp_path: Path) -> None:
    """SIGTERM's path (the lifespan's ``consumer.stop()``): the batch being applied commits and
    is acknowledged; a cancellation in the middle would roll it back and leave it unacked."""
    server = NatsServer(tmp_path / "nats").start()
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'events.db'}")
    async with db.engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    bus = Bus(server.url, "agora-drain")
    bus.want_stream(EVENTS.stream, EVENTS.subjects)
    started = asyncio.Event()

    async def slow(_: AsyncSession, event: CloudEvent) -> None:
        started.set()
        await asyncio.sleep(0.3)  # 5 events: 1.5 s in one transaction

    consumer = Consumer(
        db,
        bus,
        durable="drain-test",
        stream=EVENTS.stream,
        subjects=EVENTS.subjects,
        handlers={"agora.actors.soaked.v1": slow},
    )
    bus.start()
    try:
        js = await asyncio.wait_for(bus.ready(), 30)
        for n in range(5):
            subject, event = EVENTS.event("soaked", f"n{n}", {"n": n})
            await js.publish(subject, event.to_json(), headers={"Nats-Msg-Id": event.id})
        consumer.start()
        await asyncio.wait_for(started.wait(), 30)
        await consumer.stop()  # while the batch is half applied

        async with db.transaction(readonly=True) as session:
            applied = await session.scalar(text("SELECT count(*) FROM inbox"))
        assert applied == 5, "the batch in hand was not finished"
        info = await js.consumer_info(EVENTS.stream, "drain-test")
        assert (info.num_ack_pending, info.num_pending) == (0, 0)
    finally:
        await consumer.stop()
        await bus.close()
        await db.dispose()
        server.stop()
