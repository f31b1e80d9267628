"""All SQL of the funding reports: aggregation happens in the database, in EUR cents.

Each commitment's amount is converted once to whole EUR cents (rounded half up) with the rate
effective on the report date; everything after that is integer arithmetic, exact on both
databases. PostgreSQL converts in NUMERIC; SQLite has no exact decimal type, so the conversion
is a deterministic SQL function of this module computed with Python's ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment
from funding.fx.models import FxRate
from funding.money import EUR

# Founded or relocated on or after this day: a "new" actor of the relocated public sphere.
NEW_ACTOR_SINCE = date(2022, 2, 24)
SQLITE_EUR_CENTS = "agora_eur_cents"


def _sqlite_eur_cents(amount_minor: int | None, minor_units: int | None, rate: str | None) -> Any:
    """EUR cents of ``amount_minor`` at ``rate`` EUR per unit, exact, rounded half up."""
    if amount_minor is None or minor_units is None or rate is None:
        return None
    cents = Decimal(amount_minor) * Decimal(rate) * Decimal(10) ** (2 - minor_units)
    return int(cents.quantize(Decimal(1), rounding=ROUND_HALF_UP))


async def _prepare(session: AsyncSession) -> bool:
    """Whether this is SQLite; there, make the conversion function known to the connection."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return False
    raw = await connection.get_raw_connection()
    await raw.driver_connection.create_function(  # type: ignore[union-attr]
        SQLITE_EUR_CENTS, 3, _sqlite_eur_cents, deterministic=True
    )
    return True


BINDING = ("committed", "disbursed", "completed")


def live_on(as_of: date) -> ColumnElement[bool]:
    """Binding (committed, disbursed or completed; not pledged or cancelled) and running on
    ``as_of``: the report describes the funding landscape of that day as known now."""
    return and_(
        Commitment.status.in_(BINDING),
        Commitment.period_start <= as_of,
        Commitment.period_end >= as_of,
    )


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


async def currencies_without_rate(
    session: AsyncSession, *, as_of: date, actor_id: str | None = None
) -> list[str]:
    """Currencies of commitments a report on ``as_of`` needs that have no rate by then."""
    rates = _rates_on(as_of)
    query = (
        select(Commitment.currency)
        .distinct()
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(
            Commitment.currency.is_not(None),
            Commitment.currency != EUR,
            rates.c.currency.is_(None),
        )
        .order_by(Commitment.currency)
    )
    if actor_id is None:
        query = query.join(KnownActor, KnownActor.actor_id == Commitment.actor_id).where(
            KnownActor.erased.is_(False), live_on(as_of)
        )
    else:
        query = query.where(Commitment.actor_id == actor_id)
    return [c for c in (await session.execute(query)).scalars().all() if c]


def _eur_cents(sqlite: bool, rates: Any, minor: Any) -> ColumnElement[Any]:
    """The EUR cents of ``minor`` units of each commitment's currency (NULL for permits)."""
    if sqlite:
        converted: ColumnElement[Any] = getattr(func, SQLITE_EUR_CENTS)(
            minor, Commitment.minor_units, cast(rates.c.eur_per_unit, String)
        )
    else:
        to_cents = case(
            (Commitment.minor_units == 0, literal(Decimal(100))),
            (Commitment.minor_units == 1, literal(Decimal(10))),
            (Commitment.minor_units == 2, literal(Decimal(1))),
            (Commitment.minor_units == 3, literal(Decimal("0.1"))),
            else_=literal(Decimal("0.01")),
        )
        converted = cast(func.round(minor * rates.c.eur_per_unit * to_cents), BigInteger)
    return case(
        (Commitment.amount_minor.is_(None), None),
        (Commitment.currency == EUR, minor),
        else_=converted,
    )


