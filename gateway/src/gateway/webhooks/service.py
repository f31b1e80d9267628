"""Webhooks: subscribing and unsubscribing, the delivery log, turning a consumed event into
deliveries, and writing down what each attempt gave (retry later, delivered, or given up and
the endpoint disabled with a notice)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import orjson
from agora_common.events import CloudEvent
from agora_common.ids import new_id
from agora_common.pagination import Slice, decode_cursor, page_of
from agora_common.problems import Conflict, Forbidden, NotFound, Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.audit import service as audit
from gateway.auth.principal import Principal
from gateway.webhooks import repository
from gateway.webhooks.catalogue import SOURCES, STATE_ROLES, SUBSCRIBABLE, Notice
from gateway.webhooks.models import WebhookDelivery, WebhookEndpoint
from gateway.webhooks.repository import DELIVERED, FAILED, PENDING
from gateway.webhooks.schemas import WebhookIn
from gateway.webhooks.sealing import WebhookSecrets, new_secret
from gateway.webhooks.ssrf import RefusedTarget, parse_url, resolve

log = logging.getLogger("agora.gateway.webhooks")

MAX_ENDPOINTS_PER_CLIENT = 10
QUEUED = "webhooks_queued"
"""``session.info`` key set when a transaction queued deliveries (the worker is woken)."""


def _subscriber_state(caller: Principal) -> str | None:
    if caller.role in STATE_ROLES:
        if caller.state is None:  # agencies and stewards are created with a state
            raise Forbidden("This client belongs to no state.")
        return caller.state
    return None


async def create_webhook(
    session: AsyncSession,
    *,
    caller: Principal,
    data: WebhookIn,
    secrets: WebhookSecrets,
    allow_loopback: bool,
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint for the caller's events; its signing secret is returned only here."""
    state = _subscriber_state(caller)
    refused = sorted(e for e in set(data.events) if caller.role not in SUBSCRIBABLE[e])
    if refused:
        raise Unprocessable.field(
            ["body", "events"],
            f"A client of role {caller.role} may not subscribe to: {', '.join(refused)}.",
        )
    try:
        await resolve(
            parse_url(data.url, allow_loopback=allow_loopback), allow_loopback=allow_loopback
        )
    except RefusedTarget as refusal:
        raise Unprocessable.field(["body", "url"], refusal.reason) from None
    if (
        await repository.count_endpoints(session, owner_client_id=caller.client_id)
        >= MAX_ENDPOINTS_PER_CLIENT
    ):
        raise Conflict(f"A client may have at most {MAX_ENDPOINTS_PER_CLIENT} webhook endpoints.")
    secret = new_secret()
    endpoint_id = new_id("wh")
    endpoint = WebhookEndpoint(
        id=endpoint_id,
        owner_client_id=caller.client_id,
        owner_role=caller.role,
        state=state,
        url=data.url,
        events=sorted(set(data.events)),
        secret_sealed=secrets.seal(secret, endpoint_id=endpoint_id),
        created_at=datetime.now(UTC),
        disabled_at=None,
        disabled_reason=None,
    )
    await repository.add_endpoint(session, endpoint)
    await audit.append(
        session, [audit.Entry.by(caller, "webhook.created", endpoint_id, subject=state)]
    )
    return endpoint, secret


async def list_webhooks(
    session: AsyncSession, *, caller: Principal, cursor: str | None, limit: int
) -> Slice[WebhookEndpoint]:
    """One page of the caller's own endpoints, oldest first."""
    rows = await repository.list_endpoints(
        session,
        owner_client_id=caller.client_id,
        after=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda e: (e.created_at, e.id))


async def _own_endpoint(
    session: AsyncSession, caller: Principal, endpoint_id: str
) -> WebhookEndpoint:
    endpoint = await repository.get_endpoint(session, endpoint_id)
    if endpoint is None or endpoint.owner_client_id != caller.client_id:
        raise NotFound("No such webhook endpoint.")
    return endpoint


async def delete_webhook(session: AsyncSession, *, caller: Principal, endpoint_id: str) -> None:
    """Delete one of the caller's endpoints and its delivery log; nothing more is sent to it."""
    endpoint = await _own_endpoint(session, caller, endpoint_id)
    await repository.delete_endpoint(session, endpoint.id)
    await audit.append(
        session, [audit.Entry.by(caller, "webhook.deleted", endpoint.id, subject=endpoint.state)]
    )


