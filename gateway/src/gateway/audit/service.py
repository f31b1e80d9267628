"""Appending to the audit trail, verifying its chain, reading it page by page.

Each record's hash covers its fields and the previous record's hash, so changing, removing or
reordering any record breaks the chain from there on; the head row names the last record, so
cutting off the tail is noticed too. Appends lock the head row (and on SQLite take the write
lock at BEGIN), so concurrent writers — also in several gateway replicas — append one at a time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import orjson
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.types import query_moments
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import repository
from gateway.audit.models import AuditRecord
from gateway.audit.reported import MAX_RESOURCE
from gateway.audit.repository import AuditFilter
from gateway.audit.schemas import Verification
from gateway.auth.principal import Principal

GENESIS = "0" * 64


@dataclass(frozen=True, slots=True)
class Entry:
    """What one audit record says, before it is chained."""

    client_id: str | None
    state: str | None
    action: str
    resource: str
    outcome: str
    # The state whose registry the record concerns (the custodian of the actor read or written,
    # the state of the client enrolled or revoked): its stewards see the record.
    subject_state: str | None = None

    @classmethod
    def by(
        cls,
        principal: Principal | None,
        action: str,
        resource: str,
        outcome: str = "success",
        *,
        subject: str | None = None,
    ) -> Entry:
        """What ``principal`` (None: an unauthenticated caller) did."""
        return cls(
            client_id=principal.client_id if principal else None,
            state=principal.state if principal else None,
            action=action,
            resource=resource,
            outcome=outcome,
            subject_state=subject,
        )


def record_hash(record: AuditRecord) -> str:
    """The hash chaining ``record`` to the record before it (named by its ``prev_hash``).

    ``subject_state`` is covered when set (records written before it existed keep their hash).
    """
    fields = [
        record.prev_hash,
        record.at.astimezone(UTC).isoformat(),
        record.client_id,
        record.state,
        record.action,
        record.resource,
        record.outcome,
    ]
    if record.subject_state is not None:
        fields.append(record.subject_state)
    canonical = orjson.dumps(fields)
    return hashlib.sha256(canonical).hexdigest()


async def append(session: AsyncSession, entries: list[Entry]) -> None:
    """Chain ``entries`` onto the trail in the caller's transaction."""
    if not entries:
        return
    head = await repository.locked_head(session)
    prev_hash = head.hash
    now = datetime.now(UTC)
    records = []
    for entry in entries:
        record = AuditRecord(
            at=now,
            client_id=entry.client_id,
            state=entry.state,
            action=entry.action,
            resource=entry.resource[:MAX_RESOURCE],
            outcome=entry.outcome,
            subject_state=entry.subject_state,
            prev_hash=prev_hash,
        )
        record.hash = prev_hash = record_hash(record)
        records.append(record)
    await repository.add_records(session, records)
    head.seq = records[-1].seq
    head.hash = prev_hash


async def verify(session: AsyncSession, *, batch: int = 1000) -> Verification:
    """Recompute the whole chain; valid only if every link and the head agree."""
    prev_hash = GENESIS
    last_seq = 0
    count = 0
    valid = True
    while True:
        rows = await repository.list_records(session, after=last_seq, limit=batch)
        for row in rows:
            if row.prev_hash != prev_hash or row.hash != record_hash(row):
                valid = False
            prev_hash = row.hash
            last_seq = row.seq
            count += 1
        if len(rows) < batch:
            break
    head = await repository.get_head(session)
    if head is None or head.hash != prev_hash or head.seq != last_seq:
        valid = False
    return Verification(valid=valid, records=count)


async def events(
    session: AsyncSession, *, cursor: str | None, limit: int, only: AuditFilter
) -> Slice[AuditRecord]:
    """One page of the trail in the order it was written, filtered."""
    window = query_moments(since=only.since, until=only.until)
    only = replace(only, since=window["since"], until=window["until"])
    after = decode_cursor(cursor, int)
    rows = await repository.list_records(
        session, after=after[0] if after else None, limit=limit + 1, only=only
    )
    return page_of(rows, limit, key=lambda record: (record.seq,))
