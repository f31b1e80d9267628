"""All SQL of the exports: lean rows of one donor's commitments, a batch at a time."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from funding.actors_view.models import KnownActor
from funding.commitments.models import Commitment, Disbursement

AnyRow = Row[*tuple[Any, ...]]


async def donor_commitments(
    session: AsyncSession,
    *,
    donor: str,
    instruments: Collection[str],
    statuses: Collection[str],
    with_confidential: bool,
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[AnyRow]:
    """Up to ``limit`` of the donor's commitments after ``after``, oldest first, as plain rows
    with the recipient's kind and host country (served by the donor index, no ORM objects)."""
    query = (
        select(
            Commitment.id,
            Commitment.actor_id,
            Commitment.instrument,
            Commitment.amount_minor,
            Commitment.currency,
            Commitment.minor_units,
            Commitment.period_start,
            Commitment.period_end,
            Commitment.purposes,
            Commitment.status,
            Commitment.confidential,
            Commitment.created_at,
            Commitment.updated_at,
            Commitment.committed_at,
            KnownActor.kind.label("actor_kind"),
            KnownActor.host_country,
        )
        .outerjoin(KnownActor, KnownActor.actor_id == Commitment.actor_id)
        .where(
            Commitment.donor == donor,
            Commitment.instrument.in_(instruments),
            Commitment.status.in_(statuses),
        )
    )
    if not with_confidential:
        query = query.where(Commitment.confidential.is_(False))
    if after is not None:
        created_at, last_id = after
        query = query.where(
            or_(
                Commitment.created_at > created_at,
                and_(Commitment.created_at == created_at, Commitment.id > last_id),
            )
        )
    query = query.order_by(Commitment.created_at, Commitment.id).limit(limit)
    return (await session.execute(query)).all()


async def disbursements_of(
    session: AsyncSession, commitment_ids: Collection[str]
) -> Sequence[AnyRow]:
    """The disbursements of these commitments (one batch), in the order they were recorded."""
    if not commitment_ids:
        return []
    query = (
        select(
            Disbursement.id,
            Disbursement.commitment_id,
            Disbursement.amount_minor,
            Disbursement.date,
            Disbursement.recorded_at,
        )
        .where(Disbursement.commitment_id.in_(commitment_ids))
        .order_by(Disbursement.commitment_id, Disbursement.recorded_at, Disbursement.id)
    )
    return (await session.execute(query)).all()
