"""All SQL of commitments and disbursements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    and_,
    delete,
    exists,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, selectinload

from funding.actors_view.models import ActorVetting, KnownActor
from funding.commitments.models import (
    Commitment,
    CommitmentPurpose,
    CommitmentStatusPeriod,
    Disbursement,
)
from funding.commitments.rules import Status
from funding.commitments.schemas import CommitmentFilter
from funding.reports.models import FundingAmount, FundingTotal

OVERLAP_ROWS_LIMIT = 1000


_COMMITMENT_COLUMNS = tuple(c.key for c in Commitment.__table__.columns)


async def add_commitment(session: AsyncSession, commitment: Commitment) -> None:
    """Insert a new commitment and its purposes.

    Core statements: the ORM's unit of work (identity map, flush, re-select of defaults) costs
    more than the inserts themselves; the object is complete already. Its status history starts
    with its first change (:func:`record_status`): until then it has held the status it was made
    with since it was recorded.
    """
    values = {c: getattr(commitment, c) for c in _COMMITMENT_COLUMNS}
    await session.execute(insert(Commitment), [values])
    await session.execute(
        insert(CommitmentPurpose),
        [{"commitment_id": commitment.id, "purpose": p} for p in commitment.purposes],
    )


async def lock_actor_to_fund(
    session: AsyncSession, actor_id: str, donor: str
) -> tuple[bool, str | None] | None:
    """(erased, ``donor``'s latest vetting decision) of the actor, None if it is unknown; the
    actor's row locked until the transaction ends (PostgreSQL; SQLite serialises writers
    anyway), so that commitments to one actor are made one after the other and each sees every
    earlier one when it looks for overlaps. One statement for both (a new commitment's hot path).
    """
    decision = (
        select(ActorVetting.decision)
        .where(ActorVetting.actor_id == actor_id, ActorVetting.state == donor)
        .scalar_subquery()
    )
    query = (
        select(KnownActor.erased, decision)
        .where(KnownActor.actor_id == actor_id)
        .with_for_update(of=KnownActor)
    )
    row = (await session.execute(query)).first()
    return None if row is None else (bool(row[0]), row[1])


async def record_status(session: AsyncSession, commitment: Commitment, *, previous: str) -> None:
    """Close the status period in force and open one for the commitment's new status; at its
    first change, also the period of ``previous`` (the status it was made with) from its
    creation."""
    closed = await session.execute(
        update(CommitmentStatusPeriod)
        .where(
            CommitmentStatusPeriod.commitment_id == commitment.id,
            CommitmentStatusPeriod.valid_to.is_(None),
        )
        .values(valid_to=commitment.updated_at)
    )
    periods = [
        {
            "commitment_id": commitment.id,
            "version": commitment.version,
            "status": commitment.status,
            "valid_from": commitment.updated_at,
            "valid_to": None,
        }
    ]
    if not cast(CursorResult[Any], closed).rowcount:
        periods.insert(
            0,
            {
                "commitment_id": commitment.id,
                "version": 1,
                "status": previous,
                "valid_from": commitment.created_at,
                "valid_to": commitment.updated_at,
            },
        )
    await session.execute(insert(CommitmentStatusPeriod), periods)


async def save_commitment(session: AsyncSession, commitment: Commitment) -> None:
    """Write the changes of a loaded commitment now (the request's transaction commits them)."""
    session.add(commitment)
    await session.flush()


async def add_disbursement(session: AsyncSession, disbursement: Disbursement) -> None:
    session.add(disbursement)
    await session.flush()


async def get_commitment(
    session: AsyncSession, commitment_id: str, *, with_disbursements: bool = False
) -> Commitment | None:
    query = select(Commitment).where(Commitment.id == commitment_id)
    if with_disbursements:
        query = query.options(selectinload(Commitment.disbursements)).execution_options(
            populate_existing=True
        )
    return (await session.execute(query)).scalar_one_or_none()


async def lock_commitment(session: AsyncSession, commitment_id: str) -> Commitment | None:
    """The commitment, its row locked until the transaction ends.

    PostgreSQL: ``FOR UPDATE`` makes concurrent disbursements wait for each other and re-read the
    committed total. SQLite: the clause is not emitted; writers are already serialised because
    every write transaction starts with ``BEGIN IMMEDIATE``.
    """
    query = (
        select(Commitment)
        .where(Commitment.id == commitment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.execute(query)).scalar_one_or_none()


def visible_to(viewer: str | None) -> ColumnElement[bool]:
    """Commitments ``viewer`` (a donor) may read: all but other donors' confidential ones."""
    if viewer is None:
        return Commitment.confidential.is_(False)
    return or_(Commitment.confidential.is_(False), Commitment.donor == viewer)


async def list_commitments(
    session: AsyncSession,
    *,
    where: CommitmentFilter,
    after: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[Commitment]:
    """Newest first, by (created_at, id): a keyset order that new rows never disturb."""
    query = select(Commitment).where(visible_to(where.viewer))
    if where.actor_id is not None:
        query = query.where(Commitment.actor_id == where.actor_id)
    if where.donor is not None:
        query = query.where(Commitment.donor == where.donor)
    if where.status is not None:
        query = query.where(Commitment.status == where.status)
    if where.active_on is not None:
        query = query.where(
            Commitment.period_start <= where.active_on, Commitment.period_end >= where.active_on
        )
    if where.purpose is not None:
        query = query.where(
            exists().where(
                CommitmentPurpose.commitment_id == Commitment.id,
                CommitmentPurpose.purpose == where.purpose,
            )
        )
    if after is not None:
        created_at, last_id = after
        query = query.where(
            or_(
                Commitment.created_at < created_at,
                and_(Commitment.created_at == created_at, Commitment.id < last_id),
            )
        )
    query = query.order_by(Commitment.created_at.desc(), Commitment.id.desc()).limit(limit)
    return (await session.execute(query)).scalars().all()


async def overlapping_commitments(
    session: AsyncSession,
    *,
    actor_id: str,
    donor: str,
    purposes: Sequence[str],
    start: date,
    end: date,
) -> list[tuple[Commitment, list[str]]]:
    """Other donors' live commitments to ``actor_id`` sharing a purpose within the period.

    Served by ``ix_commitments_actor_period`` (the actor's few commitments) and the primary
    key of ``commitment_purposes``; the shared purposes come with each.
    """
    query = (
        select(Commitment, CommitmentPurpose.purpose)
        .join(CommitmentPurpose, CommitmentPurpose.commitment_id == Commitment.id)
        .where(
            Commitment.actor_id == actor_id,
            Commitment.donor != donor,
            Commitment.status != Status.cancelled.value,
            Commitment.period_start <= end,
            Commitment.period_end >= start,
            CommitmentPurpose.purpose.in_(list(purposes)),
        )
        .order_by(Commitment.created_at, Commitment.id, CommitmentPurpose.purpose)
        .limit(OVERLAP_ROWS_LIMIT)
    )
    found: dict[str, tuple[Commitment, list[str]]] = {}
    for commitment, purpose in (await session.execute(query)).all():
        found.setdefault(commitment.id, (commitment, []))[1].append(purpose)
    return list(found.values())


async def actor_commitments(
    session: AsyncSession, actor_id: str, *, viewer: str | None, limit: int
) -> Sequence[Commitment]:
    """The actor's commitments ``viewer`` may read, newest first."""
    query = (
        select(Commitment)
        .where(Commitment.actor_id == actor_id, visible_to(viewer))
        .order_by(Commitment.created_at.desc(), Commitment.id.desc())
        .limit(limit)
    )
    return (await session.execute(query)).scalars().all()


async def actor_overlap_pairs(
    session: AsyncSession, actor_id: str, *, viewer: str | None, limit: int
) -> list[dict[str, Any]]:
    """Pairs of live commitments to one actor by different donors that overlap, in SQL.

    Another donor's confidential commitment is in a pair only when the other member is
    ``viewer``'s own: it shows as an overlap flag on the viewer's commitments, nowhere else.
    """
    a, b = aliased(Commitment), aliased(Commitment)

    def visible(c: Any) -> ColumnElement[bool]:
        return or_(c.confidential.is_(False), c.donor == viewer)

    shown = or_(and_(visible(a), visible(b)), a.donor == viewer, b.donor == viewer)
    pa, pb = aliased(CommitmentPurpose), aliased(CommitmentPurpose)
    query = (
        select(a.id, a.donor, b.id, b.donor, pa.purpose)
        .join(b, and_(b.actor_id == a.actor_id, b.id > a.id))
        .join(pa, pa.commitment_id == a.id)
        .join(pb, and_(pb.commitment_id == b.id, pb.purpose == pa.purpose))
        .where(
            a.actor_id == actor_id,
            a.donor != b.donor,
            a.status != Status.cancelled.value,
            b.status != Status.cancelled.value,
            a.period_start <= b.period_end,
            b.period_start <= a.period_end,
            shown,
        )
        .order_by(a.id, b.id, pa.purpose)
        .limit(limit)
    )
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for a_id, a_donor, b_id, b_donor, purpose in (await session.execute(query)).all():
        pair = pairs.setdefault(
            (a_id, b_id),
            {
                "commitments": [
                    {"commitment_id": a_id, "donor": a_donor},
                    {"commitment_id": b_id, "donor": b_donor},
                ],
                "shared_purposes": [],
            },
        )
        pair["shared_purposes"].append(purpose)
    return list(pairs.values())


async def forget_actor(session: AsyncSession, actor_id: str) -> None:
    """Delete every commitment to the actor with its purposes, disbursements, status history
    and report totals (erasure)."""
    connection = await session.connection()
    if connection.dialect.name == "sqlite":
        # Overwrite deleted rows in the file instead of leaving them in free pages.
        await session.execute(text("PRAGMA secure_delete = ON"))
    of_actor = select(Commitment.id).where(Commitment.actor_id == actor_id)
    # The foreign keys cascade; saying it keeps this correct without them.
    await session.execute(delete(Disbursement).where(Disbursement.commitment_id.in_(of_actor)))
    await session.execute(
        delete(CommitmentPurpose).where(CommitmentPurpose.commitment_id.in_(of_actor))
    )
    await session.execute(
        delete(CommitmentStatusPeriod).where(CommitmentStatusPeriod.commitment_id.in_(of_actor))
    )
    await session.execute(delete(FundingTotal).where(FundingTotal.actor_id == actor_id))
    await session.execute(delete(FundingAmount).where(FundingAmount.actor_id == actor_id))
    # "fetch": a commitment this session loaded leaves the session with its row.
    await session.execute(
        delete(Commitment)
        .where(Commitment.actor_id == actor_id)
        .execution_options(synchronize_session="fetch")
    )
