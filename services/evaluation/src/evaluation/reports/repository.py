"""All SQL of the kept portfolio: the version of the report inputs, and the snapshots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from evaluation.reports.models import INPUTS_ROW, PortfolioItem, PortfolioSnapshot, ReportInputs

_ITEMS_PER_INSERT = 1_000


def bump_inputs_version(session: Session, forget_actors: Sequence[str]) -> None:
    """Count one more change of the report inputs and drop the erased actors' entries of every
    kept portfolio (synchronous: it runs in the session's ``before_commit``)."""
    session.execute(
        update(ReportInputs)
        .where(ReportInputs.id == INPUTS_ROW)
        .values(version=ReportInputs.version + 1)
    )
    if forget_actors:
        session.execute(delete(PortfolioItem).where(PortfolioItem.actor_id.in_(forget_actors)))
        # The totals of a snapshot that counted them are stale now: gone too.
        session.execute(delete(PortfolioSnapshot))


class Kept(NamedTuple):
    inputs: int | None  # the current version of the report inputs (None: no counter row)
    version: int | None  # that of the cycle's kept portfolio (None: none kept)
    totals: str | None


async def kept_portfolio(session: AsyncSession, cycle_id: str) -> Kept:
    """The current version of the report inputs, and the version and totals (JSON text) of the
    cycle's kept portfolio, in one query."""
    found = await session.execute(
        select(ReportInputs.version, PortfolioSnapshot.version, PortfolioSnapshot.totals)
        .select_from(ReportInputs)
        .outerjoin(PortfolioSnapshot, PortfolioSnapshot.cycle_id == cycle_id)
        .where(ReportInputs.id == INPUTS_ROW)
    )
    row = found.first()
    return Kept(None, None, None) if row is None else Kept(*row)


async def items_after(
    session: AsyncSession, cycle_id: str, *, after: str | None, limit: int
) -> list[tuple[str, str]]:
    """Up to ``limit`` kept entries (actor id, JSON text) after ``after``, by actor id."""
    query = (
        select(PortfolioItem.actor_id, PortfolioItem.body)
        .where(PortfolioItem.cycle_id == cycle_id)
        .order_by(PortfolioItem.actor_id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(PortfolioItem.actor_id > after)
    return [(actor_id, body) for actor_id, body in await session.execute(query)]


async def keep_snapshot(
    session: AsyncSession,
    cycle_id: str,
    *,
    version: int,
    totals: str,
    items: Sequence[tuple[str, str]],
) -> bool:
    """Store the cycle's portfolio computed at ``version``, replacing an older one; False (and
    nothing written) when the inputs changed since or that version is already kept.

    The first statement locks the inputs row (on SQLite it is the write that begins the write
    transaction): a change committing meanwhile waits until this transaction ends, so its bump
    and an erasure's deletes of kept entries come after these inserts, never before.
    """
    still_current = await session.execute(
        update(ReportInputs)
        .where(ReportInputs.id == INPUTS_ROW, ReportInputs.version == version)
        .values(version=ReportInputs.version)
        .returning(ReportInputs.version)
    )
    if still_current.first() is None:
        return False
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(PortfolioSnapshot).values(
        cycle_id=cycle_id,
        version=version,
        computed_at=datetime.now(UTC),
        actors=len(items),
        totals=totals,
    )
    replaced = await session.execute(
        upsert.on_conflict_do_update(
            index_elements=[PortfolioSnapshot.cycle_id],
            set_={
                "version": upsert.excluded.version,
                "computed_at": upsert.excluded.computed_at,
                "actors": upsert.excluded.actors,
                "totals": upsert.excluded.totals,
            },
            where=PortfolioSnapshot.version < upsert.excluded.version,
        ).returning(PortfolioSnapshot.cycle_id)
    )
    if replaced.first() is None:
        return False  # another reader kept this version first
    await session.execute(delete(PortfolioItem).where(PortfolioItem.cycle_id == cycle_id))
    for start in range(0, len(items), _ITEMS_PER_INSERT):
        await session.execute(
            insert(PortfolioItem),
            [
                {"cycle_id": cycle_id, "actor_id": actor_id, "body": body}
                for actor_id, body in items[start : start + _ITEMS_PER_INSERT]
            ],
        )
    return True
