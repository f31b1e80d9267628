"""Dead letters on real SQLite / PostgreSQL and a real nats-server: an event parked because a
prerequisite was missing is listed without its payload, refused while the cause remains, and
applied exactly once by a replay after the cause was fixed."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import orjson
import pytest
from agora_common.bus import Bus
from agora_common.db import Database
from agora_common.dead_letters import DeadLetters, sanitised
from agora_common.events import CloudEvent
from agora_common.inbox import Consumer
from agora_common.problems import Conflict, NotFound
from agora_common.tables import metadata as messaging
from agora_common.testing.databases import POSTGRES_ADMIN_URL
from agora_common.testing.nats import NatsServer
from agora_common.testing.plugin import require_postgres
from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

toy = MetaData()
known = Table("known", toy, Column("key", String(40), primary_key=True))
effects = Table(
    "effects",
    toy,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False),
)
PERSONAL = "Jane Q. Dissident"


@pytest.fixture
async def db(backend: str, tmp_path: Path) -> AsyncIterator[Database]:
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'dead.db'}"
    else:
        await require_postgres()
        name = f"agora_dead_{uuid.uuid4().hex[:10]}"
        conn = await asyncpg.connect(POSTGRES_ADMIN_URL)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()
        base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace(
            "postgresql://", "postgresql+asyncpg://"
        )
        url = f"{base}/{name}"
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


async def needs_its_prerequisite(session: AsyncSession, event: CloudEvent) -> None:
    """Applies only once the key it names is known; a missing one is a KeyError (parked)."""
    found = await session.execute(select(known.c.key).where(known.c.key == event.data["needs"]))
    if found.scalar() is None:
        raise KeyError(f"{event.data['needs']} unknown for {event.data['name']}")
    await session.execute(insert(effects).values(event_id=event.id))


async def effect_count(db: Database) -> int:
    async with db.transaction(readonly=True) as session:
        return int((await session.execute(select(func.count()).select_from(effects))).scalar())


async def test_a_parked_event_is_listed_without_payload_and_replayed_once_fixed(
    db: Database, nats_server: NatsServer
) -> None:
    tag = uuid.uuid4().hex[:8]
    stream, prefix = f"T{tag.upper()}", f"agora.t{tag}"
    event_type = f"{prefix}.happened.v1"
    bus = Bus(nats_server.url, "test", duplicate_window_seconds=60)
    bus.want_stream(stream, [f"{prefix}.>"])
    consumer = Consumer(
        db,
        bus,
        durable=f"c{tag}",
        stream=stream,
        subjects=[f"{prefix}.>"],
        handlers={event_type: needs_its_prerequisite},
    )
    other = Consumer(
        db, bus, durable=f"o{tag}", stream=stream, subjects=[f"{prefix}.>"], handlers={}
    )
    bus.start()
    consumer.start()
    try:
        js = await bus.ready()
        event = CloudEvent(
            type=event_type,
            source=f"agora/{stream.lower()}",
            subject="s",
            data={"needs": "k1", "name": PERSONAL},
        )
        await js.publish(f"{prefix}.happened", event.to_json())
        dead_letters = DeadLetters([consumer])

        async def parked() -> bool:
            return consumer.parked_total == 1

        deadline = asyncio.get_running_loop().time() + 15
        while not await parked():
            assert asyncio.get_running_loop().time() < deadline, "never parked"
            await asyncio.sleep(0.05)

        page = await dead_letters.list(after=None, limit=10)
        assert len(page.items) == 1
        assert page.next_after is None
        letter = page.items[0]
        assert letter.event_id == event.id
        assert letter.event_type == event_type
        assert letter.stream_seq == 1
        assert letter.error_class == "KeyError"
        assert letter.attempts == 1
        assert letter.parked_at is not None
        assert letter.applied is False
        shown = orjson.dumps(page.model_dump(mode="json")).decode()
        assert PERSONAL not in shown
        assert "k1" not in shown  # neither the payload nor the handler's error text
        assert (await dead_letters.get(letter.id)) == letter
        # Another service (another set of consumers) does not see it.
        with pytest.raises(NotFound):
            await DeadLetters([other]).get(letter.id)
        with pytest.raises(NotFound):
            await dead_letters.get(letter.id + 1000)

        # The cause is still there: the replay is refused and changes nothing.
        with pytest.raises(Conflict):
            await dead_letters.replay(letter.id)
        assert await effect_count(db) == 0

        async with db.transaction() as session:  # the cause fixed
            await session.execute(insert(known).values(key="k1"))
        replayed = await dead_letters.replay(letter.id)
        assert replayed.outcome == "applied"
        assert replayed.event_id == event.id
        again = await dead_letters.replay(letter.id)
        assert again.outcome == "already_applied"
        assert await effect_count(db) == 1
        assert (await dead_letters.get(letter.id)).applied is True
    finally:
        await consumer.stop()
        await bus.close()


def test_reasons_are_reduced_to_what_the_consumer_wrote() -> None:
    assert sanitised("KeyError in agora.actors.registered.v1") == (
        "KeyError",
        "KeyError in agora.actors.registered.v1",
    )
    assert sanitised("gave up after 8 attempts: OperationalError") == (
        "OperationalError",
        "gave up after 8 attempts: OperationalError",
    )
    assert sanitised(f"malformed: {PERSONAL}") == ("MalformedEvent", "malformed event")
    assert sanitised("source does not own stream ACTORS")[0] == "ForeignSource"
    assert sanitised(f"something about {PERSONAL}") == ("Unknown", "parked")
