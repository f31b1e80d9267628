"""All SQL that keeps the concentration report's totals (``funding.reports.models``): counted
in the transaction of each change to a binding commitment, rebuilt for a new day; and the
versions of the report's inputs, bumped in the transaction of every change that alters it.

Erasure deletes an actor's rows with its commitments (``funding.commitments.repository``).
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from funding.commitments.models import Commitment
from funding.commitments.rules import BINDING
from funding.reports.models import (
    INPUT_SHARDS,
    NO_CURRENCY,
    FundingAmount,
    FundingTotal,
    FundingTotalsDay,
    ReportInputs,
)

_DAY = timedelta(days=1)
_GROUP_KEYS = ("actor_id", "donor", "currency", "instrument", "horizon", "confidential")


async def note_report_change(session: AsyncSession, key: str) -> None:
    """Bump the version of the report's inputs in the shard of ``key`` (an actor id, a
    currency): any report kept from before this transaction commits is computed anew.

    Call it in the transaction of every change the concentration report can see, on any day: a
    commitment made binding, a move into or out of a binding status, an actor's attributes or
    erasure, an FX rate. Concurrent changes wait for one another only within a shard (on
    PostgreSQL the row stays locked until commit); those of one actor already do.
    """
    shard = zlib.crc32(key.encode()) % INPUT_SHARDS
    table: Any = ReportInputs.__table__  # Core: no ORM synchronisation on the hot path
    await session.execute(
        update(table).where(table.c.shard == shard).values(version=table.c.version + 1)
    )


async def note_all_changed(session: AsyncSession) -> None:
    """Bump every shard: no report kept before this transaction commits is answered again
    (a rebuild of the actor read model, which may change any actor's attributes)."""
    table: Any = ReportInputs.__table__
    await session.execute(update(table).values(version=table.c.version + 1))


async def count_in_totals(session: AsyncSession, commitment: Commitment, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) a binding commitment in the totals, if its period
    covers the totals' day.

    One upsert per table whose rows come from the day's row when the day is in the period: no
    separate read of the day. On PostgreSQL that row is share-locked (``FOR SHARE``), so that a
    rebuild for a new day waits for this transaction and then sees its commitment.
    """
    now = datetime.now(UTC).date()
    if commitment.period_end < now - _DAY or commitment.period_start > now + _DAY:
        # Not binding on any day the totals may describe when a report reads them (today, give
        # or take a day of clock skew; older totals are rebuilt before they are read).
        return
    connection = await session.connection()
    upsert_into = sqlite_insert if connection.dialect.name == "sqlite" else postgresql_insert
    key = {
        "actor_id": commitment.actor_id,
        "donor": commitment.donor,
        "currency": commitment.currency or NO_CURRENCY,
        "instrument": commitment.instrument,
        "horizon": commitment.horizon,
        "confidential": commitment.confidential,
    }
    tables: list[tuple[Any, dict[str, Any], dict[str, int]]] = [
        (
            FundingTotal.__table__,
            key,
            {"commitments": sign, "amount_minor": sign * (commitment.amount_minor or 0)},
        )
    ]
    if not commitment.confidential and commitment.amount_minor is not None:
        amount = {
            "actor_id": commitment.actor_id,
            "currency": commitment.currency,
            "amount_minor": commitment.amount_minor,
            "instrument": commitment.instrument,
            "horizon": commitment.horizon,
        }
        tables.append((FundingAmount.__table__, amount, {"commitments": sign}))
    for table, row, added in tables:
        values = {**row, **added}
        covered = (
            select(*(literal(v, table.c[k].type).label(k) for k, v in values.items()))
            .where(
                FundingTotalsDay.id == 1,
                FundingTotalsDay.day >= commitment.period_start,
                FundingTotalsDay.day <= commitment.period_end,
            )
            .with_for_update(read=True)
        )
        upsert = upsert_into(table).from_select(list(values), covered)
        await session.execute(
            upsert.on_conflict_do_update(
                index_elements=list(row),
                set_={c: table.c[c] + upsert.excluded[c] for c in added},
            )
        )
        if sign < 0:
            await session.execute(
                delete(table).where(
                    *(table.c[k] == v for k, v in row.items()), table.c.commitments <= 0
                )
            )


async def roll_totals(session: AsyncSession, day: date) -> None:
    """Make the totals describe ``day``: rebuilt from the commitments when they describe
    another day (the first report of each day: one grouped pass over the commitments whose
    period covers it), left alone otherwise."""
    current = await session.scalar(
        select(FundingTotalsDay.day).where(FundingTotalsDay.id == 1).with_for_update()
    )
    if current == day:
        return
    currency = func.coalesce(Commitment.currency, NO_CURRENCY)
    keys = (
        Commitment.actor_id,
        Commitment.donor,
        currency,
        Commitment.instrument,
        Commitment.horizon,
        Commitment.confidential,
    )
    await session.execute(delete(FundingTotal))
    await session.execute(
        insert(FundingTotal).from_select(
            [*_GROUP_KEYS, "commitments", "amount_minor"],
            select(*keys, func.count(), func.coalesce(func.sum(Commitment.amount_minor), 0))
            .where(
                Commitment.status.in_(BINDING),
                Commitment.period_start <= day,
                Commitment.period_end >= day,
            )
            .group_by(*keys),
        )
    )
    amounts = (
        Commitment.actor_id,
        Commitment.currency,
        Commitment.amount_minor,
        Commitment.instrument,
        Commitment.horizon,
    )
    await session.execute(delete(FundingAmount))
    await session.execute(
        insert(FundingAmount).from_select(
            [*(c.key for c in amounts), "commitments"],
            select(*amounts, func.count())
            .where(
                Commitment.status.in_(BINDING),
                Commitment.period_start <= day,
                Commitment.period_end >= day,
                Commitment.confidential.is_(False),
                Commitment.amount_minor.is_not(None),
            )
            .group_by(*amounts),
        )
    )
    if current is None:
        session.add(FundingTotalsDay(id=1, day=day))
        await session.flush()
    else:
        await session.execute(
            update(FundingTotalsDay).where(FundingTotalsDay.id == 1).values(day=day)
        )
