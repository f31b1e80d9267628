"""The delivery worker: leases due deliveries, signs and sends them, writes down the outcome.

Every gateway replica runs one. The queue is the ``webhook_deliveries`` table, so nothing is
lost across restarts; a delivery is leased to one worker at a time (see ``repository``), and a
worker that dies mid-delivery loses its lease and another sends it again (at least once, with
the same ``webhook-id``, so receivers can drop the duplicate). Each attempt is signed with
``standardwebhooks`` (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``), connects to
an address it resolved and checked (``ssrf``), and follows no redirect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from agora_common.db import Database
from agora_common.ids import new_id
from agora_common.metrics import REGISTRY
from agora_common.tasks import stop_task
from prometheus_client import Counter
from standardwebhooks import Webhook

from gateway.webhooks import repository, service
from gateway.webhooks.config import WebhookSettings
from gateway.webhooks.sealing import WebhookSecrets
from gateway.webhooks.ssrf import RefusedTarget, Target, parse_url, resolve

log = logging.getLogger("agora.gateway.webhooks")

BACKOFF_FACTOR = 4
USER_AGENT = "Agora-Webhooks/1"
ENDPOINTS_PER_CLAIM = 50

attempts_total = Counter(
    "agora_gateway_webhook_attempts",
    "Webhook delivery attempts, by outcome: delivered, retry (failed, tried again later) or "
    "failed (the last retry failed: the endpoint is disabled).",
    ["outcome"],
    registry=REGISTRY,
)


def backoff_schedule(settings: WebhookSettings) -> list[float]:
    """The waits before each retry: growing ×4 from the first, capped, until together they
    cover the retry period (so a failing delivery is retried for at least that long)."""
    delays: list[float] = []
    delay = settings.webhooks_retry_first_seconds
    while sum(delays) < settings.webhooks_retry_for_seconds:
        delays.append(min(delay, settings.webhooks_retry_max_interval_seconds))
        delay *= BACKOFF_FACTOR
    return delays


def sign(secret: str, *, msg_id: str, timestamp: datetime, payload: str) -> dict[str, str]:
    """The Standard Webhooks headers of one attempt."""
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, timestamp, payload),
    }


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one attempt gave: delivered (a 2xx), or why not."""

    delivered: bool
    status_code: int | None = None
    error: str | None = None


def new_http_client(timeout: float, verify: ssl.SSLContext | bool = True) -> httpx.AsyncClient:
    """No redirects, no proxy from the environment, no connection reuse (a connection opened
    for one host must never carry a request for another host on the same address); receivers'
    certificates checked against the public CAs (``verify``: another trust, for tests)."""
    return httpx.AsyncClient(
        follow_redirects=False,
        trust_env=False,
        verify=verify,
        timeout=timeout,
        limits=httpx.Limits(max_keepalive_connections=0),
        headers={"User-Agent": USER_AGENT},
    )


async def send(
    http: httpx.AsyncClient,
    target: Target,
    *,
    allow_loopback: bool,
    headers: dict[str, str],
    payload: str,
) -> Outcome:
    """POST ``payload`` to the target, connecting to a resolved and checked address."""
    try:
        addresses = await resolve(target, allow_loopback=allow_loopback)
    except RefusedTarget as refusal:
        return Outcome(False, error=f"refused: {refusal.reason}")
    extensions = {}
    if target.scheme == "https" and target.literal is None:
        extensions["sni_hostname"] = target.host  # the certificate is checked for the host
    last = "connection failed"
    for address in addresses:
        request = http.build_request(
            "POST",
            target.url_for(address),
            content=payload.encode(),
            headers={
                **headers,
                "Host": target.host_header,
                "Content-Type": "application/json",
                "Connection": "close",
            },
            extensions=extensions,
        )
        try:
            response = await http.send(request, stream=True)
        except httpx.ConnectError:
            continue  # another address of the host may answer
        except httpx.TimeoutException:
            return Outcome(False, error="timed out")
        except httpx.HTTPError as exc:
            return Outcome(False, error=f"request failed ({type(exc).__name__})")
        await response.aclose()  # the body is not read: only the status matters
        if response.is_success:
            return Outcome(True, status_code=response.status_code)
        if response.is_redirect:
            return Outcome(False, response.status_code, "redirect not followed")
        return Outcome(False, response.status_code, f"HTTP {response.status_code}")
    return Outcome(False, error=last)


