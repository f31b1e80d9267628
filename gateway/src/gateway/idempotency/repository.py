"""All SQL of idempotency keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.idempotency.models import IdempotencyRecord


async def add_claim(
    session: AsyncSession, *, client_id: str, key_hash: str, request_hash: str, now: datetime
) -> None:
    """A running request's claim; IntegrityError if the key is claimed already."""
    session.add(
        IdempotencyRecord(
            client_id=client_id,
            key_hash=key_hash,
            request_hash=request_hash,
            status=None,
            created_at=now,
        )
    )
    await session.flush()


async def get_record(
    session: AsyncSession, *, client_id: str, key_hash: str
) -> IdempotencyRecord | None:
    return await session.scalar(
        select(IdempotencyRecord).where(
            IdempotencyRecord.client_id == client_id,
            IdempotencyRecord.key_hash == key_hash,
        )
    )


async def take_over(
    session: AsyncSession, record: IdempotencyRecord, *, request_hash: str, now: datetime
) -> bool:
    """Claim ``record`` afresh unless someone else did since it was read (compare-and-set)."""
    taken = await session.execute(
        update(IdempotencyRecord)
        .where(
            IdempotencyRecord.id == record.id,
            IdempotencyRecord.created_at == record.created_at,
        )
        .values(
            request_hash=request_hash,
            status=None,
            headers=None,
            body=None,
            resources=None,
            created_at=now,
            completed_at=None,
        )
    )
    return taken.rowcount == 1  # type: ignore[attr-defined]


def _unfinished(client_id: str, key_hash: str) -> tuple[ColumnElement[bool], ...]:
    return (
        IdempotencyRecord.client_id == client_id,
        IdempotencyRecord.key_hash == key_hash,
        IdempotencyRecord.status.is_(None),
    )


async def complete_claim(
    session: AsyncSession,
    *,
    client_id: str,
    key_hash: str,
    status: int,
    headers: str,
    body: bytes,
    resources: str | None,
    now: datetime,
) -> None:
    """Keep the response of a running claim."""
    await session.execute(
        update(IdempotencyRecord)
        .where(*_unfinished(client_id, key_hash))
        .values(status=status, headers=headers, body=body, resources=resources, completed_at=now)
    )


async def delete_claim(session: AsyncSession, *, client_id: str, key_hash: str) -> None:
    """Forget a running claim."""
    await session.execute(delete(IdempotencyRecord).where(*_unfinished(client_id, key_hash)))


async def delete_created_before(session: AsyncSession, moment: datetime) -> None:
    await session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < moment))


async def delete_naming(session: AsyncSession, resource_id: str) -> None:
    """Forget every kept response naming ``resource_id``."""
    await session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.resources.contains(f" {resource_id} ", autoescape=True)
        )
    )
