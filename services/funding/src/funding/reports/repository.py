"""All SQL of the funding reports: aggregation happens in the database, in EUR cents.

Each commitment's amount is converted once to whole EUR cents (rounded half up) with the rate
effective on the report date; everything after that is integer arithmetic, exact on both
databases (:mod:`funding.reports.exact`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
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
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment
from funding.commitments.repository import visible_to
from funding.fx.models import FxRate
from funding.money import EUR
from funding.reports.exact import eur_cents, exact_sum, prepare_exact

# Founded or relocated on or after this day: a "new" actor of the relocated public sphere.
NEW_ACTOR_SINCE = date(2022, 2, 24)
# Statuses that bind the donor: what the reports count as committed.
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
    session: AsyncSession, *, as_of: date, actor_id: str | None = None, viewer: str | None = None
) -> list[str]:
    """Currencies of commitments a report on ``as_of`` needs that have no rate by then.

    Only commitments the report converts: never another donor's confidential one (naming its
    currency would reveal it), and in the concentration report no confidential one at all.
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
        )
        .order_by(Commitment.currency)
    )
    if actor_id is None:
        query = query.join(KnownActor, KnownActor.actor_id == Commitment.actor_id).where(
            KnownActor.erased.is_(False), live_on(as_of), Commitment.confidential.is_(False)
        )
    else:
        # The summary converts every commitment but cancelled ones that never paid out.
        query = query.where(
            Commitment.actor_id == actor_id,
            or_(Commitment.status != "cancelled", Commitment.disbursed_minor > 0),
            visible_to(viewer),
        )
    return [c for c in (await session.execute(query)).scalars().all() if c]


