"""All SQL of joint programmes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from funding.programmes.models import Programme, ProgrammeDonor


async def add_programme(session: AsyncSession, programme: Programme) -> None:
    session.add(programme)
    await session.flush()


async def get_programme(session: AsyncSession, programme_id: str) -> Programme | None:
    return await session.get(Programme, programme_id)


async def donor_programmes(
    session: AsyncSession, *, donor: str, after: tuple[datetime, str] | None, limit: int
) -> Sequence[Programme]:
    """The programmes ``donor`` takes part in, newest first (served by the donor index)."""
    query = select(Programme).join(
        ProgrammeDonor,
        and_(ProgrammeDonor.programme_id == Programme.id, ProgrammeDonor.donor == donor),
    )
    if after is not None:
        joined_at, last_id = after
        query = query.where(
            or_(
                ProgrammeDonor.joined_at < joined_at,
                and_(ProgrammeDonor.joined_at == joined_at, ProgrammeDonor.programme_id < last_id),
            )
        )
    query = query.order_by(
        ProgrammeDonor.joined_at.desc(), ProgrammeDonor.programme_id.desc()
    ).limit(limit)
    return (await session.execute(query)).scalars().all()
