"""All SQL of overlap notices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from funding.commitments.models import Commitment
from funding.overlaps.models import Overlap
from funding.overlaps.schemas import OverlapView

_Earlier = aliased(Commitment)
_Later = aliased(Commitment)


def _with_commitments() -> Select[Overlap, Commitment, Commitment]:
    return (
        select(Overlap, _Earlier, _Later)
        .join(_Earlier, _Earlier.id == Overlap.earlier_commitment_id)
        .join(_Later, _Later.id == Overlap.later_commitment_id)
    )


async def add_overlaps(session: AsyncSession, overlaps: Sequence[Overlap]) -> None:
    session.add_all(overlaps)
    await session.flush()


async def save_overlap(session: AsyncSession, overlap: Overlap) -> None:
    session.add(overlap)
    await session.flush()


async def lock_overlap(session: AsyncSession, overlap_id: str) -> OverlapView | None:
    """The notice with its commitments, its row locked until the transaction ends (PostgreSQL;
    SQLite serialises writers): two donors resolving at once are applied one after the other."""
    query = (
        _with_commitments()
        .where(Overlap.id == overlap_id)
        .with_for_update(of=Overlap)
        .execution_options(populate_existing=True)
    )
    row = (await session.execute(query)).one_or_none()
    return None if row is None else OverlapView(row[0], row[1], row[2])


async def donor_overlaps(
    session: AsyncSession,
    *,
    donor: str,
    status: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[OverlapView]:
    """Notices where ``donor`` made either commitment, newest first by (created_at, id)."""
    query = _with_commitments().where(
        or_(Overlap.earlier_donor == donor, Overlap.later_donor == donor)
    )
    if status is not None:
        query = query.where(Overlap.status == status)
    if after is not None:
        created_at, last_id = after
        query = query.where(
            or_(
                Overlap.created_at < created_at,
                and_(Overlap.created_at == created_at, Overlap.id < last_id),
            )
        )
    query = query.order_by(Overlap.created_at.desc(), Overlap.id.desc()).limit(limit)
    return [OverlapView(n, e, later) for n, e, later in (await session.execute(query)).all()]


async def forget_actor_overlaps(session: AsyncSession, actor_id: str) -> None:
    """Delete the notices about an erased actor (its commitments go too)."""
    await session.execute(
        delete(Overlap)
        .where(Overlap.actor_id == actor_id)
        .execution_options(synchronize_session="fetch")
    )
