"""All SQL about actors themselves: their rows, data keys, tags, and erasure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agora_common.db import Database, is_sqlite
from sqlalchemy import Row, bindparam, case, delete, exists, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from actors import keyset
from actors.models import (
    Actor,
    ActorActivity,
    ActorKey,
    ActorSector,
    CustodyTransfer,
    ErasedActor,
    Grant,
    IdentityFingerprint,
    Permit,
    Vetting,
    VettingRecord,
)


@dataclass(frozen=True)
class ActorFilters:
    kind: str | None = None
    sector: str | None = None
    activity: str | None = None
    host_country: str | None = None
    origin_region: str | None = None
    custodian_state: str | None = None


async def add_actor(session: AsyncSession, actor: Actor, key: ActorKey) -> None:
    session.add(actor)
    await session.flush()
    session.add(key)
    await _write_tags(session, actor.id, actor.sectors, actor.activities)


async def _write_tags(
    session: AsyncSession, actor_id: str, sectors: list[str], activities: list[str]
) -> None:
    await session.execute(delete(ActorSector).where(ActorSector.actor_id == actor_id))
    await session.execute(delete(ActorActivity).where(ActorActivity.actor_id == actor_id))
    session.add_all(ActorSector(actor_id=actor_id, sector=s) for s in sectors)
    session.add_all(ActorActivity(actor_id=actor_id, activity=a) for a in activities)
    await session.flush()


async def get_actor(session: AsyncSession, actor_id: str, *, fresh: bool = False) -> Actor | None:
    """The actor; ``fresh`` reads it again from the database (what committed meanwhile)."""
    return await session.get(Actor, actor_id, populate_existing=fresh)


_actors, _keys, _grants = Actor.__table__, ActorKey.__table__, Grant.__table__
# Core on the tables (no ORM entity): the row comes back as it is, without an identity map.
_ACTOR_FOR_READER = (
    select(
        *_actors.c,
        # The wrapped key only where the reader's state may open it: its custodian or granted.
        case(
            (
                (_actors.c.custodian_state == bindparam("state"))
                | exists().where(
                    _grants.c.actor_id == _actors.c.id, _grants.c.state == bindparam("state")
                ),
                _keys.c.wrapped_key,
            ),
        ).label("wrapped_key"),
    )
    .outerjoin(_keys, _keys.c.actor_id == _actors.c.id)
    .where(_actors.c.id == bindparam("actor_id"))
)


async def actor_for_reader(
    session: AsyncSession, actor_id: str, state: str | None
) -> Row[*tuple[Any, ...]] | None:
    """The actor's columns (named as on ``Actor``) and ``wrapped_key``: its wrapped data key if
    ``state`` is its custodian or was granted access, else None. One statement."""
    connection = await session.connection()
    result = await connection.execute(_ACTOR_FOR_READER, {"actor_id": actor_id, "state": state})
    return result.first()


async def is_erased(session: AsyncSession, actor_id: str) -> bool:
    return await session.get(ErasedActor, actor_id) is not None


async def wrapped_key(session: AsyncSession, actor_id: str, *, lock: bool = False) -> bytes:
    """The actor's wrapped data key; with ``lock``, its row stays locked until the transaction
    ends (PostgreSQL; SQLite serialises writers anyway): whatever seals under the data key, or
    depends on who may open it, waits for a custody hand-over that re-keys it, and vice versa."""
    key = await session.get(ActorKey, actor_id, with_for_update=lock, populate_existing=lock)
    if key is None:
        raise RuntimeError("an actor without a data key")
    return key.wrapped_key


async def wrapped_keys(session: AsyncSession, actor_ids: Sequence[str]) -> dict[str, bytes]:
    if not actor_ids:
        return {}
    rows = await session.execute(
        select(ActorKey.actor_id, ActorKey.wrapped_key).where(ActorKey.actor_id.in_(actor_ids))
    )
    return {row.actor_id: row.wrapped_key for row in rows}


async def list_actors(
    session: AsyncSession,
    filters: ActorFilters,
    *,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Actor]:
    """One page in (created_at, id) order: rows added later never shift the pages before."""
    query = select(Actor)
    for column, value in (
        (Actor.kind, filters.kind),
        (Actor.host_country, filters.host_country),
        (Actor.origin_region, filters.origin_region),
        (Actor.custodian_state, filters.custodian_state),
    ):
        if value is not None:
            query = query.where(column == value)
    if filters.sector is not None:
        query = query.where(
            exists().where(ActorSector.actor_id == Actor.id, ActorSector.sector == filters.sector)
        )
    if filters.activity is not None:
        query = query.where(
            exists().where(
                ActorActivity.actor_id == Actor.id, ActorActivity.activity == filters.activity
            )
        )
    order = (Actor.created_at, Actor.id)
    if after is not None:
        query = query.where(keyset.after(order, after))
    query = query.order_by(*order).limit(limit)
    return list(await session.scalars(query))


async def update_actor(
    session: AsyncSession, actor_id: str, *, expected_version: int, values: dict[str, Any]
) -> Actor | None:
    """Apply ``values`` only if the row still has ``expected_version``; None if it has not."""
    result = await session.execute(
        update(Actor)
        .where(Actor.id == actor_id, Actor.version == expected_version)
        .values(**values, version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    if "sectors" in values or "activities" in values:
        await _write_tags(session, actor_id, values["sectors"], values["activities"])
    fresh = await session.execute(
        select(Actor).where(Actor.id == actor_id).execution_options(populate_existing=True)
    )
    return fresh.scalar_one()


async def erase_actor(
    session: AsyncSession, actor_id: str, *, expected_version: int, erased: ErasedActor
) -> bool:
    """Delete everything held about the actor, its data key first; keep only the tombstone."""
    connection = await session.connection()
    if connection.dialect.name == "sqlite":
        # Overwrite deleted content in the file instead of leaving it in free pages.
        await session.execute(text("PRAGMA secure_delete = ON"))
    # "evaluate": an Actor this session loaded (the request's LiveActor) leaves the session
    # with its row, instead of lingering as if it still existed.
    result = await session.execute(
        delete(Actor)
        .where(Actor.id == actor_id, Actor.version == expected_version)
        .execution_options(synchronize_session="evaluate")
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # The foreign keys cascade; saying it again keeps this correct without them.
    tables = (
        ActorKey,
        ActorSector,
        ActorActivity,
        Grant,
        Permit,
        Vetting,
        VettingRecord,
        CustodyTransfer,
        IdentityFingerprint,
    )
    for table in tables:
        await session.execute(delete(table).where(table.actor_id == actor_id))
    session.add(erased)
    await session.flush()
    return True


async def checkpoint_after_erasure(db: Database) -> None:
    """SQLite: move the overwritten pages into the file and empty the WAL, so the erased
    actor's wrapped key does not linger in old WAL frames (best effort; a busy reader waits)."""
    if not is_sqlite(db.url):
        return
    async with db.engine.connect() as connection:
        # On the driver's connection: a checkpoint cannot run inside the BEGIN that SQLAlchemy
        # would open first.
        raw = await connection.get_raw_connection()
        driver = raw.driver_connection
        assert driver is not None
        await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
