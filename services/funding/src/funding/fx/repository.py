"""All SQL of FX rates."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from funding.fx.models import FxRate


async def get_rate(session: AsyncSession, currency: str, effective_on: date) -> FxRate | None:
    return await session.get(FxRate, (currency, effective_on))


async def save_rate(session: AsyncSession, rate: FxRate) -> None:
    session.add(rate)
    await session.flush()
