"""All SQL of webhooks: endpoints, the delivery queue, and claiming due deliveries.

Claiming runs once across replicas: the endpoint row is locked (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL; SQLite serialises writers at ``BEGIN IMMEDIATE``) while its in-flight deliveries are
counted and its due ones leased with a conditional UPDATE (free or with an expired lease). So no
two workers hold one delivery, and no endpoint has more than its bound in flight.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.clients.models import Client
from gateway.webhooks.catalogue import EVALUATOR, STATE_ROLES
from gateway.webhooks.models import WebhookDelivery, WebhookEndpoint

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"


async def add_endpoint(session: AsyncSession, endpoint: WebhookEndpoint) -> None:
    session.add(endpoint)
    await session.flush()


async def count_endpoints(session: AsyncSession, *, owner_client_id: str) -> int:
    query = select(func.count()).where(WebhookEndpoint.owner_client_id == owner_client_id)
    return int(await session.scalar(query) or 0)


async def get_endpoint(session: AsyncSession, endpoint_id: str) -> WebhookEndpoint | None:
    return await session.get(WebhookEndpoint, endpoint_id)


async def list_endpoints(
    session: AsyncSession,
    *,
    owner_client_id: str,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[WebhookEndpoint]:
    """The client's endpoints, oldest first, those after ``after`` (created_at, id)."""
    query = (
        select(WebhookEndpoint)
        .where(WebhookEndpoint.owner_client_id == owner_client_id)
        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
        .limit(limit)
    )
    if after is not None:
        query = query.where(
            or_(
                WebhookEndpoint.created_at > after[0],
                and_(WebhookEndpoint.created_at == after[0], WebhookEndpoint.id > after[1]),
            )
        )
    return list((await session.scalars(query)).all())


async def delete_endpoint(session: AsyncSession, endpoint_id: str) -> None:
    """The endpoint and its delivery log."""
    await session.execute(delete(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id))
    await session.execute(delete(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id))


async def list_deliveries(
    session: AsyncSession, *, endpoint_id: str, before: tuple[datetime, str] | None, limit: int
) -> list[WebhookDelivery]:
    """The endpoint's deliveries, newest first, those before ``before`` (created_at, id)."""
    query = (
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
        .limit(limit)
    )
    if before is not None:
        query = query.where(
            or_(
                WebhookDelivery.created_at < before[0],
                and_(WebhookDelivery.created_at == before[0], WebhookDelivery.id < before[1]),
            )
        )
    return list((await session.scalars(query)).all())


async def subscribed_endpoints(
    session: AsyncSession, *, states: set[str], evaluator_ids: set[str]
) -> list[WebhookEndpoint]:
    """Enabled endpoints of active clients that events for ``states`` (their agencies and
    stewards) or for ``evaluator_ids`` (those evaluators) may reach; bounded by the per-client
    endpoint limit."""
    concerned = []
    if states:
        concerned.append(
            and_(WebhookEndpoint.state.in_(states), WebhookEndpoint.owner_role.in_(STATE_ROLES))
        )
    if evaluator_ids:
        concerned.append(
            and_(
                WebhookEndpoint.owner_client_id.in_(evaluator_ids),
                WebhookEndpoint.owner_role == EVALUATOR,
            )
        )
    if not concerned:
        return []
    query = (
        select(WebhookEndpoint)
        .join(Client, Client.client_id == WebhookEndpoint.owner_client_id)
        .where(
            or_(*concerned),
            WebhookEndpoint.disabled_at.is_(None),
            Client.status == "active",
            Client.revoked_at.is_(None),
        )
        .order_by(WebhookEndpoint.id)
    )
    return list((await session.scalars(query)).all())


async def add_deliveries(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Queue deliveries; one already queued for the same endpoint and event is kept as it is."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(WebhookDelivery)
    await session.execute(insert.values(rows).on_conflict_do_nothing())


def _due(now: datetime) -> Any:
    return and_(
        WebhookDelivery.status == PENDING,
        WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until <= now),
    )


async def endpoints_with_due_deliveries(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[str]:
    """Ids of enabled endpoints that have a delivery due, the longest waiting first."""
    query = (
        select(WebhookDelivery.endpoint_id)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(_due(now), WebhookEndpoint.disabled_at.is_(None))
        .group_by(WebhookDelivery.endpoint_id)
        .order_by(func.min(WebhookDelivery.next_attempt_at))
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def lock_endpoint(session: AsyncSession, endpoint_id: str) -> WebhookEndpoint | None:
    """The enabled endpoint, its row locked until the transaction ends; None when it is gone,
    disabled, or another worker holds it (PostgreSQL skips it rather than wait)."""
    query = (
        select(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.disabled_at.is_(None))
        .with_for_update(skip_locked=True)
    )
    return (await session.scalars(query)).one_or_none()


async def count_in_flight(session: AsyncSession, *, endpoint_id: str, now: datetime) -> int:
    query = select(func.count()).where(
        WebhookDelivery.endpoint_id == endpoint_id,
        WebhookDelivery.status == PENDING,
        WebhookDelivery.claimed_until > now,
    )
    return int(await session.scalar(query) or 0)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery leased to a worker, with what sending it needs."""

    id: str
    endpoint_id: str
    payload: str
    attempts: int


async def claim_due(
    session: AsyncSession,
    *,
    endpoint_id: str,
    worker: str,
    now: datetime,
    until: datetime,
    limit: int,
) -> list[Claimed]:
    """Lease up to ``limit`` due deliveries of the endpoint to ``worker`` until ``until``."""
    candidates = (
        select(WebhookDelivery.id)
        .where(WebhookDelivery.endpoint_id == endpoint_id, _due(now))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.scalars(candidates)).all())
    if not ids:
        return []
    # Conditional: a row another worker leased meanwhile (its lease not expired) is not taken.
    claimed = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id.in_(ids), _due(now))
        .values(claimed_by=worker, claimed_until=until)
        .returning(
            WebhookDelivery.id,
            WebhookDelivery.endpoint_id,
            WebhookDelivery.payload,
            WebhookDelivery.attempts,
        )
        .execution_options(synchronize_session=False)
    )
    return [Claimed(*row) for row in claimed.all()]


async def record_attempt(
    session: AsyncSession,
    *,
    delivery_id: str,
    worker: str,
    values: dict[str, Any],
) -> bool:
    """Write an attempt's outcome and release the lease, if ``worker`` still holds it."""
    result = await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.claimed_by == worker)
        .values(**values, claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def disable_endpoint(
    session: AsyncSession, *, endpoint_id: str, now: datetime, reason: str
) -> WebhookEndpoint | None:
    """Disable the endpoint (once) and close its pending deliveries; None if it was already."""
    result = await session.execute(
        update(WebhookEndpoint)
        .where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.disabled_at.is_(None))
        .values(disabled_at=now, disabled_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return None
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.status == PENDING)
        .values(
            status=FAILED,
            next_attempt_at=None,
            last_error="not sent: the endpoint was disabled",
            claimed_by=None,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return await session.get(WebhookEndpoint, endpoint_id, populate_existing=True)