class DeliveryWorker:
    """Sends due deliveries while the gateway runs; one per replica."""

    def __init__(
        self,
        db: Database,
        secrets: WebhookSecrets,
        settings: WebhookSettings,
        *,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.db = db
        self.secrets = secrets
        self.settings = settings
        self.schedule = backoff_schedule(settings)
        self.worker_id = f"{socket.gethostname()[:30]}-{os.getpid()}-{new_id('w')[-8:]}"
        self.max_in_flight = 32
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._sending: set[asyncio.Task[None]] = set()
        self._http = new_http_client(settings.webhooks_timeout_seconds, verify)

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="webhook-delivery")

    async def stop(self) -> None:
        await stop_task(self._task)
        for task in list(self._sending):
            await stop_task(task)
        await self._http.aclose()

    async def _run(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("webhook claim failed", extra={"error_type": type(exc).__name__})
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.settings.webhooks_poll_seconds)
            self._wake.clear()

    async def run_once(self) -> int:
        """Lease what is due (within the bounds) and start sending it; how many were leased."""
        room = self.max_in_flight - len(self._sending)
        if room <= 0:
            return 0
        claimed = await self.claim(room)
        for delivery in claimed:
            task = asyncio.create_task(self.deliver(delivery), name=f"webhook-{delivery[0].id}")
            self._sending.add(task)
            task.add_done_callback(self._finished)
        return len(claimed)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._sending.discard(task)
        self._wake.set()  # room for more, and the endpoint may have more due

    async def claim(self, room: int) -> list[tuple[repository.Claimed, str, str]]:
        """Lease due deliveries, at most ``room`` and at most the per-endpoint bound in flight
        per endpoint (counting every worker's); each with its endpoint's URL and sealed secret."""
        now = datetime.now(UTC)
        until = now + timedelta(seconds=self.settings.webhooks_lease_seconds)
        bound = self.settings.webhooks_concurrency_per_endpoint
        leased: list[tuple[repository.Claimed, str, str]] = []
        # Looking is a read (no write lock on SQLite, none of the gateway's writers waits);
        # only endpoints with something due are locked and claimed from.
        async with self.db.transaction(readonly=True) as session:
            due = await repository.endpoints_with_due_deliveries(
                session, now=now, limit=ENDPOINTS_PER_CLAIM
            )
        if not due:
            return leased
        async with self.db.transaction() as session:
            for endpoint_id in due:
                if len(leased) >= room:
                    break
                endpoint = await repository.lock_endpoint(session, endpoint_id)
                if endpoint is None:
                    continue
                free = bound - await repository.count_in_flight(
                    session, endpoint_id=endpoint_id, now=now
                )
                if free <= 0:
                    continue
                claimed = await repository.claim_due(
                    session,
                    endpoint_id=endpoint_id,
                    worker=self.worker_id,
                    now=now,
                    until=until,
                    limit=min(free, room - len(leased)),
                )
                leased += [(c, endpoint.url, endpoint.secret_sealed) for c in claimed]
        return leased

    async def deliver(self, leased: tuple[repository.Claimed, str, str]) -> None:
        """One attempt of one delivery, and its outcome written down."""
        delivery, url, sealed = leased
        try:
            outcome = await asyncio.wait_for(
                self.attempt(delivery, url, sealed), self.settings.webhooks_timeout_seconds
            )
        except TimeoutError:
            outcome = Outcome(False, error="timed out")
        retry_in = None if outcome.delivered else self.retry_in(delivery.attempts + 1)
        try:
            async with self.db.transaction() as session:
                if outcome.delivered:
                    await service.record_delivered(
                        session,
                        delivery_id=delivery.id,
                        worker=self.worker_id,
                        status_code=outcome.status_code or 200,
                    )
                else:
                    await service.record_failed_attempt(
                        session,
                        delivery_id=delivery.id,
                        endpoint_id=delivery.endpoint_id,
                        worker=self.worker_id,
                        retry_in=retry_in,
                        status_code=outcome.status_code,
                        error=outcome.error or "failed",
                    )
            kind = (
                "delivered" if outcome.delivered else "retry" if retry_in is not None else "failed"
            )
            attempts_total.labels(kind).inc()
        except Exception as exc:
            # The lease runs out and the delivery is sent again: at least once.
            log.warning(
                "webhook outcome not recorded",
                extra={"delivery_id": delivery.id, "error_type": type(exc).__name__},
            )

    def retry_in(self, attempts: int) -> float | None:
        """Seconds until the next attempt after ``attempts`` failed ones; None: give up."""
        return self.schedule[attempts - 1] if attempts <= len(self.schedule) else None

    async def attempt(self, delivery: repository.Claimed, url: str, sealed: str) -> Outcome:
        allow_loopback = self.settings.loopback_allowed()
        secret = self.secrets.open(sealed, endpoint_id=delivery.endpoint_id)
        if secret is None:
            return Outcome(False, error="the signing secret cannot be opened (gateway key changed)")
        try:
            target = parse_url(url, allow_loopback=allow_loopback)
        except RefusedTarget as refusal:
            return Outcome(False, error=f"refused: {refusal.reason}")
        headers = sign(
            secret, msg_id=delivery.id, timestamp=datetime.now(UTC), payload=delivery.payload
        )
        return await send(
            self._http,
            target,
            allow_loopback=allow_loopback,
            headers=headers,
            payload=delivery.payload,
        )
