"""The audit trail: append-only, hash-chained records of who touched what (never the values).

Each record's hash covers its fields and the previous record's hash, so changing, removing or
reordering any record breaks the chain from there on; the head row names the last record, so
cutting off the tail is noticed too. Appends lock the head row (and on SQLite take the write
lock at BEGIN), so concurrent writers — also in several gateway replicas — append one at a time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import AuditHead, AuditRecord

GENESIS = "0" * 64
HEADER = "x-agora-audit"
# What a service may report in its X-Agora-Audit response header.
SERVICE_ACTIONS = frozenset(
    {
        "actor.personal_data.read",
        "actor.personal_data.write",
        "actor.erased",
        "actor.grant.created",
        "actor.grant.withdrawn",
        "actor.vetting.recorded",
    }
)
MAX_RESOURCE = 200


@dataclass(frozen=True, slots=True)
class Entry:
    """What one audit record says, before it is chained."""

    client_id: str | None
    state: str | None
    action: str
    resource: str
    outcome: str


class AuditEvent(BaseModel):
    seq: int
    at: datetime
    client_id: str | None
    state: str | None
    action: str
    resource: str
    outcome: str
    hash: str
    prev_hash: str


class AuditPage(BaseModel):
    items: list[AuditEvent]
    next_cursor: str | None


class Verification(BaseModel):
    valid: bool
    records: int


def record_hash(
    *,
    prev_hash: str,
    at: datetime,
    client_id: str | None,
    state: str | None,
    action: str,
    resource: str,
    outcome: str,
) -> str:
    canonical = orjson.dumps(
        [prev_hash, at.astimezone(UTC).isoformat(), client_id, state, action, resource, outcome]
    )
    return hashlib.sha256(canonical).hexdigest()


def parse_service_header(value: str) -> list[tuple[str, str]] | None:
    """(action, resource id) pairs of ``<action> <resource_id> [<resource_id> ...]``.

    Several such values may arrive joined by commas. None if any part is malformed.
    """
    pairs = []
    for part in value.split(","):
        words = part.split()
        if len(words) < 2 or words[0] not in SERVICE_ACTIONS:
            return None
        pairs += [(words[0], resource[:MAX_RESOURCE]) for resource in words[1:]]
    return pairs


async def append(session: AsyncSession, entries: list[Entry]) -> None:
    """Chain ``entries`` onto the trail in the caller's transaction."""
    if not entries:
        return
    head = await session.scalar(select(AuditHead).where(AuditHead.id == 1).with_for_update())
    assert head is not None, "the audit head row is created by the migration"
    prev_hash = head.hash
    now = datetime.now(UTC)
    records = []
    for entry in entries:
        resource = entry.resource[:MAX_RESOURCE]
        digest = record_hash(
            prev_hash=prev_hash,
            at=now,
            client_id=entry.client_id,
            state=entry.state,
            action=entry.action,
            resource=resource,
            outcome=entry.outcome,
        )
        records.append(
            AuditRecord(
                at=now,
                client_id=entry.client_id,
                state=entry.state,
                action=entry.action,
                resource=resource,
                outcome=entry.outcome,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    session.add_all(records)
    await session.flush()
    head.seq = records[-1].seq
    head.hash = prev_hash


async def verify(session: AsyncSession, *, batch: int = 1000) -> Verification:
    """Recompute the whole chain; valid only if every link and the head agree."""
    prev_hash = GENESIS
    last_seq = 0
    count = 0
    valid = True
    while True:
        rows = (
            await session.scalars(
                select(AuditRecord)
                .where(AuditRecord.seq > last_seq)
                .order_by(AuditRecord.seq)
                .limit(batch)
            )
        ).all()
        for row in rows:
            expected = record_hash(
                prev_hash=prev_hash,
                at=row.at,
                client_id=row.client_id,
                state=row.state,
                action=row.action,
                resource=row.resource,
                outcome=row.outcome,
            )
            if row.prev_hash != prev_hash or row.hash != expected:
                valid = False
            prev_hash = row.hash
            last_seq = row.seq
            count += 1
        if len(rows) < batch:
            break
    head = await session.get(AuditHead, 1)
    if head is None or head.hash != prev_hash or head.seq != last_seq:
        valid = False
    return Verification(valid=valid, records=count)


async def events(
    session: AsyncSession,
    *,
    after: int | None,
    limit: int,
    action: str | None = None,
    client_id: str | None = None,
    state: str | None = None,
    resource: str | None = None,
    outcome: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditRecord]:
    """One page of the trail in the order it was written, filtered."""
    query = select(AuditRecord).order_by(AuditRecord.seq).limit(limit)
    if after is not None:
        query = query.where(AuditRecord.seq > after)
    for column, value in (
        (AuditRecord.action, action),
        (AuditRecord.client_id, client_id),
        (AuditRecord.state, state),
        (AuditRecord.resource, resource),
        (AuditRecord.outcome, outcome),
    ):
        if value is not None:
            query = query.where(column == value)
    if since is not None:
        query = query.where(AuditRecord.at >= since)
    if until is not None:
        query = query.where(AuditRecord.at < until)
    return list((await session.scalars(query)).all())