async def live_commitments_in_eur(session: AsyncSession, *, as_of: date) -> Select[Any]:
    """One row per commitment binding on ``as_of`` to a known, not erased actor, in EUR cents.

    Confidential commitments are left out: every figure built on these rows is one any agency
    could compute from the commitments it can list, so none can be differenced to an amount.
    """
    sqlite = await prepare_exact(session)
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
    unrated = and_(
        Commitment.amount_minor.is_not(None),
        Commitment.currency != EUR,
        rates.c.currency.is_(None),
    )
    return (
        select(
            Commitment.instrument,
            Commitment.horizon,
            Commitment.actor_id,
            Commitment.donor,
            KnownActor.origin_region,
            KnownActor.women_led,
            KnownActor.minority_led,
            KnownActor.regional,
            eur_cents(sqlite, rates, Commitment.amount_minor).label("eur_cents"),
            is_new.label("is_new"),
            case((unrated, 1), else_=0).label("unrated"),
        )
        .join(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .outerjoin(rates, rates.c.currency == Commitment.currency)
        .where(KnownActor.erased.is_(False), live_on(as_of), Commitment.confidential.is_(False))
    )


async def confidential_binding(session: AsyncSession, *, as_of: date) -> int:
    """How many confidential commitments bind on ``as_of`` (to known, not erased actors)."""
    query = (
        select(func.count())
        .select_from(Commitment)
        .join(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .where(KnownActor.erased.is_(False), live_on(as_of), Commitment.confidential.is_(True))
    )
    return int(await session.scalar(query) or 0)


async def concentration(
    session: AsyncSession, *, as_of: date, thin_threshold_cents: int
) -> Sequence[Any]:
    """Concentration figures in one statement, one row per (dimension, group).

    Dimensions: ``all`` (group ``all``), ``instrument`` and ``horizon`` (group = its value),
    and ``donors`` (group = a number of donors, ``actors_funded`` = actors with that many).
    Per row: total cents, actors funded, HHI, top-10 cents, new-actor cents, commitments,
    monetary commitments, thin ones, distinct donors, and commitments lacking an FX rate.
    """
    sqlite = await prepare_exact(session)
    live = (await live_commitments_in_eur(session, as_of=as_of)).subquery("live")
    monetary = live.c.eur_cents.is_not(None)
    # One pass over the commitments: cells of (instrument, horizon, actor, donor).
    cells = (
        select(
            live.c.instrument,
            live.c.horizon,
            live.c.actor_id,
            live.c.donor,
            func.coalesce(exact_sum(sqlite, live.c.eur_cents), 0).label("eur"),
            func.count().label("commitments"),
            func.sum(case((monetary, 1), else_=0)).label("monetary"),
            func.sum(
                case((and_(monetary, live.c.eur_cents < thin_threshold_cents), 1), else_=0)
            ).label("thin"),
            func.max(live.c.is_new).label("is_new"),
            func.sum(live.c.unrated).label("unrated"),
        )
        .group_by(live.c.instrument, live.c.horizon, live.c.actor_id, live.c.donor)
        .cte("cells")
        .prefix_with("MATERIALIZED")
    )
    measures = (
        cells.c.actor_id,
        cells.c.donor,
        cells.c.eur,
        cells.c.commitments,
        cells.c.monetary,
        cells.c.thin,
        cells.c.is_new,
        cells.c.unrated,
    )
    keyed = union_all(
        select(literal("all").label("dim"), literal("all").label("grp"), *measures),
        select(literal("instrument"), cells.c.instrument, *measures),
        select(literal("horizon"), cells.c.horizon, *measures),
    ).subquery("keyed")
    per_actor = (
        select(
            keyed.c.dim,
            keyed.c.grp,
            keyed.c.actor_id,
            exact_sum(sqlite, keyed.c.eur).label("eur"),
            func.max(keyed.c.is_new).label("is_new"),
            func.count(func.distinct(keyed.c.donor)).label("donors"),
        )
        .group_by(keyed.c.dim, keyed.c.grp, keyed.c.actor_id)
        .subquery("per_actor")
    )
    ranked = select(
        per_actor,
        func.row_number()
        .over(
            partition_by=(per_actor.c.dim, per_actor.c.grp),
            order_by=(per_actor.c.eur.desc(), per_actor.c.actor_id),
        )
        .label("rank"),
    ).subquery("ranked")
    eur = ranked.c.eur
    total = exact_sum(sqlite, eur)
    actors = (
        select(
            ranked.c.dim,
            ranked.c.grp,
            total.label("total_cents"),
            func.count().label("actors_funded"),
            # Shares in percent, squared and summed: 0 (dispersed) to 10,000 (one actor).
            (
                func.sum(cast(eur, Float) * cast(eur, Float))
                * 10000.0
                / func.nullif(cast(total, Float) * cast(total, Float), 0)
            ).label("hhi"),
            exact_sum(sqlite, case((ranked.c.rank <= 10, eur), else_=0)).label("top10_cents"),
            exact_sum(sqlite, case((ranked.c.is_new == 1, eur), else_=0)).label("new_cents"),
        )
        .group_by(ranked.c.dim, ranked.c.grp)
        .subquery("actors")
    )
    grants = (
        select(
            keyed.c.dim,
            keyed.c.grp,
            func.sum(keyed.c.commitments).label("commitments"),
            func.sum(keyed.c.monetary).label("monetary"),
            func.sum(keyed.c.thin).label("thin"),
            func.count(func.distinct(keyed.c.donor)).label("donors"),
            func.sum(keyed.c.unrated).label("unrated"),
        )
        .group_by(keyed.c.dim, keyed.c.grp)
        .subquery("grants")
    )
    figures = select(
        actors.c.dim,
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
        grants.c.unrated,
    ).join(grants, and_(grants.c.dim == actors.c.dim, grants.c.grp == actors.c.grp))
    # Donors per actor (all commitments): how many actors have 1, 2, 3, … donors.
    donor_counts = (
        select(per_actor.c.donors).where(per_actor.c.dim == "all").subquery("donor_counts")
    )
    distribution = select(
        literal("donors").label("dim"),
        cast(donor_counts.c.donors, String).label("grp"),
        literal(0).label("total_cents"),
        func.count().label("actors_funded"),
        *(literal(None).label(c) for c in ("hhi", "top10_cents", "new_cents")),
        *(literal(0).label(c) for c in ("commitments", "monetary", "thin", "donors", "unrated")),
    ).group_by(donor_counts.c.donors)
    return (await session.execute(union_all(figures, distribution))).all()


LEADERSHIP = ("women_led", "minority_led", "regional")


async def shares(session: AsyncSession, *, as_of: date) -> Sequence[Any]:
    """Actors and EUR cents per leadership flag and per origin region, in one statement.

    Rows (dim, grp, actors, cents): dim ``leadership`` with grp ``women_led``, ``minority_led``,
    ``regional`` (flag set) and ``unknown`` (not recorded); dim ``origin_region`` with grp the
    region or ``unknown``. Same commitments as the concentration figures: never confidential.
    """
    sqlite = await prepare_exact(session)
    live = (await live_commitments_in_eur(session, as_of=as_of)).subquery("live")
    per_actor = (
        select(
            live.c.actor_id,
            func.coalesce(live.c.origin_region, "unknown").label("region"),
            *(live.c[flag] for flag in LEADERSHIP),
            func.coalesce(exact_sum(sqlite, live.c.eur_cents), 0).label("eur"),
        )
        .group_by(live.c.actor_id, live.c.origin_region, *(live.c[f] for f in LEADERSHIP))
        .subquery("per_actor")
    )
    measures = (func.count().label("actors"), exact_sum(sqlite, per_actor.c.eur).label("cents"))

    def leadership(group: str, where: ColumnElement[bool]) -> Select[Any]:
        return select(
            literal("leadership", String).label("dim"),
            literal(group, String).label("grp"),
            *measures,
        ).where(where)

    cells = [leadership(flag, per_actor.c[flag].is_(True)) for flag in LEADERSHIP]
    cells.append(leadership("unknown", per_actor.c.women_led.is_(None)))
    regions = select(
        literal("origin_region", String), cast(per_actor.c.region, String), *measures
    ).group_by(per_actor.c.region)
    return (await session.execute(union_all(*cells, regions))).all()


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
