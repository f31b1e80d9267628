"""All SQL of the actor registry."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from agora_common.db import Database, is_sqlite
from sqlalchemy import and_, delete, exists, func, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from actors.registry.models import (
    Actor,
    ActorActivity,
    ActorKey,
    ActorSector,
    ErasedActor,
    Grant,
    Permit,
    StatisticsSnapshot,
    Vetting,
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
    await session.flush()


async def _write_tags(
    session: AsyncSession, actor_id: str, sectors: list[str], activities: list[str]
) -> None:
    await session.execute(delete(ActorSector).where(ActorSector.actor_id == actor_id))
    await session.execute(delete(ActorActivity).where(ActorActivity.actor_id == actor_id))
    session.add_all(ActorSector(actor_id=actor_id, sector=s) for s in sectors)
    session.add_all(ActorActivity(actor_id=actor_id, activity=a) for a in activities)
    await session.flush()


async def get_actor(session: AsyncSession, actor_id: str) -> Actor | None:
    return await session.get(Actor, actor_id)


async def get_erased(session: AsyncSession, actor_id: str) -> ErasedActor | None:
    return await session.get(ErasedActor, actor_id)


async def get_key(session: AsyncSession, actor_id: str) -> ActorKey | None:
    return await session.get(ActorKey, actor_id)


async def keys_of(session: AsyncSession, actor_ids: Sequence[str]) -> dict[str, ActorKey]:
    if not actor_ids:
        return {}
    rows = await session.scalars(select(ActorKey).where(ActorKey.actor_id.in_(actor_ids)))
    return {k.actor_id: k for k in rows}


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
    if after is not None:
        created_at, actor_id = after
        query = query.where(
            or_(
                Actor.created_at > created_at,
                and_(Actor.created_at == created_at, Actor.id > actor_id),
            )
        )
    query = query.order_by(Actor.created_at, Actor.id).limit(limit)
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
    result = await session.execute(
        delete(Actor)
        .where(Actor.id == actor_id, Actor.version == expected_version)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # The foreign keys cascade; saying it again keeps this correct without them.
    for table in (ActorKey, ActorSector, ActorActivity, Grant, Permit, Vetting):
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


# Grants


async def get_grant(session: AsyncSession, actor_id: str, state: str) -> Grant | None:
    return await session.get(Grant, (actor_id, state))


async def add_grant(session: AsyncSession, grant: Grant) -> bool:
    """Add the grant; False if a concurrent request added the same one first."""
    session.add(grant)
    try:
        await session.flush()
    except IntegrityError:
        return False
    return True


async def delete_grant(session: AsyncSession, grant: Grant) -> None:
    await session.delete(grant)
    await session.flush()


async def granted_actor_ids(
    session: AsyncSession, actor_ids: Sequence[str], state: str
) -> set[str]:
    if not actor_ids:
        return set()
    rows = await session.scalars(
        select(Grant.actor_id).where(Grant.actor_id.in_(actor_ids), Grant.state == state)
    )
    return set(rows)


async def list_grants(
    session: AsyncSession, actor_id: str, *, after: str | None, limit: int
) -> list[Grant]:
    query = select(Grant).where(Grant.actor_id == actor_id)
    if after is not None:
        query = query.where(Grant.state > after)
    return list(await session.scalars(query.order_by(Grant.state).limit(limit)))


# Permits


async def add_permit(session: AsyncSession, permit: Permit) -> None:
    session.add(permit)
    await session.flush()


def _permit_visible_to(state: str) -> Any:
    return or_(
        Permit.issuing_state == state,
        Actor.custodian_state == state,
        exists().where(Grant.actor_id == Permit.actor_id, Grant.state == state),
    )


async def list_actor_permits(
    session: AsyncSession,
    actor_id: str,
    *,
    state: str,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Permit]:
    query = (
        select(Permit)
        .join(Actor, Actor.id == Permit.actor_id)
        .where(Permit.actor_id == actor_id, _permit_visible_to(state))
    )
    return await _permit_page(session, query, after, limit)


async def expiring_permits(
    session: AsyncSession,
    *,
    state: str,
    start: date,
    end: date,
    after: tuple[date, str] | None,
    limit: int,
) -> list[Permit]:
    query = (
        select(Permit)
        .join(Actor, Actor.id == Permit.actor_id)
        .where(Permit.valid_until >= start, Permit.valid_until <= end, _permit_visible_to(state))
    )
    return await _permit_page(session, query, after, limit)


async def _permit_page(
    session: AsyncSession, query: Any, after: tuple[date, str] | None, limit: int
) -> list[Permit]:
    if after is not None:
        until, permit_id = after
        query = query.where(
            or_(
                Permit.valid_until > until,
                and_(Permit.valid_until == until, Permit.id > permit_id),
            )
        )
    query = query.order_by(Permit.valid_until, Permit.id).limit(limit)
    return list(await session.scalars(query))


# Vetting


async def get_vetting(session: AsyncSession, actor_id: str, state: str) -> Vetting | None:
    return await session.get(Vetting, (actor_id, state))


async def save_vetting(session: AsyncSession, vetting: Vetting) -> bool:
    """Save the decision; False if a concurrent request created the same one first."""
    session.add(vetting)
    try:
        await session.flush()
    except IntegrityError:
        return False
    return True


# Statistics (aggregated in SQL; personal data only as ciphertext, in bounded batches)


async def count_actors(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Actor)) or 0)


async def registry_changes(session: AsyncSession) -> int:
    """How many counted changes the registry has seen (only ever grows: an erasure moves the
    actor's changes, plus one, to its tombstone)."""
    row = (
        await session.execute(
            select(
                func.coalesce(func.sum(Actor.statistics_changes), 0),
                select(func.coalesce(func.sum(ErasedActor.statistics_changes), 0))
                .select_from(ErasedActor)
                .scalar_subquery(),
            ).select_from(Actor)
        )
    ).one()
    return int(row[0]) + int(row[1])


async def get_snapshot(session: AsyncSession) -> StatisticsSnapshot:
    snapshot = (
        await session.execute(
            select(StatisticsSnapshot)
            .where(StatisticsSnapshot.id == 1)
            .execution_options(populate_existing=True)
        )
    ).scalar_one()
    return snapshot


async def replace_snapshot(
    session: AsyncSession, *, expected_changes: int, changes: int, body: str, taken_at: datetime
) -> bool:
    """Store a new snapshot unless another request stored one since ``expected_changes``."""
    result = await session.execute(
        update(StatisticsSnapshot)
        .where(StatisticsSnapshot.id == 1, StatisticsSnapshot.changes == expected_changes)
        .values(changes=changes, body=body, taken_at=taken_at)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def count_by(session: AsyncSession, column: Any) -> dict[str, int]:
    rows = await session.execute(select(column, func.count()).group_by(column))
    return {str(value): int(n) for value, n in rows if value is not None}


async def count_sectors(session: AsyncSession) -> dict[str, int]:
    return await count_by(session, ActorSector.sector)


async def count_activities(session: AsyncSession) -> dict[str, int]:
    return await count_by(session, ActorActivity.activity)


async def sealed_personal_data(
    session: AsyncSession, *, batch: int = 500
) -> AsyncIterator[list[tuple[str, bytes, bytes]]]:
    """(actor id, ciphertext, wrapped key) of every actor, a batch at a time by id."""
    last = ""
    while True:
        rows = (
            await session.execute(
                select(Actor.id, Actor.personal, ActorKey.wrapped_key)
                .join(ActorKey, ActorKey.actor_id == Actor.id)
                .where(Actor.id > last)
                .order_by(Actor.id)
                .limit(batch)
            )
        ).all()
        if not rows:
            return
        yield [(r[0], r[1], r[2]) for r in rows]
        last = rows[-1][0]