async def list_deliveries(
    session: AsyncSession, *, caller: Principal, endpoint_id: str, cursor: str | None, limit: int
) -> Slice[WebhookDelivery]:
    """One page of the delivery log of one of the caller's endpoints, newest first."""
    endpoint = await _own_endpoint(session, caller, endpoint_id)
    rows = await repository.list_deliveries(
        session,
        endpoint_id=endpoint.id,
        before=decode_cursor(cursor, datetime, str),
        limit=limit + 1,
    )
    return page_of(rows, limit, key=lambda d: (d.created_at, d.id))


def _concerns(endpoint: WebhookEndpoint, notice: Notice) -> bool:
    if notice.state is not None:
        return endpoint.owner_role in STATE_ROLES and endpoint.state == notice.state
    return endpoint.owner_client_id == notice.evaluator_id


def _body(webhook_type: str, event: CloudEvent, data: dict[str, object]) -> str:
    """The Standard Webhooks payload: ``type``, ``timestamp`` (of the event) and ``data``."""
    timestamp = event.time.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return orjson.dumps({"type": webhook_type, "timestamp": timestamp, "data": data}).decode()


async def queue_event(session: AsyncSession, event: CloudEvent) -> None:
    """Queue a delivery of ``event`` to every endpoint it concerns (the consumer's handler: the
    rows commit with the event's inbox row)."""
    source = SOURCES[event.type]
    notices = source.notices(event.data)
    endpoints = await repository.subscribed_endpoints(
        session,
        states={n.state for n in notices if n.state is not None},
        evaluator_ids={n.evaluator_id for n in notices if n.evaluator_id is not None},
    )
    now = datetime.now(UTC)
    rows = [
        {
            "id": new_id("msg"),
            "endpoint_id": endpoint.id,
            "event_id": event.id,
            "event_type": source.webhook_type,
            "payload": _body(source.webhook_type, event, notice.data),
            "status": PENDING,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
        for notice in notices
        for endpoint in endpoints
        if source.webhook_type in endpoint.events and _concerns(endpoint, notice)
    ]
    await repository.add_deliveries(session, rows)
    if rows:
        session.info[QUEUED] = True


async def record_delivered(
    session: AsyncSession, *, delivery_id: str, worker: str, status_code: int
) -> None:
    """The receiver answered 2xx: the delivery is done."""
    now = datetime.now(UTC)
    await repository.record_attempt(
        session,
        delivery_id=delivery_id,
        worker=worker,
        values={
            "status": DELIVERED,
            "attempts": WebhookDelivery.attempts + 1,
            "last_attempt_at": now,
            "last_status_code": status_code,
            "last_error": None,
            "delivered_at": now,
            "next_attempt_at": None,
        },
    )


async def record_failed_attempt(
    session: AsyncSession,
    *,
    delivery_id: str,
    endpoint_id: str,
    worker: str,
    retry_in: float | None,
    status_code: int | None,
    error: str,
) -> None:
    """An attempt failed: retry in ``retry_in`` seconds, or (None) give up and disable the
    endpoint, with a notice in its GET, an audit record and a log line."""
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "attempts": WebhookDelivery.attempts + 1,
        "last_attempt_at": now,
        "last_status_code": status_code,
        "last_error": error[:200],
    }
    if retry_in is not None:
        values |= {"next_attempt_at": now + timedelta(seconds=retry_in)}
    else:
        values |= {"status": FAILED, "next_attempt_at": None}
    if not await repository.record_attempt(
        session, delivery_id=delivery_id, worker=worker, values=values
    ):
        return  # the lease ran out and another worker took the delivery over
    if retry_in is not None:
        return
    reason = (
        f"Disabled after every retry of delivery {delivery_id} failed (last: {error[:100]}); "
        "delete it and register the endpoint again."
    )
    endpoint = await repository.disable_endpoint(
        session, endpoint_id=endpoint_id, now=now, reason=reason
    )
    if endpoint is None:
        return
    await audit.append(
        session,
        [
            audit.Entry(
                client_id=None,
                state=None,
                action="webhook.disabled",
                resource=endpoint.id,
                outcome="success",
                subject_state=endpoint.state,
            )
        ],
    )
    log.warning(
        "webhook endpoint disabled: every retry failed",
        extra={"endpoint_id": endpoint.id, "delivery_id": delivery_id},
    )
