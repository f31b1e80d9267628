"""All SQL of stewardship: the audit records about one state."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit.models import AuditRecord


async def list_state_records(
    session: AsyncSession,
    *,
    state: str,
    actions: frozenset[str],
    after: int | None,
    limit: int,
    since: datetime | None,
    until: datetime | None,
) -> list[AuditRecord]:
    """Records about ``state`` (its ``subject_state``) with one of ``actions``, in written order."""
    query = (
        select(AuditRecord)
        .where(AuditRecord.subject_state == state, AuditRecord.action.in_(sorted(actions)))
        .order_by(AuditRecord.seq)
        .limit(limit)
    )
    if after is not None:
        query = query.where(AuditRecord.seq > after)
    if since is not None:
        query = query.where(AuditRecord.at >= since)
    if until is not None:
        query = query.where(AuditRecord.at < until)
    return list((await session.scalars(query)).all())
