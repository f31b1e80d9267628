"""All SQL of the evaluation service's funding read model."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.actors_view.models import KnownActor
from evaluation.funding_view.models import FundedCommitment, FxRate
from evaluation.rules import CANCELLED


async def lock_commitment(session: AsyncSession, commitment_id: str) -> FundedCommitment | None:
    """The commitment, its row locked until the transaction ends (PostgreSQL), so concurrent
    consumer replicas apply its facts one after the other and the newest version wins."""
    return await session.get(
        FundedCommitment, commitment_id, with_for_update=True, populate_existing=True
    )


async def save_commitment(session: AsyncSession, commitment: FundedCommitment) -> None:
    session.add(commitment)
    await session.flush()


def live_within(start: date, end: date) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a live (not cancelled) commitment whose period meets [start, end]."""
    return (
        FundedCommitment.status != CANCELLED,
        FundedCommitment.period_start.is_not(None),
        FundedCommitment.period_start <= end,
        FundedCommitment.period_end >= start,
    )


async def donor_funds_actor(
    session: AsyncSession, *, donor: str, actor_id: str, start: date, end: date
) -> bool:
    """Whether ``donor`` has a live commitment to the actor whose period meets [start, end]
    (a confidential one too: the evaluator's own state funds the actor either way)."""
    found = await session.scalar(
        select(FundedCommitment.commitment_id)
        .where(
            FundedCommitment.donor == donor,
            FundedCommitment.actor_id == actor_id,
            *live_within(start, end),
        )
        .limit(1)
    )
    return found is not None


class FundingRow(NamedTuple):
    actor_id: str
    donor: str
    currency: str | None
    amount: str | None
    disbursed_total: str | None
    instrument: str | None


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Remove an erased actor's commitments: which states funded it is no one's to read now."""
    await session.execute(delete(FundedCommitment).where(FundedCommitment.actor_id == actor_id))


async def live_funding_within(session: AsyncSession, *, start: date, end: date) -> list[FundingRow]:
    """Every live commitment whose period meets [start, end] (one cycle's funding), as tuples;
    confidential ones are left out (reports never show them)."""
    rows = await session.execute(
        select(
            FundedCommitment.actor_id,
            FundedCommitment.donor,
            FundedCommitment.currency,
            FundedCommitment.amount,
            FundedCommitment.disbursed_total,
            FundedCommitment.instrument,
        ).where(*live_within(start, end), FundedCommitment.confidential.is_(False))
    )  # unordered: the report groups and sorts per actor and donor itself
    return [FundingRow(*row) for row in rows]


async def donors_by_actor(session: AsyncSession, *, start: date, end: date) -> dict[str, set[str]]:
    """Which donors fund which actors with a live commitment meeting [start, end] that is not
    confidential (a report must not link a donor to an actor it funds confidentially)."""
    rows = await session.execute(
        select(FundedCommitment.actor_id, FundedCommitment.donor)
        .where(*live_within(start, end), FundedCommitment.confidential.is_(False))
        .distinct()
    )
    found: dict[str, set[str]] = {}
    for actor_id, donor in rows:
        found.setdefault(actor_id, set()).add(donor)
    return found


async def funders_of_live_actors(
    session: AsyncSession, *, start: date, end: date
) -> dict[str, set[str]]:
    """Every live actor with a live, non-confidential commitment meeting [start, end], with all
    its donors, confidential ones too: who may evaluate whom (never shown in a report). An actor
    funded only confidentially is left out: assignments and progress, which agencies and
    evaluators read, would otherwise tell them that somebody funds it."""
    rows = await session.execute(
        select(FundedCommitment.actor_id, FundedCommitment.donor, FundedCommitment.confidential)
        .join(KnownActor, KnownActor.actor_id == FundedCommitment.actor_id)
        .where(*live_within(start, end), KnownActor.erased.is_(False))
        .distinct()
    )
    found: dict[str, set[str]] = {}
    openly_funded: set[str] = set()
    for actor_id, donor, confidential in rows:
        found.setdefault(actor_id, set()).add(donor)
        if not confidential:
            openly_funded.add(actor_id)
    return {actor_id: donors for actor_id, donors in found.items() if actor_id in openly_funded}


async def commitment_facts(session: AsyncSession, commitment_id: str) -> FundedCommitment | None:
    return await session.get(FundedCommitment, commitment_id)


async def lock_rate(session: AsyncSession, currency: str, as_of: date) -> FxRate | None:
    return await session.get(
        FxRate, (currency, as_of), with_for_update=True, populate_existing=True
    )


async def save_rate(session: AsyncSession, rate: FxRate) -> None:
    session.add(rate)
    await session.flush()


async def rates_on(session: AsyncSession, day: date) -> dict[str, Decimal]:
    """Per currency, EUR per unit in force on ``day`` (the latest rate set as of that day)."""
    rows = await session.execute(
        select(FxRate.currency, FxRate.eur_per_unit)
        .where(FxRate.as_of <= day)
        .order_by(FxRate.currency, FxRate.as_of)
    )
    return {currency: Decimal(rate) for currency, rate in rows}  # the latest per currency wins
