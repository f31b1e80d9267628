"""All SQL of the evaluator roster."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.evaluators.models import Evaluator


async def lock_evaluator(session: AsyncSession, client_id: str) -> Evaluator | None:
    """The roster entry, locked until the transaction ends (PostgreSQL)."""
    return await session.get(Evaluator, client_id, with_for_update=True, populate_existing=True)


async def save(session: AsyncSession, evaluator: Evaluator) -> None:
    session.add(evaluator)
    await session.flush()


async def list_evaluators(
    session: AsyncSession, *, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Evaluator]:
    """The roster in enrolment order, after a keyset position."""
    query = select(Evaluator).order_by(Evaluator.enrolled_at, Evaluator.client_id).limit(limit)
    if after is not None:
        query = query.where(tuple_(Evaluator.enrolled_at, Evaluator.client_id) > after)
    return (await session.scalars(query)).all()


async def roster(session: AsyncSession) -> dict[str, str | None]:
    """Every enrolled evaluator with its affiliated state (a few hundred at most)."""
    rows = await session.execute(select(Evaluator.client_id, Evaluator.state))
    return {row.client_id: row.state for row in rows.all()}
