"""All SQL of the audit trail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit.models import AuditHead, AuditRecord


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which records to list; None matches any value."""

    action: str | None = None
    client_id: str | None = None
    state: str | None = None
    resource: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def locked_head(session: AsyncSession) -> AuditHead:
    """The head row, locked until the transaction ends (so appends happen one at a time)."""
    head = await session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    assert head is not None, "the audit head row is created by the migration"
    return head


async def get_head(session: AsyncSession) -> AuditHead | None:
    return await session.get(AuditHead, 1)


async def add_records(session: AsyncSession, records: list[AuditRecord]) -> None:
    session.add_all(records)
    await session.flush()


async def hashes_at(session: AsyncSession, seqs: list[int]) -> dict[int, str]:
    """The hash of each record among ``seqs`` that exists."""
    if not seqs:
        return {}
    rows = await session.execute(
        select(AuditRecord.seq, AuditRecord.hash).where(AuditRecord.seq.in_(sorted(set(seqs))))
    )
    return {row.seq: row.hash for row in rows}


async def list_records(
    session: AsyncSession, *, after: int | None, limit: int, only: AuditFilter = AuditFilter()
) -> list[AuditRecord]:
    """Records in the order they were written, those after ``after`` that match ``only``."""
    query = select(AuditRecord).order_by(AuditRecord.seq).limit(limit)
    if after is not None:
        query = query.where(AuditRecord.seq > after)
    for column, value in (
        (AuditRecord.action, only.action),
        (AuditRecord.client_id, only.client_id),
        (AuditRecord.state, only.state),
        (AuditRecord.resource, only.resource),
        (AuditRecord.outcome, only.outcome),
    ):
        if value is not None:
            query = query.where(column == value)
    if only.since is not None:
        query = query.where(AuditRecord.at >= only.since)
    if only.until is not None:
        query = query.where(AuditRecord.at < only.until)
    return list((await session.scalars(query)).all())
