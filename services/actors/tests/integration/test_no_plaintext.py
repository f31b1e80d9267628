"""The database, the published events and the logs never hold personal data in plaintext.

Unique markers go into every personal field; afterwards the raw database (SQLite file bytes,
or every PostgreSQL table's contents), every event on the real JetStream stream and every log
record are searched for them.
"""

import asyncio
import logging
import secrets
from typing import Any

import nats
import orjson
import pytest
from agora_common.tables import outbox
from agora_common.testing.client import ServiceClient
from agora_common.testing.nats import NatsServer
from sqlalchemy import func, select, text

from ..conftest import DE, PERSON, db_of, register, sqlite_files


def _marked() -> tuple[dict[str, Any], list[bytes]]:
    mark = secrets.token_hex(8)
    markers = {
        "legal": f"Legalmarker{mark}",
        "origin": f"Ethnomarker{mark}",
        "group": f"Groupmarker{mark}",
        "scope": f"Scopemarker{mark}",
        "email": f"mail{mark}@example.org",
        "address": f"Streetmarker{mark}",
    }
    actor = {
        **PERSON,
        "legal_name": markers["legal"],
        "representation": {
            "gender": "non_binary",
            "ethnic_origin": markers["origin"],
            "national_minority": True,
            "vulnerable_groups": [markers["group"]],
        },
        "consent": {"given_on": "2024-05-01", "scope": markers["scope"]},
        "contact": {"email": markers["email"], "postal_address": markers["address"]},
    }
    return actor, [m.encode() for m in markers.values()]


async def _exercise(actors: ServiceClient) -> tuple[list[bytes], list[str]]:
    """Register, read, patch (also personal fields) and erase marked actors."""
    markers: list[bytes] = [b"non_binary"]
    ids = []
    for _ in range(3):
        body, marks = _marked()
        markers += marks
        ids.append((await register(actors, **body))["id"])
    renamed, marks = _marked()
    markers += marks
    patched = await actors.patch(
        f"/v1/actors/{ids[0]}",
        caller=DE,
        json={"legal_name": renamed["legal_name"], "representation": renamed["representation"]},
        headers={"If-Match": '"1"'},
    )
    assert patched.status_code == 200
    assert (await actors.get("/v1/actors", caller=DE)).status_code == 200
    erased = await actors.delete(f"/v1/actors/{ids[1]}", caller=DE, headers={"If-Match": '"1"'})
    assert erased.status_code == 204
    assert (await actors.get("/v1/actors/statistics", caller=DE)).status_code == 200
    return markers, ids


async def _database_contents(actors: ServiceClient) -> list[bytes]:
    """Every value of every table, bytes as stored."""
    db = db_of(actors)
    values: list[bytes] = []
    async with db.transaction(readonly=True) as session:
        tables = (
            await session.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
        ).scalars()
        for table in list(tables):
            for row in await session.execute(text(f'SELECT * FROM "{table}"')):
                for value in row:
                    values.append(value if isinstance(value, bytes) else str(value).encode())
    return values


async def test_no_personal_data_in_the_database_or_the_logs(
    actors: ServiceClient, backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    markers, ids = await _exercise(actors)
    if backend == "sqlite":
        stored = [sqlite_files(actors)]
    else:
        stored = await _database_contents(actors)
        # The search finds what is there: ids are stored in plaintext.
        assert any(ids[0].encode() in value for value in stored)
    assert any(b"agora.actors.updated" in value for value in stored)
    for marker in markers:
        assert not any(marker in value for value in stored), marker
    # The risk level (every marked actor is "high") is sealed too.
    assert not any(value == b"high" or b"'high'" in value for value in stored)
    if backend == "sqlite":
        assert b"high" not in stored[0]
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert caplog.records
    for marker in markers:
        assert marker.decode() not in logged


async def test_no_personal_data_in_published_events(
    actors: ServiceClient, nats_server: NatsServer
) -> None:
    markers, ids = await _exercise(actors)
    db = db_of(actors)

    async def unpublished() -> int:
        async with db.transaction(readonly=True) as session:
            count = await session.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
            )
        return int(count or 0)

    for _ in range(400):  # bounded wait for the relay
        if await unpublished() == 0:
            break
        await asyncio.sleep(0.05)
    assert await unpublished() == 0

    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        subscription = await js.subscribe("agora.actors.>", ordered_consumer=True)
        payloads: list[bytes] = []
        while True:
            try:
                message = await subscription.next_msg(timeout=1.0)
            except nats.errors.TimeoutError:
                break
            payloads.append(message.data)
        await subscription.unsubscribe()
    finally:
        await nc.close()
    ours = [p for p in payloads if any(i.encode() in p for i in ids)]
    types = sorted(orjson.loads(p)["type"] for p in ours)
    assert types == [
        "agora.actors.erased.v1",
        *["agora.actors.registered.v1"] * 3,
        "agora.actors.updated.v1",
    ]
    for payload in payloads:
        for marker in markers:
            assert marker not in payload, marker
        data = orjson.loads(payload)["data"]
        assert not {"legal_name", "representation", "consent", "contact", "public_name"} & set(data)
