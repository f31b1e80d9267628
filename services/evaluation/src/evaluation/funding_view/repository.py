"""All SQL of the evaluation service's funding read model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.funding_view.models import FundedCommitment
from evaluation.rules import CANCELLED


async def get_commitment(session: AsyncSession, commitment_id: str) -> FundedCommitment | None:
    return await session.get(FundedCommitment, commitment_id)


async def save_commitment(session: AsyncSession, commitment: FundedCommitment) -> None:
    session.add(commitment)
    await session.flush()


def _live_within(start: date, end: date) -> tuple[ColumnElement[bool], ...]:
    return (
        FundedCommitment.status != CANCELLED,
        FundedCommitment.period_start.is_not(None),
        FundedCommitment.period_start <= end,
        FundedCommitment.period_end >= start,
    )


async def donor_funds_actor(
    session: AsyncSession, *, donor: str, actor_id: str, start: date, end: date
) -> bool:
    """Whether ``donor`` has a live commitment to the actor whose period meets [start, end]."""
    found = await session.scalar(
        select(FundedCommitment.commitment_id)
        .where(
            FundedCommitment.donor == donor,
            FundedCommitment.actor_id == actor_id,
            *_live_within(start, end),
        )
        .limit(1)
    )
    return found is not None


async def live_commitments_within(
    session: AsyncSession, *, start: date, end: date
) -> Sequence[FundedCommitment]:
    """Every live commitment whose period meets [start, end] (one cycle's funding)."""
    rows = await session.scalars(
        select(FundedCommitment)
        .where(*_live_within(start, end))
        .order_by(FundedCommitment.actor_id, FundedCommitment.donor, FundedCommitment.commitment_id)
    )
    return rows.all()
