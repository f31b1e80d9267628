"""All SQL of the funding reports.

The concentration report reads binding commitments grouped per (actor, donor, currency,
instrument, horizon, confidential) — from the totals kept with every change for today, from the
commitments and their status history for any other day — and converts each group in Python
(:mod:`funding.reports.concentration`). The actor summary converts in SQL, exactly on both
databases (:mod:`funding.reports.exact`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment, CommitmentStatusPeriod
from funding.commitments.repository import visible_to
from funding.commitments.rules import BINDING
from funding.fx.models import FxRate
from funding.money import EUR
from funding.reports import totals
from funding.reports.exact import eur_cents, exact_sum, prepare_exact
from funding.reports.models import NO_CURRENCY, FundingAmount, FundingTotal, ReportInputs

_DAY = timedelta(days=1)
# Founded or relocated on or after this day: a "new" actor of the relocated public sphere.
NEW_ACTOR_SINCE = date(2022, 2, 24)


def _day_end(day: date) -> datetime:
    """The first moment after ``day`` (UTC): a status in force then is the day's last."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def _rates_on(as_of: date) -> Any:
    """Per currency, the rate of the latest day on or before ``as_of``."""
    latest = (
        select(FxRate.currency, func.max(FxRate.effective_on).label("effective_on"))
        .where(FxRate.effective_on <= as_of)
        .group_by(FxRate.currency)
        .subquery()
    )
    return (
        select(FxRate.currency, FxRate.eur_per_unit)
        .join(
            latest,
            and_(
                latest.c.currency == FxRate.currency, latest.c.effective_on == FxRate.effective_on
            ),
        )
        .subquery("rates")
    )


async def rates_on(session: AsyncSession, as_of: date) -> dict[str, Decimal]:
    """Per currency, EUR per unit in force on ``as_of`` (the latest rate set as of that day)."""
    rows = await session.execute(
        select(FxRate.currency, FxRate.eur_per_unit)
        .where(FxRate.effective_on <= as_of)
        .order_by(FxRate.currency, FxRate.effective_on)
    )
    return {currency: Decimal(rate) for currency, rate in rows}  # the latest per currency wins


async def currencies_without_rate(
    session: AsyncSession, *, as_of: date, actor_id: str, viewer: str | None = None
) -> list[str]:
    """Currencies of one actor's commitments that ``viewer`` may read and that have no rate on
    ``as_of`` (never another donor's confidential one: naming its currency would reveal it).

    The summary converts every commitment but cancelled ones that never paid out.
    """
    rates = _rates_on(as_of)
    query = (
        select(Commitment.currency)
        .distinct()
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(
            Commitment.currency.is_not(None),
            Commitment.currency != EUR,
            rates.c.currency.is_(None),
            Commitment.actor_id == actor_id,
            or_(Commitment.status != "cancelled", Commitment.disbursed_minor > 0),
            visible_to(viewer),
        )
        .order_by(Commitment.currency)
    )
    return [c for c in (await session.execute(query)).scalars().all() if c]


async def inputs_version(session: AsyncSession) -> tuple[int, ...]:
    """The versions of the concentration report's inputs (one per shard, in one statement).

    Read before the report's own rows: a change committed in between is then in the rows (the
    report is current, or newer than the versions say), never missing from a report kept under
    versions that still hold."""
    rows = await session.execute(select(ReportInputs.version).order_by(ReportInputs.shard))
    return tuple(rows.scalars().all())


# -- The concentration report: binding commitments grouped, from the kept totals or the rows --

_GROUP_KEYS = ("actor_id", "donor", "currency", "instrument", "horizon", "confidential")


def _actor_columns() -> tuple[Any, ...]:
    is_new = case(
        (
            or_(
                KnownActor.established_on >= NEW_ACTOR_SINCE,
                KnownActor.relocated_on >= NEW_ACTOR_SINCE,
            ),
            1,
        ),
        else_=0,
    )
    return (
        is_new.label("is_new"),
        KnownActor.origin_region,
        KnownActor.women_led,
        KnownActor.minority_led,
        KnownActor.regional,
    )


def _status_on(as_of: date, today: date) -> tuple[Any, Any]:
    """The status of each commitment at the end of ``as_of``, and the join that finds it.

    From today on it is the present status. For a past day it is the status the history holds
    for the end of that day; a commitment recorded later than that counts with its present
    status (it was entered afterwards: what it is now is all that is known of that day).
    """
    if as_of >= today:
        return Commitment.status, None
    end = _day_end(as_of)
    history = CommitmentStatusPeriod
    on = and_(
        history.commitment_id == Commitment.id,
        history.valid_from < end,
        or_(history.valid_to.is_(None), history.valid_to >= end),
    )
    return func.coalesce(history.status, Commitment.status), on