async def live_commitments_in_eur(
    session: AsyncSession, *, as_of: date, group: str | None
) -> Select[Any]:
    """One row per commitment binding on ``as_of`` to a known, not erased actor, in EUR cents."""
    sqlite = await _prepare(session)
    rates = _rates_on(as_of)
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
    key: ColumnElement[Any] = (
        literal("all") if group is None else getattr(Commitment, group)  # instrument, horizon
    )
    return (
        select(
            key.label("grp"),
            Commitment.actor_id,
            Commitment.donor,
            Commitment.amount_minor,
            _eur_cents(sqlite, rates, Commitment.amount_minor).label("eur_cents"),
            is_new.label("is_new"),
        )
        .join(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(KnownActor.erased.is_(False), live_on(as_of))
    )


async def concentration(
    session: AsyncSession, *, as_of: date, thin_threshold_cents: int, group: str | None
) -> Sequence[Any]:
    """Per group: total cents, actors funded, HHI, top-10 cents, new-actor cents, thin grants."""
    live = (await live_commitments_in_eur(session, as_of=as_of, group=group)).subquery("live")
    per_actor = (
        select(
            live.c.grp,
            live.c.actor_id,
            func.coalesce(func.sum(live.c.eur_cents), 0).label("eur"),
            func.max(live.c.is_new).label("is_new"),
        )
        .group_by(live.c.grp, live.c.actor_id)
        .subquery("per_actor")
    )
    ranked = select(
        per_actor,
        func.row_number()
        .over(
            partition_by=per_actor.c.grp,
            order_by=(per_actor.c.eur.desc(), per_actor.c.actor_id),
        )
        .label("rank"),
    ).subquery("ranked")
    eur = ranked.c.eur
    total = func.sum(eur)
    actors = (
        select(
            ranked.c.grp,
            total.label("total_cents"),
            func.count().label("actors_funded"),
            # Shares in percent, squared and summed: 0 (dispersed) to 10,000 (one actor).
            (
                func.sum(cast(eur, Float) * cast(eur, Float))
                * 10000.0
                / func.nullif(cast(total, Float) * cast(total, Float), 0)
            ).label("hhi"),
            func.sum(case((ranked.c.rank <= 10, eur), else_=0)).label("top10_cents"),
            func.sum(case((ranked.c.is_new == 1, eur), else_=0)).label("new_cents"),
        )
        .group_by(ranked.c.grp)
        .subquery("actors")
    )
    monetary = live.c.eur_cents.is_not(None)
    thin = case((and_(monetary, live.c.eur_cents < thin_threshold_cents), 1), else_=0)
    grants = (
        select(
            live.c.grp,
            func.count().label("commitments"),
            func.sum(case((monetary, 1), else_=0)).label("monetary"),
            func.sum(thin).label("thin"),
            func.count(func.distinct(live.c.donor)).label("donors"),
        )
        .group_by(live.c.grp)
        .subquery("grants")
    )
    query = (
        select(
            actors.c.grp,
            actors.c.total_cents,
            actors.c.actors_funded,
            actors.c.hhi,
            actors.c.top10_cents,
            actors.c.new_cents,
            grants.c.commitments,
            grants.c.monetary,
            grants.c.thin,
            grants.c.donors,
        )
        .join(grants, grants.c.grp == actors.c.grp)
        .order_by(actors.c.grp)
    )
    return (await session.execute(query)).all()


async def donors_per_actor(session: AsyncSession, *, as_of: date) -> Sequence[Any]:
    """How many actors have 1, 2, 3, … distinct donors on ``as_of``."""
    live = (await live_commitments_in_eur(session, as_of=as_of, group=None)).subquery("live")
    per_actor = (
        select(live.c.actor_id, func.count(func.distinct(live.c.donor)).label("donors"))
        .group_by(live.c.actor_id)
        .subquery("per_actor")
    )
    query = (
        select(per_actor.c.donors, func.count().label("actors"))
        .group_by(per_actor.c.donors)
        .order_by(per_actor.c.donors)
    )
    return (await session.execute(query)).all()


async def actor_totals(session: AsyncSession, *, actor_id: str, as_of: date) -> Sequence[Any]:
    """Per donor and status: commitments, committed and disbursed EUR cents for one actor."""
    sqlite = await _prepare(session)
    rates = _rates_on(as_of)
    query = (
        select(
            Commitment.donor,
            Commitment.status,
            func.count().label("commitments"),
            func.sum(_eur_cents(sqlite, rates, Commitment.amount_minor)).label("amount_cents"),
            func.sum(_eur_cents(sqlite, rates, Commitment.disbursed_minor)).label(
                "disbursed_cents"
            ),
        )
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(Commitment.actor_id == actor_id)
        .group_by(Commitment.donor, Commitment.status)
        .order_by(Commitment.donor, Commitment.status)
    )
    return (await session.execute(query)).all()