async def binding_groups(session: AsyncSession, *, as_of: date, today: date) -> Sequence[Any]:
    """Commitments binding on ``as_of`` to known actors not erased, grouped per (actor, donor,
    currency, instrument, horizon, confidential): count, summed amount (minor units) and the
    actor's attributes the report needs. Today's come from the kept totals (a few thousand rows
    however many commitments there are); any other day's from the commitments and their status
    history, which reads every commitment whose period covers that day."""
    if as_of == today:
        await totals.roll_totals(session, today)
        query = select(
            *(FundingTotal.__table__.c[k] for k in _GROUP_KEYS),
            FundingTotal.commitments,
            FundingTotal.amount_minor,
            *_actor_columns(),
        ).join(KnownActor, KnownActor.actor_id == FundingTotal.actor_id)
        return await _constant_rows(session, query.where(KnownActor.erased.is_(False)))
    status, on = _status_on(as_of, today)
    currency = func.coalesce(Commitment.currency, NO_CURRENCY).label("currency")
    keys = (
        Commitment.actor_id,
        Commitment.donor,
        currency,
        Commitment.instrument,
        Commitment.horizon,
        Commitment.confidential,
    )
    actor = _actor_columns()
    grouped = (
        select(
            *keys,
            func.count().label("commitments"),
            func.coalesce(func.sum(Commitment.amount_minor), 0).label("amount_minor"),
            *actor,
        )
        .join(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .where(
            KnownActor.erased.is_(False),
            Commitment.period_start <= as_of,
            Commitment.period_end >= as_of,
            status.in_(BINDING),
        )
        .group_by(*keys, *actor)
    )
    if on is not None:
        grouped = grouped.outerjoin(CommitmentStatusPeriod, on)
    return (await session.execute(grouped)).all()


async def _constant_rows(session: AsyncSession, query: Any) -> Sequence[Any]:
    """The rows of a query that has no parameter (constants only). On SQLite they are read from
    the driver as plain tuples (booleans as 0 and 1): for ten thousand rows SQLAlchemy's result
    rows cost three to four times the query itself."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return (await session.execute(query)).all()
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    raw = await connection.get_raw_connection()
    driver: Any = raw.driver_connection  # aiosqlite
    return list(await driver.execute_fetchall(sql))


async def thin_commitments(
    session: AsyncSession, *, as_of: date, today: date, below: dict[str, int]
) -> Sequence[Any]:
    """(instrument, horizon, count) of the non-confidential commitments binding on ``as_of`` to
    known actors not erased whose amount is below ``below[currency]`` minor units.

    Today's are read from the kept amounts, through their index on (currency, amount): only the
    amounts below the cut-offs. Another day's from the commitments (``ix_commitments_currency_
    amount`` finds the small amounts of each currency, then their periods and statuses)."""
    if not below:
        return []
    if as_of == today:  # rolled by binding_groups in the same report
        kept = (
            select(
                FundingAmount.instrument, FundingAmount.horizon, func.sum(FundingAmount.commitments)
            )
            .where(
                or_(
                    *(
                        and_(FundingAmount.currency == c, FundingAmount.amount_minor < cut)
                        for c, cut in sorted(below.items())
                    )
                )
            )
            .group_by(FundingAmount.instrument, FundingAmount.horizon)
        )
        return (await session.execute(kept)).all()
    status, on = _status_on(as_of, today)
    query = (
        select(Commitment.instrument, Commitment.horizon, func.count())
        .join(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .where(
            or_(
                *(
                    and_(Commitment.currency == c, Commitment.amount_minor < cut)
                    for c, cut in sorted(below.items())
                )
            ),
            Commitment.confidential.is_(False),
            KnownActor.erased.is_(False),
            Commitment.period_start <= as_of,
            Commitment.period_end >= as_of,
            status.in_(BINDING),
        )
        .group_by(Commitment.instrument, Commitment.horizon)
    )
    if on is not None:
        query = query.outerjoin(CommitmentStatusPeriod, on)
    return (await session.execute(query)).all()


LEADERSHIP = ("women_led", "minority_led", "regional")


async def actor_totals(
    session: AsyncSession, *, actor_id: str, viewer: str | None, as_of: date
) -> Sequence[Any]:
    """Per donor and status: commitments, committed and disbursed EUR cents for one actor, of
    the commitments ``viewer`` may read (never another donor's confidential one)."""
    sqlite = await prepare_exact(session)
    rates = _rates_on(as_of)
    query = (
        select(
            Commitment.donor,
            Commitment.status,
            func.count().label("commitments"),
            exact_sum(sqlite, eur_cents(sqlite, rates, Commitment.amount_minor)).label(
                "amount_cents"
            ),
            exact_sum(sqlite, eur_cents(sqlite, rates, Commitment.disbursed_minor)).label(
                "disbursed_cents"
            ),
        )
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(Commitment.actor_id == actor_id, visible_to(viewer))
        .group_by(Commitment.donor, Commitment.status)
        .order_by(Commitment.donor, Commitment.status)
    )
    return (await session.execute(query)).all()
